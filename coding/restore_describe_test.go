package coding_test

import (
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

// TestDescribeRestore: the undo of deleting a fragment, a CMOC, a
// programme theory or a label is named in the undo menu for what it puts
// back, and doing it brings the record back as it was.
func TestDescribeRestore(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "The chief executive openly addresses staff concerns.", "Staff are reassured and stay.")
	m.Frags["f1"] = Fragment{ID: "f1", DocID: "d1", Start: 53, End: 82, Page: 2, Role: Outcome}
	m.CMOCs["c1"] = CMOC{ID: "c1", Statement: "Leaders who listen keep their staff, because staff feel heard"}
	m.Theories["t1"] = Theory{ID: "t1", Name: "Being heard", Kind: Initial}
	m.Codebook["l1"] = Label{ID: "l1", Name: "Trust", Colour: "#e69f00"}
	for _, c := range []struct {
		del   Change
		want  string
		found func() bool
	}{
		{DeleteFragment{ID: "f1"}, "restore Outcome on p. 2", func() bool { _, ok := m.Frags["f1"]; return ok }},
		{DeleteCMOC{ID: "c1"}, "restore CMOC “Leaders who listen keep their…”", func() bool { _, ok := m.CMOCs["c1"]; return ok }},
		{DeleteTheory{ID: "t1"}, "restore programme theory “Being heard”", func() bool { _, ok := m.Theories["t1"]; return ok }},
		{DeleteLabel{ID: "l1"}, "restore label “Trust”", func() bool { _, ok := m.Codebook["l1"]; return ok }},
	} {
		undo, err := c.del.Apply(m)
		if err != nil {
			t.Fatalf("%s: %v", Describe(c.del, m), err)
		}
		if got := Describe(undo, m); got != c.want {
			t.Errorf("undo of %s: %q, want %q", Describe(c.del, nil), got, c.want)
		}
		if _, err := undo.Apply(m); err != nil || !c.found() {
			t.Errorf("undo of %s: %v, record back %v", Describe(c.del, nil), err, c.found())
		}
	}
}
