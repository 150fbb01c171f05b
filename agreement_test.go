package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// units counts what agreement counts: code points other than white space
// and page separators.
func units(runes []rune) int {
	n := 0
	for _, r := range runes {
		if r != '\f' && !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// TestAgreement: two coders code overlapping spans of one article and one
// of them codes a second; a third article nobody coded is left out. The
// counts are checked against the text the CLI prints, character by
// character, and the project is not changed by the comparison.
func TestAgreement(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	var ids []string
	for _, f := range []string{"hindawi-rrp-2010-tully.pdf", "peerj-2017-webb-vespa.pdf", "bmc-hsr-2014-agyeman-duah.pdf"} {
		out := mustRun(t, "add", p, filepath.Join(pdfDir, f))
		ids = append(ids, strings.Fields(out)[0])
	}
	text1 := []rune(mustRun(t, "text", p, ids[0]))
	text2 := []rune(mustRun(t, "text", p, ids[1]))
	code := func(doc string, start, end int, role, coder string) {
		mustRun(t, "code", p, doc, strconv.Itoa(start), strconv.Itoa(end), "--role", role, "--coder", coder)
	}
	s := 400
	code(ids[0], s, s+100, "context", "Ann")
	code(ids[0], s+50, s+150, "context", "Bob")
	code(ids[0], s+20, s+60, "context", "Cy") // a third coder is not compared
	code(ids[1], 300, 380, "outcome", "Ann")
	before := fileSum(t, p)

	var rows []struct {
		DocID     string `json:"doc_id"`
		Document  string
		Role      string
		Units     int
		Both      int
		OnlyA     int `json:"only_a"`
		OnlyB     int `json:"only_b"`
		Neither   int
		Agreement float64
		Kappa     float64
		Overlap   *float64
	}
	out := mustRun(t, "agreement", p, "--coders", "Ann,Bob", "--json")
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rows) != 3*4 {
		t.Fatalf("%d rows, want 4 roles × (2 documents + all)", len(rows))
	}
	find := func(doc, role string) int {
		for i, r := range rows {
			if r.DocID == doc && r.Role == role {
				return i
			}
		}
		t.Fatalf("no row for %q %s", doc, role)
		return -1
	}
	ctx := rows[find(ids[0], "context")]
	want := struct{ units, both, a, b int }{units(text1), units(text1[s+50 : s+100]), units(text1[s : s+50]), units(text1[s+100 : s+150])}
	if ctx.Units != want.units || ctx.Both != want.both || ctx.OnlyA != want.a || ctx.OnlyB != want.b ||
		ctx.Neither != want.units-want.both-want.a-want.b {
		t.Errorf("context row %+v, want %+v", ctx, want)
	}
	if ctx.Document != "Tully et al. 2010" {
		t.Errorf("document %q", ctx.Document)
	}
	if ctx.Overlap == nil || *ctx.Overlap <= 0.3 || *ctx.Overlap >= 0.4 || ctx.Kappa <= 0.3 || ctx.Kappa >= 0.6 {
		t.Errorf("half-overlapping spans: overlap %v kappa %v", ctx.Overlap, ctx.Kappa)
	}
	if r := rows[find(ids[0], "outcome")]; r.Overlap != nil || r.Kappa != 1 || r.Agreement != 1 {
		t.Errorf("a role neither coded: %+v", r)
	}
	out2 := rows[find(ids[1], "outcome")]
	if out2.OnlyA != units(text2[300:380]) || out2.Both != 0 || out2.OnlyB != 0 || out2.Kappa != 0 || *out2.Overlap != 0 {
		t.Errorf("only Ann coded it: %+v", out2)
	}
	all := rows[find("", "context")]
	if all.Document != "All documents" || all.Units != units(text1)+units(text2) || all.Both != ctx.Both {
		t.Errorf("pooled row %+v", all)
	}
	for _, r := range rows {
		if r.DocID == ids[2] {
			t.Errorf("the article nobody coded is compared: %+v", r)
		}
	}

	// The table a person reads.
	table := mustRun(t, "agreement", p, "--coders", "Ann, Bob")
	for _, wantLine := range []string{
		"Agreement between Ann (A) and Bob (B) on 2 documents",
		"document", "kappa", "overlap",
		"Tully et al. 2010", "All documents",
	} {
		if !strings.Contains(table, wantLine) {
			t.Errorf("table lacks %q:\n%s", wantLine, table)
		}
	}
	// One document only.
	if one := mustRun(t, "agreement", p, "--coders", "Ann,Bob", "--doc", ids[0], "--json"); strings.Contains(one, "All documents") || !strings.Contains(one, ids[0]) {
		t.Errorf("--doc: %s", one)
	}

	// Mistakes: one line, exit 1 or 2, the project untouched.
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--coders", "Ann,Zed"}, 1, `no fragments by coder "Zed" (coders with fragments: Ann, Bob, Cy)`},
		{[]string{"--coders", "Ann"}, 2, "two different coders"},
		{[]string{"--coders", "Ann,Ann"}, 2, "two different coders"},
		{[]string{"--coders", "Ann,Bob", "--doc", "nosuchdoc"}, 1, "nosuchdoc"},
	} {
		r := run(t, append([]string{"agreement", p}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) || (tc.code == 1 && strings.Count(r.stderr, "\n") != 1) {
			t.Errorf("agreement %v: exit %d, stderr %q; want exit %d and %q", tc.args, r.code, r.stderr, tc.code, tc.msg)
		}
	}
	if fileSum(t, p) != before {
		t.Error("agreement changed the project file")
	}
}
