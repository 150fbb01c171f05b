package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export --table contributions writes the CMOC-by-source table in every
// format; its Markdown marks the roles the demo's source gives its CMOC.
func TestExportContributions(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	for _, format := range []string{"csv", "xlsx", "docx", "md", "html", "tex"} {
		out := filepath.Join(dir, "contributions."+format)
		if r := run(t, "export", p, "--table", "contributions", "--format", format, "-o", out); r.code != 0 || r.stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", format, r.code, r.stderr)
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Fatalf("%s: %v", format, err)
		}
	}
	md := mustRun(t, "export", p, "--table", "contributions", "--format", "md")
	for _, want := range []string{
		"| CMOC | Programme theory | Statement | Agyeman-Duah et al. 2014 | N (sources) |",
		"| Leading for quality |", "| C, Mres, Mrea, O | 1 |", "Mres: mechanism resource",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
}
