package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgreementOnDecisions: two reviewers screen the same four sources in
// their own copies; agreement --decisions counts the pairs of decisions,
// the percentage and Cohen's kappa on the sources both decided, and names
// the sources decided differently; a coding file does as well as the
// project; with --coders the coding agreement comes first.
func TestAgreementOnDecisions(t *testing.T) {
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf",
		"bmc-jtmo-2010-datta-systematic-review.pdf", "peerj-2017-webb-vespa.pdf"}
	a := projectWithPDFs(t, files...)
	mustRun(t, "code", a, files[0], "100", "160", "--role", "context", "--coder", "Ann")
	mustRun(t, "code", a, files[0], "100", "150", "--role", "context", "--coder", "Bo")
	b := filepath.Join(t.TempDir(), "bo.cmoproj")
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, d := range []struct{ a, b string }{{"include", "include"}, {"exclude", "include"}, {"exclude", "exclude"}, {"include", "undecided"}} {
		mustRun(t, "source", a, files[i], "--decision", d.a, "--coder", "Ann")
		mustRun(t, "source", b, files[i], "--decision", d.b, "--reason", "why not", "--coder", "Bo")
	}
	out := mustRun(t, "agreement", a, "--decisions", b)
	for _, want := range []string{
		"Decisions of review.cmoproj (A) and bo.cmoproj (B): 4 sources in both, 3 sources decided by both, 1 source left undecided by one or both.",
		"A include  1          0\n", "A exclude  1          1\n",
		"agreement 66.7%, kappa 0.40",
		"differ: Agyeman-Duah et al. 2014: A exclude, by Ann; B include, why not, by Bo",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("agreement --decisions lacks %q:\n%s", want, out)
		}
	}
	var j struct {
		Compared  int      `json:"compared"`
		Agreement *float64 `json:"agreement"`
		Kappa     *float64 `json:"kappa"`
		Differ    []struct {
			A, B string
		} `json:"differ"`
	}
	coding := filepath.Join(t.TempDir(), "bo.coding")
	mustRun(t, "export", b, "--format", "coding", "-o", coding)
	if err := json.Unmarshal([]byte(mustRun(t, "agreement", a, "--decisions", coding, "--json")), &j); err != nil {
		t.Fatal(err)
	}
	if j.Compared != 3 || j.Agreement == nil || *j.Agreement != 0.6667 || *j.Kappa != 0.4 || len(j.Differ) != 1 || j.Differ[0].B != "include, why not, by Bo" {
		t.Errorf("agreement --decisions --json: %+v", j)
	}
	both := mustRun(t, "agreement", a, "--coders", "Ann,Bo", "--decisions", b)
	if i, k := strings.Index(both, "Agreement between Ann (A) and Bo (B)"), strings.Index(both, "Decisions of"); i < 0 || k < i {
		t.Errorf("--coders with --decisions:\n%s", both)
	}
	if r := run(t, "agreement", a, "--coders", "Ann,Bo", "--decisions", b, "--json"); r.code != 2 {
		t.Errorf("--coders --decisions --json: exit %d, %s", r.code, r.stderr)
	}
}
