package coding

import (
	"strings"
	"testing"
)

// A coding file carries no documents' files: a document only it names is
// reported with the count of its fragments, which are not merged; the
// rest of its coding merges as a project's would.
func TestPlanMergeWithoutFiles(t *testing.T) {
	theirs := base()
	theirs.WithoutFiles = true
	theirs.Documents = append(theirs.Documents, mdoc("d2", "bbbbbbbbbbbbbbbbbb", "T2", 0))
	theirs.Fragments = append(theirs.Fragments,
		mfrag("f2", "d1", 20, "Bea", 5),
		mfrag("f3", "d2", 0, "Bea", 5),
		mfrag("f4", "d2", 30, "Bea", 5))
	theirs.Coders = append(theirs.Coders, "Bea")

	p := PlanMerge(base(), theirs)
	if len(p.AddDocuments) != 0 || p.Added.Documents != 0 {
		t.Errorf("plans to add documents it has no file of: %v", p.AddDocuments)
	}
	if p.Added.Fragments != 1 || len(p.PutFragments) != 1 || p.PutFragments[0].ID != "f2" {
		t.Errorf("fragments put %+v, want only f2 (on the document both have)", p.PutFragments)
	}
	if len(p.Conflicts) != 1 {
		t.Fatalf("conflicts %v, want one about d2", p.Conflicts)
	}
	msg := p.Conflicts[0].String()
	for _, want := range []string{"not in this project", "bbbbbbbbbbbb…", "2 fragments of OTHER on it not merged"} {
		if !strings.Contains(msg, want) {
			t.Errorf("conflict %q does not say %q", msg, want)
		}
	}

	// The same side from a project (files included) adds the document.
	theirs.WithoutFiles = false
	if p := PlanMerge(base(), theirs); len(p.AddDocuments) != 1 || p.Added.Fragments != 3 {
		t.Errorf("from a project: documents %v, %d fragments added", p.AddDocuments, p.Added.Fragments)
	}
}
