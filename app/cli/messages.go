package cli

// What the verbs say on stderr, in two kinds a reader (and a script) can
// tell apart at a glance:
//
//	cmocoder: add: warning: scan.pdf: needs OCR ...   the work was done; exit 0
//	cmocoder: add: broken.pdf: not a PDF ...          an error; exit 1
//
// Every line a verb writes to stderr goes through warn or fail (a test
// checks), so no verb prints a warning without its prefix or an error
// that reads like one.

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// warn prints a warning of verb: something the person should know about
// work that was done all the same. It does not change the exit status.
func (c *cli) warn(verb, msg string) {
	fmt.Fprintf(c.stderr, "cmocoder: %s: warning: %s\n", verb, oneLine(msg))
}

// fail prints an error of verb that the verb reports itself because it
// goes on after it, or says more than Run would; the verb then returns
// errReported, so the exit status is 1.
func (c *cli) fail(verb, msg string) {
	fmt.Fprintf(c.stderr, "cmocoder: %s: %s\n", verb, oneLine(msg))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// addStopped is the line of an `add` of files that stopped at files[at]
// (err), after adding the files named in added: which file failed and
// why, which went in and which did not. With nothing added and nothing
// left to try, the error's own account of the project is true and kept.
func addStopped(files []string, at int, added []string, err error) string {
	name := filepath.Base(files[at])
	rest := files[at:]
	if len(added) == 0 && len(rest) == 1 {
		return name + ": " + session.OneLine(err)
	}
	var notAdded []string
	for _, f := range rest {
		notAdded = append(notAdded, filepath.Base(f))
	}
	msg := name + ": " + session.Reason(err)
	if len(added) == 0 {
		msg += "; nothing was added"
	} else {
		msg += "; added: " + nameList(added)
	}
	return msg + "; not added: " + nameList(notAdded)
}

// nameList is up to five names, then how many more: "a.pdf, b.pdf and 12
// more".
func nameList(names []string) string {
	const shown = 5
	if len(names) <= shown {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}

// notMade is the error of a verb that makes a project file (new, demo)
// and removes the file it began when a write fails: there was no project
// before, so none is "as it was".
func notMade(err error) error {
	if _, write := errors.AsType[*storage.WriteError](err); write {
		return coding.Errorf(coding.KindOf(err), "", "", "%s; no project was made", session.Reason(err))
	}
	return err
}
