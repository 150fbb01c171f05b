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
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf"}
	p := projectWithPDFs(t, files...)
	codeTrust(t, p, files...)
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
