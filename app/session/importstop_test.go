package session

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
	"cmocoder.org/cmocoder/storage"
)

// TestImportStopped: an import stopped part way says which step failed,
// why, and exactly what the steps before it committed, never that the
// project is as it was once something went in; the project's own faults
// stop it, a bad source does not.
func TestImportStopped(t *testing.T) {
	full := coding.E(coding.KindOther, "add document", "", &storage.WriteError{Project: "p.cmoproj"})
	const why = "cannot save p.cmoproj: writing to the disk failed (is it full?)"
	busy := coding.Errorf(coding.KindBusy, "add document", "", "p.cmoproj is in use by another program")
	two := refiqda.Counts{Documents: 2}
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"the first source", importStopped("t.qdpx", "Study", refiqda.Counts{}, full), `t.qdpx: source "Study": ` + why + "; nothing was imported"},
		{"a later source", importStopped("t.qdpx", "Study", two, full), `t.qdpx: source "Study": ` + why + "; 2 documents were imported before it, none of the coding"},
		{"the coding", importStopped("t.qdpx", "", refiqda.Counts{Documents: 1}, full), "t.qdpx: " + why + "; 1 document was imported, none of the coding"},
		{"in use", importStopped("t.qdpx", "Study", two, busy), `t.qdpx: source "Study": p.cmoproj is in use by another program; 2 documents were imported before it, none of the coding`},
		{"a coder", codersStopped("t.qdpx", "Bea", refiqda.Counts{Documents: 1, Fragments: 5, Labels: 4, Coders: 1}, full),
			`t.qdpx: coder "Bea": ` + why + "; imported before it: 1 document, 5 fragments, 0 CMOCs, 0 theories, 4 labels, 1 coder; not recorded: this coder and any after it"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("%s:\n%q\nwant %q", c.name, got, c.want)
		}
	}
	if !coding.IsKind(importStopped("t.qdpx", "Study", two, busy), coding.KindBusy) {
		t.Error("the error lost its kind")
	}
	for _, c := range []struct {
		err   error
		fault bool
	}{
		{full, true}, {busy, true},
		{coding.Errorf(coding.KindDamaged, "add document", "", "p.cmoproj is damaged"), true},
		{coding.Errorf(coding.KindInvalid, "import", "a.pdf", "not a PDF file"), false},
	} {
		if got := ProjectFault(c.err); got != c.fault {
			t.Errorf("ProjectFault(%v) = %v", c.err, got)
		}
	}
}
