package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFigureFlow: figure --kind flow draws the flow of sources from the
// decisions: each stage with the sources assessed and excluded by reason,
// then the sources included; as SVG with real text, and as PNG and PDF.
func TestFigureFlow(t *testing.T) {
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf", "bmc-jtmo-2010-datta-systematic-review.pdf"}
	p := projectWithPDFs(t, files...)
	mustRun(t, "source", p, files[0], "--decision", "include", "--stage", "rigour")
	mustRun(t, "source", p, files[1], "--decision", "exclude", "--stage", "richness", "--reason", "insufficient richness")
	mustRun(t, "source", p, files[2], "--decision", "exclude", "--stage", "relevance", "--reason", "not relevant to the programme theory")
	dir := t.TempDir()
	mustRun(t, "figure", p, "--kind", "flow", "-o", filepath.Join(dir, "flow.svg"))
	svg, err := os.ReadFile(filepath.Join(dir, "flow.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"assessed for relevance (n = 3)", "not relevant to the programme theory (n = 1)",
		"assessed for richness (n = 2)", "insufficient richness (n = 1)", "assessed for rigour (n = 1)", "Sources included (n = 1)"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("flow.svg lacks %q", want)
		}
	}
	for _, f := range []string{"flow.png", "flow.pdf"} {
		mustRun(t, "figure", p, "--kind", "flow", "-o", filepath.Join(dir, f))
	}
	if r := run(t, "figure", p, "--kind", "flow", "--group", "rigour", "-o", filepath.Join(dir, "x.svg")); r.code != 2 {
		t.Errorf("--group with --kind flow: exit %d", r.code)
	}
}
