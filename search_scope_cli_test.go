package main

import (
	"strings"
	"testing"
)

// search --included reads only the sources the reviewers included: not
// the excluded ones, nor those still undecided; with none included it
// finds nothing (and says nothing, exit 0).
func TestSearchIncludedSources(t *testing.T) {
	p, texts := searchProject(t)
	var ids []string
	for id := range texts {
		ids = append(ids, id)
	}
	if out := mustRun(t, "search", p, "quality", "--included"); strings.TrimSpace(out) != "" {
		t.Fatalf("no source is included yet, but search --included found:\n%s", out)
	}
	all := searchJSON(t, p, "quality", "--json")
	perDoc := map[string]int{}
	for _, h := range all {
		perDoc[h.Doc]++
	}
	included, excluded := "", ""
	for _, id := range ids {
		switch {
		case perDoc[id] > 0 && included == "":
			included = id
		case perDoc[id] > 0 && excluded == "":
			excluded = id
		}
	}
	if included == "" || excluded == "" {
		t.Fatalf("want two documents with hits, have %v", perDoc)
	}
	mustRun(t, "source", p, included, "--decision", "include")
	mustRun(t, "source", p, excluded, "--decision", "exclude", "--reason", "insufficient richness")
	hits := searchJSON(t, p, "quality", "--included", "--json")
	if len(hits) != perDoc[included] {
		t.Errorf("--included: %d hits, want the %d of the included source", len(hits), perDoc[included])
	}
	for _, h := range hits {
		if h.Doc != included {
			t.Errorf("--included found %+v in a source not included", h)
		}
	}
	// With --doc, the documents given that are included.
	if hits := searchJSON(t, p, "quality", "--included", "--doc", excluded, "--json"); len(hits) != 0 {
		t.Errorf("--included --doc EXCLUDED: %d hits, want none", len(hits))
	}
}
