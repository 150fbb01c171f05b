package session

import (
	"errors"
	"fmt"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
	"cmocoder.org/cmocoder/storage"
)

// An import commits in steps: each document, then all the coding, then
// each new coder. One that fails after others went in must not be told as
// "the project is as it was before" (what a single failed transaction
// says) nor as a warning: it is an error naming the step that failed and
// saying exactly what the steps before it committed.

// Reason is why err happened, without what a failed transaction says of
// the project ("the project is as it was before"), for a caller that has
// committed work before it and says what that was.
func Reason(err error) string {
	if we, ok := errors.AsType[*storage.WriteError](err); ok {
		return we.Reason()
	}
	return OneLine(err)
}

// ProjectFault reports whether err is the project's failure rather than
// a file's: the project is in use, damaged, or the disk takes nothing
// more. Work on several files (an import, an add) stops there, since every
// file after it would fail the same way.
func ProjectFault(err error) bool {
	_, write := errors.AsType[*storage.WriteError](err)
	return write || coding.IsKind(err, coding.KindBusy) || coding.IsKind(err, coding.KindDamaged)
}

// importStopped is the error of an import of file that stopped at err,
// while storing the source called source ("" for the coding), after
// committing the documents counted in added.
func importStopped(file, source string, added refiqda.Counts, err error) error {
	msg := Reason(err)
	if source != "" {
		msg = fmt.Sprintf("source %q: %s", source, msg)
	}
	if added.Documents == 0 {
		msg += "; nothing was imported"
	} else {
		before := ""
		if source != "" {
			before = " before it"
		}
		msg += fmt.Sprintf("; %s %s imported%s, none of the coding", coding.Count(added.Documents, "document"), wasWere(added.Documents), before)
	}
	return coding.Errorf(coding.KindOf(err), "import", file, "%s", msg)
}

// codersStopped is the error of an import of file whose documents and
// coding (added) were committed but whose coder called name could not be
// recorded, nor those after it.
func codersStopped(file, name string, added refiqda.Counts, err error) error {
	return coding.Errorf(coding.KindOf(err), "import", file, "coder %q: %s; imported before it: %s; not recorded: this coder and any after it",
		name, Reason(err), added)
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
