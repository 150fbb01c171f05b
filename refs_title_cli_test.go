package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefsDOIFromMetadataAndTitle: Datta et al. print no DOI on their
// first pages; the PDF's Subject holds it, so a record with that DOI and a
// title of its own is matched, and the document's title shown everywhere
// becomes the record's.
func TestRefsDOIFromMetadataAndTitle(t *testing.T) {
	const file = "bmc-jtmo-2010-datta-systematic-review.pdf"
	p := projectWithPDFs(t, file)
	if got := sourceOf(t, p, file).DOI; got != "10.1186/1752-2897-4-1" {
		t.Errorf("DOI after add %q, want the one in the PDF's Subject", got)
	}
	ris := filepath.Join(t.TempDir(), "lib.ris")
	const title = "DVT prophylaxis complications in trauma patients"
	if err := os.WriteFile(ris, []byte("TY  - JOUR\nAU  - Datta, Indraneel\nAU  - Ball, Chad G.\nAU  - Rudmik, Lucas\n"+
		"TI  - "+title+"\nPY  - 2010\nDO  - 10.1186/1752-2897-4-1\nER  - \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "refs", p, ris); !strings.HasPrefix(out, "matched: 1") {
		t.Fatalf("refs: %s", out)
	}
	docs := mustRun(t, "docs", p)
	if !strings.HasSuffix(strings.TrimSpace(docs), "\t"+title) {
		t.Errorf("docs after refs: %q, want the record's title", docs)
	}
}
