package main

import (
	"strings"
	"testing"
)

// TestExportCite: export --cite numbered cites the sources by their number
// in the reference list in every table, and the references table lists
// them by those numbers; author-year (the default) cites by name; an
// unknown style is a wrong command line.
func TestExportCite(t *testing.T) {
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf"}
	p := projectWithPDFs(t, files...)
	frags := codeTrust(t, p, files...)
	mustRun(t, "source", p, files[0], "--authors", "Tully, N.; Morgan, K.; Burke, H.", "--year", "2010")
	mustRun(t, "source", p, files[1], "--authors", "Agyeman-Duah, J.; Theurer, A.; Munthali, C.", "--year", "2014")
	mustRun(t, "cmoc", p, "--statement", "Trust helps", "--fragment", frags[0], "--fragment", frags[1])

	// Agyeman-Duah sorts first in the reference list: [1]; Tully [2].
	cmocs := mustRun(t, "export", p, "--table", "cmocs", "--format", "csv", "--cite", "numbered")
	if !strings.Contains(cmocs, "[2], p. 1; [1], p. 1") || strings.Contains(cmocs, "Tully et al.") {
		t.Errorf("cmocs --cite numbered:\n%s", cmocs)
	}
	refs := mustRun(t, "export", p, "--table", "references", "--format", "csv", "--cite", "numbered")
	lines := strings.Split(strings.TrimSpace(refs), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "[1],") || !strings.HasPrefix(lines[2], "[2],") {
		t.Errorf("references --cite numbered:\n%s", refs)
	}
	matrix := mustRun(t, "export", p, "--table", "matrix", "--format", "csv", "--cite", "numbered")
	if !strings.HasPrefix(matrix, "Mechanism,[2],[1],") {
		t.Errorf("matrix --cite numbered:\n%s", matrix)
	}
	for _, style := range []string{"", "author-year"} {
		args := []string{"export", p, "--table", "cmocs", "--format", "csv"}
		if style != "" {
			args = append(args, "--cite", style)
		}
		if out := mustRun(t, args...); !strings.Contains(out, "Tully et al. 2010, p. 1; Agyeman-Duah et al. 2014, p. 1") {
			t.Errorf("cmocs --cite %q:\n%s", style, out)
		}
	}
	r := run(t, "export", p, "--table", "cmocs", "--format", "csv", "--cite", "apa")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown --cite "apa" (want author-year or numbered)`) {
		t.Errorf("--cite apa: exit %d, %s", r.code, r.stderr)
	}
}
