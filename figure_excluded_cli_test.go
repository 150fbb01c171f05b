package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFigureLeavesOutExcluded: figure --kind map leaves an excluded
// source out (its name is not in the SVG's text) unless --all.
func TestFigureLeavesOutExcluded(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf"}
	for _, f := range files {
		mustRun(t, "add", p, filepath.Join(pdfDir, f))
		mustRun(t, "code", p, f, "100", "160", "--role", "context", "--label", "Trust")
	}
	mustRun(t, "source", p, files[1], "--decision", "exclude", "--reason", "insufficient richness")
	for _, all := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "map.svg")
		args := []string{"figure", p, "--kind", "map", "-o", out}
		if all {
			args = append(args, "--all")
		}
		mustRun(t, args...)
		svg, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(string(svg), "Agyeman-Duah"); has != all {
			t.Errorf("--all %v: the map names the excluded source: %v", all, has)
		}
		if !strings.Contains(string(svg), "Tully") {
			t.Errorf("--all %v: the included source is missing", all)
		}
	}
}
