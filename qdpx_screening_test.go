package main

import (
	"path/filepath"
	"testing"
)

// TestQDPXCarriesScreening: a source's reference fields, richness and
// decision go out in a REFI-QDA export and come back when a new project
// imports it.
func TestQDPXCarriesScreening(t *testing.T) {
	const file = "hindawi-rrp-2010-tully.pdf"
	p := projectWithPDFs(t, file)
	mustRun(t, "source", p, file, "--journal", "Rehabilitation Research and Practice", "--volume", "2010", "--pages", "157939",
		"--doi", "10.1155/2010/157939", "--richness", "low", "--richness-note", "thin", "--decision", "exclude",
		"--reason", "insufficient richness", "--stage", "richness")
	qdpx := filepath.Join(t.TempDir(), "review.qdpx")
	mustRun(t, "export", p, "--format", "qdpx", "-o", qdpx)
	q := newProject(t)
	mustRun(t, "import", q, qdpx)
	was, got := sourceOf(t, p, file), sourceOf(t, q, file)
	if got != was || got.Decision != "exclude" || got.DOI != "10.1155/2010/157939" || got.Richness != "low" || got.DecidedBy == "" {
		t.Errorf("imported source\n%+v\nwant\n%+v", got, was)
	}
}
