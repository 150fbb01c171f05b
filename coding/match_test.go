package coding

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// matchTexts are pages with what makes words hard to find: case, accents,
// marks, ligatures, hyphens inside words and at line ends, soft hyphens,
// apostrophes, digits, other scripts.
var matchTexts = []string{
	"",
	"Quality improvement in healthcare: quality-improvement, QUALITY, qualities.",
	"Sundström and sundstrom; Sundstro\u0308m; ﬁnding the ﬂow of ﬃcers; Æsop's œuvre; Straße.",
	"improve-\nment and improve-\n ment, improve-\nMent, improve‐\nment, im\u00adprove\u00adment\u00ad.",
	"staff's morale, staff’s trust; short-lived -staff- --- 2.5% of 100 staff\nstaff\n\nstaff-\n\nstaff-\n1",
	"مرحبا بالعالم — staff are reassured\r\nTeam members are upset (O−) 協力\x02\r\n",
	"\u0301\u0301 lone marks, x\u0301y, 🙂staff🙂, staff\u00ad \u00adstaff, health-\nworkers' health\u2011care",
}

// randomText draws n characters from those that change how words split.
func randomText(r *rand.Rand, n int) string {
	alphabet := []rune("aAbqQ zZ09-\n\u00ad\u2010\u2011'’ .,;é\u0301ﬁßÆİ🙂\t\r")
	words := []string{"quality", "Quality", "improve", "ment", "staff", "ﬁnd", "sundström", "health"}
	var b strings.Builder
	for b.Len() < n {
		if r.IntN(4) == 0 {
			b.WriteString(words[r.IntN(len(words))])
		} else {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
	}
	return b.String()
}

// sameWords fails unless eachWord reads text's words as Tokens splits it.
func sameWords(t *testing.T, text string) {
	t.Helper()
	var got []Token
	eachWord(text, func(w word) {
		fold := w.text
		if w.plain {
			fold = strings.ToLower(fold)
		}
		got = append(got, Token{Fold: fold, Start: w.start, End: w.end})
	})
	want := Tokens(text)
	if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
		t.Fatalf("words of %q:\n got %v\nwant %v", text, got, want)
	}
}

// sameMatches fails unless a clause matches text alike read in chunks
// (matchPhrases) and split into words and sentences (matchTokens).
func sameMatches(t *testing.T, query, text string) {
	t.Helper()
	q, err := ParseQuery(query)
	if err != nil {
		return // not a query: nothing to compare
	}
	if len(q.Clauses) != 1 || len(q.Excluded) != 0 {
		t.Fatalf("%q is not one clause alone", query)
	}
	got, want := matchPhrases(q.Clauses[0], text), q.matchTokens(text)
	if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q in %q:\n got %v\nwant %v", query, text, got, want)
	}
}

var matchQueries = []string{
	"quality", "QUALITY*", "improvement", "improve", "improve*", `"quality improvement"`, `"staff s"`,
	"staff", "staff*", "sundstrom", "finding", "ffi*", "aesop", "strasse", "s", "1", `"2 5"`, "health OR staff",
	`"health care" OR healthcare OR health*`, "short-lived", "協力", "مرحبا", "x*", `"are reassured team"`,
}

// The chunked matcher finds what the word-by-word one does, and reads the
// words Tokens does, on pages built to be hard.
func TestMatchPhrasesAsTokens(t *testing.T) {
	for _, text := range matchTexts {
		sameWords(t, text)
		for _, q := range matchQueries {
			sameMatches(t, q, text)
		}
	}
}

// Likewise on random pages of the characters that decide where words are,
// for queries of their own words.
func TestMatchPhrasesAsTokensRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2026))
	for range 3000 {
		text := randomText(r, r.IntN(200))
		sameWords(t, text)
		toks := Tokens(text)
		queries := matchQueries[:4]
		if len(toks) > 0 {
			a, b := toks[r.IntN(len(toks))], toks[r.IntN(len(toks))]
			queries = append(queries, a.Fold, a.Fold[:len(a.Fold)/2+1]+"*", `"`+a.Fold+" "+b.Fold+`"`, a.Fold+" OR "+b.Fold+"*")
		}
		for _, q := range queries {
			sameMatches(t, q, text)
		}
	}
}

func FuzzMatchPhrases(f *testing.F) {
	for _, text := range matchTexts {
		f.Add(text, "quality")
		f.Add(text, `"improve ment" OR staff*`)
	}
	f.Fuzz(func(t *testing.T, text, query string) {
		sameWords(t, text)
		if q, err := ParseQuery(query); err == nil && len(q.Clauses) == 1 && len(q.Excluded) == 0 {
			sameMatches(t, query, text)
		}
	})
}
