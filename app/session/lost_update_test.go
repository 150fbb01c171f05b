package session

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testedits"
	"cmocoder.org/cmocoder/storage"
)

// appAndCLI is a session on a new project with one document, as the app
// has it, and the same file opened a second time, as the CLI has it.
func appAndCLI(t *testing.T) (*Session, *storage.Project, coding.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.cmoproj")
	p, err := storage.Create(path, "Two programs", "app")
	if err != nil {
		t.Fatal(err)
	}
	s := New(p)
	t.Cleanup(func() { s.Close() })
	d, err := p.AddDocument(coding.Document{FileName: "a.pdf", Title: "Malawi study", Authors: "Ann"},
		[]byte("%PDF-1.7\n"), []coding.Page{{Number: 1, Text: "Some text."}})
	if err != nil {
		t.Fatal(err)
	}
	cli, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return s, cli, d
}

// setField edits one field of a document's source as it is stored now.
func setField(t *testing.T, do func(coding.Change) error, r coding.Reader, docID, field, value string) {
	t.Helper()
	testedits.SetSource(t, r, do, docID, map[string]string{field: value})
}

// TestUndoRefusedWhenChangedUnderneath: the app edits the design, then
// the authors; the CLI changes the authors. Undo refuses to put the
// app's old authors back over the CLI's (a conflict naming both), drops
// that step, and the next undo still takes the design back.
func TestUndoRefusedWhenChangedUnderneath(t *testing.T) {
	s, cli, d := appAndCLI(t)
	setField(t, s.Do, s, d.ID, "design", "RCT")
	setField(t, s.Do, s, d.ID, "authors", "Banda J")
	apply := func(c coding.Change) error { _, err := cli.Apply(c); return err }
	setField(t, apply, cli, d.ID, "authors", "Phiri K")

	err := s.Undo()
	if !errors.Is(err, coding.ErrConflict) {
		t.Fatalf("undo gave %v, want a conflict", err)
	}
	for _, part := range []string{"cannot undo", "authors", "Phiri K", "Banda J"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("message %q does not say %q", err, part)
		}
	}
	got, _ := s.Document(d.ID)
	if got.Authors != "Phiri K" || got.Design != "RCT" {
		t.Errorf("after the refused undo: authors %q, design %q", got.Authors, got.Design)
	}
	if err := s.Undo(); err != nil {
		t.Fatalf("second undo: %v", err)
	}
	got, _ = s.Document(d.ID)
	if got.Authors != "Phiri K" || got.Design != "" {
		t.Errorf("after undoing the design: authors %q, design %q", got.Authors, got.Design)
	}
	if s.CanUndo() {
		t.Errorf("undo still offers %q", s.UndoName())
	}
}

// TestWatchSeesOtherPrograms: Watch reports a change the CLI commits and
// stays quiet about the session's own.
func TestWatchSeesOtherPrograms(t *testing.T) {
	s, cli, d := appAndCLI(t)
	seen := make(chan struct{}, 10)
	stop := s.Watch(10*time.Millisecond, func() { seen <- struct{}{} })
	defer stop()
	setField(t, s.Do, s, d.ID, "design", "RCT")
	select {
	case <-seen:
		t.Fatal("the session's own change was reported")
	case <-time.After(200 * time.Millisecond):
	}
	apply := func(c coding.Change) error { _, err := cli.Apply(c); return err }
	setField(t, apply, cli, d.ID, "location", "Malawi")
	select {
	case <-seen:
	case <-time.After(5 * time.Second):
		t.Fatal("the CLI's change was not reported")
	}
}

// TestUndoOfAdditionRefusedWhenEdited: undoing a coding does not delete
// the fragment once the CLI has given it a memo (a conflict naming the
// memo); undoing one nobody touched still deletes it.
func TestUndoOfAdditionRefusedWhenEdited(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cliMem string // the memo the CLI gives the fragment, "" for none
	}{
		{"edited by the CLI", "The CLI's memo"},
		{"untouched", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, cli, d := appAndCLI(t)
			f := coding.Fragment{ID: coding.NewID(), DocID: d.ID, Start: 0, End: 4, Role: coding.Context}
			if err := s.Do(coding.AddFragment{Fragment: f}); err != nil {
				t.Fatal(err)
			}
			if tc.cliMem != "" {
				from, err := cli.Fragment(f.ID)
				if err != nil {
					t.Fatal(err)
				}
				to := from
				to.Memo = tc.cliMem
				if _, err := cli.Apply(coding.EditFragment{Fragment: to, From: &from}); err != nil {
					t.Fatal(err)
				}
			}
			err := s.Undo()
			_, found := s.Fragment(f.ID)
			switch {
			case tc.cliMem != "" && (!errors.Is(err, coding.ErrConflict) || !strings.Contains(err.Error(), tc.cliMem) || found != nil):
				t.Errorf("undo gave %v; the fragment is there: %v", err, found == nil)
			case tc.cliMem == "" && (err != nil || !coding.IsKind(found, coding.KindNotFound)):
				t.Errorf("undo gave %v; fragment lookup %v", err, found)
			}
		})
	}
}
