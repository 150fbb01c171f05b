package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// similar on a CMOC: the sentences most like its fragments taken
// together, from the documents none of them is in.
func TestSimilarToACMOC(t *testing.T) {
	p := newProject(t)
	add := func(name, text string) string { return addText(t, p, name, text) }
	code := func(doc, sentence string) string {
		start := runeIndex(mustRun(t, "text", p, doc), sentence)
		return strings.TrimSpace(mustRun(t, "code", p, doc, strconv.Itoa(start),
			strconv.Itoa(start+utf8.RuneCountInString(sentence)), "--role", "reasoning"))
	}
	const trust, budget = "Nurses trusted the ward managers who listened to them.", "The hospital board cut the training budget twice."
	a := add("a.txt", "Interview one. "+trust+" The end.\n")
	b := add("b.txt", "Interview two. "+budget+" The end.\n")
	c := add("c.txt", "The canteen was closed. Ward managers listened, so nurses trusted them. "+
		"Weather reports only. The board cut the budget for training. Nothing more.\n")
	add("d.txt", "Nothing alike in this one. Weather reports only.\n")
	cmoc := strings.TrimSpace(mustRun(t, "cmoc", p, "--statement", "Listening managers earn trust", "--fragment", code(a, trust), "--fragment", code(b, budget)))

	var hits []similarHit
	if err := json.Unmarshal([]byte(mustRun(t, "similar", p, cmoc, "--json", "--limit", "2")), &hits); err != nil {
		t.Fatal(err)
	}
	text := []rune(mustRun(t, "text", p, c))
	var got []string
	for _, h := range hits {
		if h.Doc != c {
			t.Errorf("listed from a document the CMOC cites or one unlike it: %+v", h)
			continue
		}
		if string(text[h.Start:h.End]) != h.Text {
			t.Errorf("text[%d:%d] = %q, the hit says %q", h.Start, h.End, string(text[h.Start:h.End]), h.Text)
		}
		got = append(got, h.Text)
	}
	want := []string{"Ward managers listened, so nurses trusted them.", "The board cut the budget for training."}
	if len(got) != 2 || !(got[0] == want[0] && got[1] == want[1] || got[0] == want[1] && got[1] == want[0]) {
		t.Errorf("similar to the CMOC: %q, want the sentences like each of its fragments %q", got, want)
	}
	if r := run(t, "similar", p, "no-such-thing"); r.code != 1 || !strings.Contains(r.stderr, "no fragment or CMOC") {
		t.Errorf("unknown reference: exit %d, %q", r.code, r.stderr)
	}
}
