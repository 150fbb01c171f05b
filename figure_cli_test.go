package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/figure/figuretest"
)

// The demo project's programme-theory diagram and evidence map, in each
// format, hold what a reader looks for: the theory's name, a CMOC's words
// and the source's citation; the PNG is print-sized and shows the four
// roles' colours.
func TestFigureDemo(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	for _, tc := range []struct {
		kind  string
		words []string
		roles []coding.Role
	}{
		{"theories", []string{"Leading for quality", "low staff motivation", "Agyeman-Duah et al. 2014", "Mechanism reasoning −"}, coding.Roles},
		{"map", []string{"Mechanisms by source", "Leadership", "Agyeman-Duah et al. 2014", "Total"}, nil},
	} {
		for _, format := range []string{"svg", "png", "pdf"} {
			t.Run(tc.kind+"."+format, func(t *testing.T) {
				out := filepath.Join(dir, tc.kind+"."+format)
				r := run(t, "figure", p, "--kind", tc.kind, "--format", format, "-o", out)
				if r.code != 0 || r.stdout != "" || r.stderr != "" {
					t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
				}
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				switch format {
				case "svg":
					figuretest.CheckSVG(t, data, tc.words...)
				case "pdf":
					figuretest.CheckPDF(t, data, tc.words...)
				case "png":
					w := figuretest.CheckPNG(t, data, 0, 300, tc.roles...)
					if w < 1500 {
						t.Errorf("the PNG is %d px wide, want 1,500 or more at 300 dpi", w)
					}
				}
			})
		}
	}
	// --width and --dpi set the PNG's size.
	out := filepath.Join(dir, "small.png")
	mustRun(t, "figure", p, "--kind", "theories", "--width", "120", "--dpi", "150", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	figuretest.CheckPNG(t, data, 120, 150, coding.Roles...)
}

// A wrong command line is exit 2, an unknown theory exit 1 with one line,
// and neither touches the file named by -o.
func TestFigureErrors(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	out := filepath.Join(dir, "old.svg")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"figure", p, "-o", out},
		{"figure", p, "--kind", "pie", "-o", out},
		{"figure", p, "--kind", "map", "--format", "gif", "-o", out},
		{"figure", p, "--kind", "map", "--format", "svg"},
		{"figure", p, "--kind", "map", "-o", filepath.Join(dir, "noextension")},
		{"figure", p, "--kind", "map", "--by", "codes", "-o", out},
		{"figure", p, "--kind", "map", "--theory", "Leading for quality", "-o", out},
		{"figure", p, "--kind", "theories", "--width", "0", "-o", out},
		{"figure", p, "--kind", "theories", "--dpi", "ten", "-o", out},
		{"figure", "--kind", "theories", "-o", out},
		{"figure", p, "--kind", "map", "--group", "colour", "-o", out},
		{"figure", p, "--kind", "theories", "--group", "design", "-o", out},
	} {
		if r := run(t, args...); r.code != 2 {
			t.Errorf("cmocoder %s: exit %d, want 2 (%s)", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	r := run(t, "figure", p, "--kind", "theories", "--theory", "No such theory", "-o", out)
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, `"No such theory"`) {
		t.Errorf("unknown theory: exit %d, stderr %q; want 1 and one line naming it", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "old" {
		t.Errorf("a failed figure changed the file -o names: %q", data)
	}
	// --group puts the map's sources in bands.
	mustRun(t, "figure", p, "--kind", "map", "--group", "rigour", "-o", out)
	if data, err := os.ReadFile(out); err != nil {
		t.Fatal(err)
	} else {
		figuretest.CheckSVG(t, data, "Rigour: moderate", "Agyeman-Duah et al. 2014")
	}
	// The name given picks the theory, in any case.
	mustRun(t, "figure", p, "--kind", "theories", "--theory", "leading FOR quality", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	figuretest.CheckSVG(t, data, "Leading for quality")
}
