// Package testedits holds the edits that the tests of several packages
// make as a second program (the CLI beside the app) makes them, to check
// that neither loses the other's work.
package testedits

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// SetSource sets the named fields (coding.SourceField's names) of a
// document's source as r has it stored now, leaving the others as they
// were read, and commits the edit with do.
func SetSource(t testing.TB, r coding.Reader, do func(coding.Change) error, docID string, fields map[string]string) {
	t.Helper()
	d, err := r.Document(docID)
	if err != nil {
		t.Fatal(err)
	}
	from := d.Source()
	to := from
	for name, v := range fields {
		f := coding.SourceField(&to, name)
		if f == nil {
			t.Fatalf("no source field %q", name)
		}
		*f = v
	}
	if err := do(coding.EditSource{DocID: docID, Source: to, From: &from}); err != nil {
		t.Fatal(err)
	}
}
