package coding_test

import (
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

// TestEditSourceTitle: an edit gives a document a new title and its undo
// gives the old one back; an edit that leaves the title empty keeps it.
func TestEditSourceTitle(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "Some text.")
	was := m.Docs["d1"].Title
	undo, err := EditSource{DocID: "d1", Source: Source{Title: "Patient experiences", Year: "2010"}}.Apply(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Docs["d1"].Title; got != "Patient experiences" {
		t.Errorf("title %q after the edit", got)
	}
	if _, err := undo.Apply(m); err != nil {
		t.Fatal(err)
	}
	if got := m.Docs["d1"].Title; got != was {
		t.Errorf("title %q after undo, want %q", got, was)
	}
	if _, err := (EditSource{DocID: "d1", Source: Source{Year: "2011"}}).Apply(m); err != nil {
		t.Fatal(err)
	}
	if got := m.Docs["d1"].Title; got != was {
		t.Errorf("an edit without a title made it %q", got)
	}
}
