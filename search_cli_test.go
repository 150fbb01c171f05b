package main

// Project-wide search from the command line, checked against the text
// `text` prints: every hit's offsets against that text, every count
// against an independent regular-expression count over it.

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"cmocoder.org/cmocoder/app/cli"
)

// searchHit is a hit as search --json prints it.
type searchHit = cli.SearchJSON

func searchJSON(t *testing.T, args ...string) []searchHit {
	t.Helper()
	var hits []searchHit
	if err := json.Unmarshal([]byte(mustRun(t, append([]string{"search"}, args...)...)), &hits); err != nil {
		t.Fatal(err)
	}
	return hits
}

// searchPDFs are English articles with ligatures (hindawi) and words
// hyphenated over two lines (naacl, bmc-hsr).
var searchPDFs = []string{
	"bmc-hsr-2014-agyeman-duah.pdf",
	"bmc-jtmo-2010-datta-systematic-review.pdf",
	"hindawi-rrp-2010-tully.pdf",
	"naacl06-shinyama-dvipdfm.pdf",
}

// searchProject imports searchPDFs and returns the project and each
// document's text as `text` prints it.
func searchProject(t *testing.T) (string, map[string]string) {
	t.Helper()
	needPDFs(t)
	p := newProject(t)
	args := []string{"add", p}
	for _, f := range searchPDFs {
		args = append(args, filepath.Join(pdfDir, f))
	}
	texts := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(mustRun(t, args...)), "\n") {
		id := strings.Split(line, "\t")[0]
		texts[id] = mustRun(t, "text", p, id)
	}
	return p, texts
}

// plainForCount undoes what search reads through, with regular
// expressions of its own: ligatures spelled out, soft hyphens dropped,
// words hyphenated over two lines joined.
var (
	ligatures  = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "\u00ad", "")
	lineHyphen = regexp.MustCompile(`([\pL\pN\pM])[-‐‑]\n(\pL)`)
)

func plainForCount(s string) string { return lineHyphen.ReplaceAllString(ligatures.Replace(s), "$1$2") }

// regexpCount counts the whole-word matches of pattern (case-insensitive)
// in text.
func regexpCount(text, pattern string) int {
	re := regexp.MustCompile(`(?i)` + pattern)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	n := 0
	for _, m := range re.FindAllStringIndex(text, -1) {
		before, _ := utf8.DecodeLastRuneInString(text[:m[0]])
		after, _ := utf8.DecodeRuneInString(text[m[1]:])
		if (m[0] == 0 || !word(before)) && (m[1] == len(text) || !word(after)) {
			n++
		}
	}
	return n
}

func TestSearchCountsAndOffsets(t *testing.T) {
	p, texts := searchProject(t)
	const between = `[^\pL\pN\pM]+`
	for _, tc := range []struct {
		query    string
		patterns []string // each hit matches one; counts add up
	}{
		{"quality", []string{`quality`}},
		{"Staff", []string{`staff`}},
		{"health*", []string{`health[\pL\pN\pM]*`}},
		{`"quality improvement"`, []string{`quality` + between + `improvement`}},
		{"patients OR nurses", []string{`patients`, `nurses`}},
		{"expectations", []string{`expectations`}}, // "expec-\ntations" twice in bmc-hsr
		{"financial", []string{`financial`}},       // "ﬁnancial" in hindawi
		{"benefit*", []string{`benefit[\pL\pN\pM]*`}},
	} {
		hits := searchJSON(t, p, tc.query, "--json")
		perDoc := map[string]int{}
		for _, h := range hits {
			runes := []rune(texts[h.Doc])
			if h.Start < 0 || h.End > len(runes) || h.Start >= h.End {
				t.Fatalf("%s: hit %+v outside the text", tc.query, h)
			}
			if got := string(runes[h.Start:h.End]); got != h.Text {
				t.Errorf("%s: text[%d:%d] = %q, the hit says %q", tc.query, h.Start, h.End, got, h.Text)
			}
			if page := strings.Count(string(runes[:h.Start]), "\f") + 1; page != h.Page {
				t.Errorf("%s: hit %+v is on page %d", tc.query, h, page)
			}
			matched := false
			for _, pat := range tc.patterns {
				matched = matched || regexpCount(plainForCount(h.Text), "^"+pat+"$") == 1
			}
			if !matched {
				t.Errorf("%s: hit %q matches none of %q", tc.query, h.Text, tc.patterns)
			}
			perDoc[h.Doc]++
		}
		wants, total := regexpCounts(texts, tc.patterns)
		for id, want := range wants {
			if perDoc[id] != want {
				t.Errorf("%s: %d hits in %s, the regular expressions count %d", tc.query, perDoc[id], id, want)
			}
		}
		if total == 0 {
			t.Errorf("%s: the test finds nothing to count", tc.query)
		}
		// The tab-separated lines are the same hits.
		lines := strings.Split(strings.TrimSpace(mustRun(t, "search", p, tc.query)), "\n")
		if len(lines) != len(hits) {
			t.Errorf("%s: %d lines, %d JSON hits", tc.query, len(lines), len(hits))
		}
	}
}

func TestSearchExcludeAndUnits(t *testing.T) {
	p, _ := searchProject(t)
	all := searchJSON(t, p, "quality", "--unit", "sentence", "--json")
	some := searchJSON(t, p, "quality -improvement", "--unit", "sentence", "--json")
	if len(some) == 0 || len(some) >= len(all) {
		t.Fatalf("%d sentences with quality, %d without improvement", len(all), len(some))
	}
	for _, h := range some {
		low := strings.ToLower(plainForCount(h.Text))
		if regexpCount(low, "quality") == 0 || regexpCount(low, "improvement") != 0 {
			t.Errorf("sentence %q", h.Text)
		}
	}
	// Both words of a query in one sentence.
	for _, h := range searchJSON(t, p, "quality improvement", "--unit", "sentence", "--json") {
		low := strings.ToLower(plainForCount(h.Text))
		if regexpCount(low, "quality") == 0 || regexpCount(low, "improvement") == 0 {
			t.Errorf("sentence %q lacks a word", h.Text)
		}
	}
	para := searchJSON(t, p, "quality", "--unit", "paragraph", "--json")
	if len(para) == 0 || len(para) > len(all) {
		t.Errorf("%d paragraphs for %d sentences", len(para), len(all))
	}
}

func TestSearchScopeCLI(t *testing.T) {
	p, texts := searchProject(t)
	hits := searchJSON(t, p, "quality", "--json")
	first := hits[0]
	doc := searchJSON(t, p, "quality", "--doc", first.Doc, "--json")
	if len(doc) == 0 || len(doc) == len(hits) {
		t.Errorf("--doc: %d of %d hits", len(doc), len(hits))
	}
	// Code the sentence around the first hit: it alone is inside a Context.
	sent := searchJSON(t, p, "quality", "--doc", first.Doc, "--unit", "sentence", "--json")[0]
	mustRun(t, "code", p, first.Doc, strconv.Itoa(sent.Start), strconv.Itoa(sent.End), "--role", "context", "--label", "Quality")
	inside := searchJSON(t, p, "quality", "--in-role", "context", "--json")
	want := regexpCount(plainForCount(sent.Text), "quality")
	if len(inside) != want || want == 0 {
		t.Errorf("--in-role context: %d hits, the coded sentence holds %d", len(inside), want)
	}
	if got := searchJSON(t, p, "quality", "--in-label", "quality", "--json"); len(got) != want {
		t.Errorf("--in-label: %d hits, want %d", len(got), want)
	}
	if got := searchJSON(t, p, "quality", "--uncoded", "--json"); len(got) != len(hits)-want {
		t.Errorf("--uncoded: %d hits, want %d", len(got), len(hits)-want)
	}
	_ = texts
}

func TestSearchFoldsCLI(t *testing.T) {
	p := newProject(t)
	id := addText(t, p, "notes.txt", "Sundström wrote about ﬁnancial incentives and ÆSOP.\n")
	text := []rune(mustRun(t, "text", p, id))
	for query, want := range map[string]string{"sundstrom": "Sundström", "SUNDSTRÖM": "Sundström", "financial": "ﬁnancial", "aesop": "ÆSOP", "incent*": "incentives"} {
		hits := searchJSON(t, p, query, "--json")
		if len(hits) != 1 || hits[0].Text != want || string(text[hits[0].Start:hits[0].End]) != want {
			t.Errorf("%s: %+v, want %q", query, hits, want)
		}
	}
}

func TestSearchErrorsCLI(t *testing.T) {
	p := newProject(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", p, `trust "open`}, 1, `cmocoder: search: query, character 7: the quote opened here is not closed`},
		{[]string{"search", p, "trust OR"}, 1, "character 7: OR needs a term after it"},
		{[]string{"search", p, "trust", "--unit", "page"}, 2, `unit "page" is not match, sentence or paragraph`},
		{[]string{"search", p, "trust", "--uncoded", "--in-role", "context"}, 2, "--uncoded cannot go with"},
		{[]string{"search", p, "nothing"}, 0, ""},
		{[]string{"search", p, "--", "-cost quality"}, 0, ""},
	} {
		r := run(t, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || tc.code == 1 && strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tc.args[2:], r.code, r.stderr, tc.code, tc.want)
		}
	}
}

// similarHit is a sentence as similar --json prints it.
type similarHit struct {
	Doc   string  `json:"doc"`
	Page  int     `json:"page"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Score float64 `json:"score"`
	Text  string  `json:"text"`
}

func TestSimilarCLI(t *testing.T) {
	p := newProject(t)
	write := func(name, text string) string { return addText(t, p, name, text) }
	const sentence = "Nurses trusted the ward managers who listened to them."
	a := write("a.txt", "Interview one. "+sentence+" The end.\n")
	b := write("b.txt", "The canteen was closed. Ward managers listened, so nurses trusted them. Budgets were cut.\n")
	write("c.txt", "Nothing alike in this one. Weather reports only.\n")
	start := runeIndex(mustRun(t, "text", p, a), sentence)
	id := strings.TrimSpace(mustRun(t, "code", p, a, strconv.Itoa(start), strconv.Itoa(start+utf8.RuneCountInString(sentence)), "--role", "reasoning"))
	var hits []similarHit
	if err := json.Unmarshal([]byte(mustRun(t, "similar", p, id, "--json", "--limit", "2")), &hits); err != nil {
		t.Fatal(err)
	}
	text := []rune(mustRun(t, "text", p, b))
	if len(hits) == 0 || hits[0].Doc != b || hits[0].Text != "Ward managers listened, so nurses trusted them." ||
		string(text[hits[0].Start:hits[0].End]) != hits[0].Text {
		t.Fatalf("similar: %+v", hits)
	}
	for _, h := range hits {
		if h.Doc == a {
			t.Errorf("the fragment's own document is listed: %+v", h)
		}
	}
	if r := run(t, "similar", p, "no-such-fragment"); r.code != 1 || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("unknown fragment: exit %d, %q", r.code, r.stderr)
	}
}
