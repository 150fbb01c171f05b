package main

// search --count: each document's count of hits and the total, from the
// index, checked against an independent regular-expression count over
// the text `text` prints, and against the hits search lists.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/app/cli"
)

// searchCounts runs search --count and reads its lines: each document's
// count, and the total.
func searchCounts(t *testing.T, args ...string) (map[string]int, int) {
	t.Helper()
	out := strings.TrimSpace(mustRun(t, append([]string{"search"}, append(args, "--count")...)...))
	counts, total := map[string]int{}, -1
	for _, line := range strings.Split(out, "\n") {
		doc, n, ok := strings.Cut(line, "\t")
		count, err := strconv.Atoi(n)
		if !ok || err != nil {
			t.Fatalf("search --count printed %q", line)
		}
		if doc == "total" {
			total = count
		} else {
			counts[doc] = count
		}
	}
	if total < 0 {
		t.Fatalf("search --count printed no total:\n%s", out)
	}
	return counts, total
}

// regexpCounts counts the whole-word matches of the patterns in each
// document's text (texts by ID), added up, and in all.
func regexpCounts(texts map[string]string, patterns []string) (map[string]int, int) {
	out, total := map[string]int{}, 0
	for id, text := range texts {
		for _, pat := range patterns {
			out[id] += regexpCount(plainForCount(text), pat)
		}
		total += out[id]
	}
	return out, total
}

// listedCounts counts the hits search lists by document.
func listedCounts(t *testing.T, args ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, h := range searchJSON(t, append(args, "--json")...) {
		out[h.Doc]++
	}
	return out
}

func TestSearchCountCLI(t *testing.T) {
	p, texts := searchProject(t)
	const between = `[^\pL\pN\pM]+`
	for _, tc := range []struct {
		query    string
		patterns []string // whole-word matches, counted apart and added up
	}{
		{"quality", []string{`quality`}},
		{"Staff", []string{`staff`}},
		{"health*", []string{`health[\pL\pN\pM]*`}},
		{"benefit*", []string{`benefit[\pL\pN\pM]*`}},
		{`"quality improvement"`, []string{`quality` + between + `improvement`}},
		{`"health care"`, []string{`health` + between + `care`}},
		{"patients OR nurses", []string{`patients`, `nurses`}},
		{"expectations", []string{`expectations`}}, // "expec-\ntations" twice in bmc-hsr
		{"financial", []string{`financial`}},       // "ﬁnancial" in hindawi
		{"quality -zyzzyva", []string{`quality`}},  // an exclusion on no page
	} {
		counts, total := searchCounts(t, p, tc.query)
		wants, sum := regexpCounts(texts, tc.patterns)
		for id, want := range wants {
			if counts[id] != want {
				t.Errorf("%s: --count says %d in %s, the regular expressions count %d", tc.query, counts[id], id, want)
			}
		}
		if total != sum || sum == 0 {
			t.Errorf("%s: total %d, the regular expressions count %d", tc.query, total, sum)
		}
	}
	// Exclusions and words that must share a sentence: as many as search
	// lists, document by document.
	for _, query := range []string{"quality -improvement", "health* -care", "patients staff", `quality OR "health care" -services`} {
		counts, total := searchCounts(t, p, query)
		listed := listedCounts(t, p, query)
		n := 0
		for _, c := range listed {
			n += c
		}
		if fmt.Sprint(counts) != fmt.Sprint(listed) || total != n || n == 0 {
			t.Errorf("%s: --count %v (total %d), search lists %v", query, counts, total, listed)
		}
	}
	// --doc, and JSON.
	var id string
	for d := range texts {
		id = d
	}
	var got cli.CountJSON
	if err := json.Unmarshal([]byte(mustRun(t, "search", p, "quality", "--doc", id, "--count", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	want := regexpCount(plainForCount(texts[id]), "quality")
	if len(got.Docs) > 1 || got.Total != want || want > 0 && (got.Docs[0].Doc != id || got.Docs[0].Count != want) {
		t.Errorf("--doc %s --count --json: %+v, want %d", id, got, want)
	}
	if r := run(t, "search", p, "quality", "--count", "--unit", "sentence"); r.code != 2 && r.code != 1 {
		t.Errorf("--count with --unit sentence: exit %d", r.code)
	}
}

// Accents, ligatures and words hyphenated over a line end are counted as
// search finds them.
func TestSearchCountFoldsCLI(t *testing.T) {
	p := newProject(t)
	id := addText(t, p, "notes.txt", "Sundström wrote about ﬁnancial incentives, Sundstrom about financial ones.\n"+
		"Improve-\nment, improvement and improvements; ÆSOP and Aesop.\n")
	for query, want := range map[string]int{"sundstrom": 2, "SUNDSTRÖM": 2, "financial": 2, "ﬁnancial": 2,
		"improvement": 2, "improvement*": 3, "aesop": 2, `"about financial"`: 2, "incent* OR aesop": 3} {
		counts, total := searchCounts(t, p, query)
		if total != want || counts[id] != want {
			t.Errorf("%s: %v total %d, want %d", query, counts, total, want)
		}
	}
}
