package coding

import (
	"strings"
	"testing"
)

// TestMatchSentenceIsTheShownSentence: a search for words in one sentence
// matches only where the sentence shown for the hit (SentenceAt) holds them
// all. Lines with no sentence end (a table's header cells read each whole)
// are shown one line at a time, so they are sentences one line at a time
// for matching too.
func TestMatchSentenceIsTheShownSentence(t *testing.T) {
	for _, page := range []string{
		"Respondent group Strengths\nWeaknesses hindering quality\nimprovement in healthcare delivery\nAreas for improvement\n1. Affiliate respondents",
		"Quality of care at night.\nAreas for improvement were named. Quality improvement was asked for.",
		"Heading\nquality\nimprovement",
	} {
		q, err := ParseQuery("quality improvement")
		if err != nil {
			t.Fatal(err)
		}
		text := NewText([]Page{{Number: 1, Text: page}})
		for _, m := range q.MatchPage(page) {
			s, e := text.Span(m.Start, m.End, UnitSentence)
			shown := strings.ToLower(string([]rune(page)[s:e]))
			if !strings.Contains(shown, "quality") || !strings.Contains(shown, "improvement") {
				t.Errorf("page %q: hit %q shown in the sentence %q, which lacks a word", page, string([]rune(page)[m.Start:m.End]), shown)
			}
		}
	}
}
