package coding

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// wordsText is two pages as extraction gives them: running text broken
// into lines, a word hyphenated over a line end, a heading, a running head.
var wordsText = NewText([]Page{
	{Text: "the staff's short-lived effort, 2014. Expec-\ntations were high (see\nFig. 2). Agyeman-Duah et al. have shown it!\nAnd then?"},
	{Text: "Page 2 of 10\nBackground\nThe desire to improve on health\nsystems is common [1]. However, the\nresources differ."},
})

// offsetIn is the offset of the k-th code point of the first sub in the
// document text.
func offsetIn(t *testing.T, text *Text, sub string, k int) int {
	t.Helper()
	s := text.String()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in the text", sub)
	}
	return utf8.RuneCountInString(s[:i]) + k
}

// spanCase is a span wanted around the k-th code point of at.
type spanCase struct {
	at   string
	k    int
	want string
}

// checkSpans checks a function giving the span around an offset.
func checkSpans(t *testing.T, name string, spanAt func(off int) (int, int), cases []spanCase) {
	t.Helper()
	for _, tc := range cases {
		s, e := spanAt(offsetIn(t, wordsText, tc.at, tc.k))
		if got := wordsText.Slice(s, e); got != tc.want {
			t.Errorf("%s(%q[%d]) = %q, want %q", name, tc.at, tc.k, got, tc.want)
		}
	}
}

func TestWordAt(t *testing.T) {
	checkSpans(t, "WordAt", wordsText.WordAt, []spanCase{
		{"the", 1, "the"},
		{"staff's", 0, "staff's"},
		{"staff's", 5, "staff's"}, // the apostrophe
		{"short-lived", 5, "short-lived"},
		{"short-lived", 8, "short-lived"},
		{"effort,", 6, ","},
		{"2014", 2, "2014"},
		{"Expec-", 2, "Expec-\ntations"},
		{"Expec-", 5, "Expec-\ntations"}, // the hyphen at the line end
		{"tations", 3, "Expec-\ntations"},
		{"Agyeman-Duah", 9, "Agyeman-Duah"},
		{"(see", 0, "("},
		{"Background", 0, "Background"},
	})
	if s, e := wordsText.WordAt(-1); s != -1 || e != -1 {
		t.Errorf("WordAt(-1) = %d, %d", s, e)
	}
}

// A span that starts or ends inside a word grows to the whole word; one
// whose ends fall between words stays as it is.
func TestSnapToWords(t *testing.T) {
	for _, tc := range []struct {
		from string // the span from from[fk] to to[tk] (exclusive)
		fk   int
		to   string
		tk   int
		want string
	}{
		{"staff's", 3, "short", 2, "staff's short-lived"},
		{"staff's", 0, "effort", 6, "staff's short-lived effort"},
		{"staff's", 0, "effort,", 7, "staff's short-lived effort,"},
		{"lived", 2, "lived", 3, "short-lived"},
		{"2014.", 1, "Expec", 2, "2014. Expec-\ntations"},
		{"were", 0, "high", 0, "were "},
		{"lived", 2, "lived", 2, ""}, // a click, no drag
	} {
		s, e := offsetIn(t, wordsText, tc.from, tc.fk), offsetIn(t, wordsText, tc.to, tc.tk)
		s, e = wordsText.SnapToWords(s, e)
		if got := wordsText.Slice(s, e); got != tc.want {
			t.Errorf("SnapToWords(%q[%d], %q[%d]) = %q, want %q", tc.from, tc.fk, tc.to, tc.tk, got, tc.want)
		}
		// Backwards gives the same.
		if s2, e2 := wordsText.SnapToWords(e, s); s2 != s || e2 != e {
			t.Errorf("backwards: %d-%d, want %d-%d", s2, e2, s, e)
		}
	}
}

func TestSentenceAt(t *testing.T) {
	checkSpans(t, "SentenceAt", wordsText.SentenceAt, []spanCase{
		{"short-lived", 0, "the staff's short-lived effort, 2014."},
		{"2014.", 4, "the staff's short-lived effort, 2014."}, // on its full stop
		{"tations", 0, "Expec-\ntations were high (see\nFig. 2)."},
		{"Fig.", 1, "Expec-\ntations were high (see\nFig. 2)."}, // "Fig." ends nothing
		{"et al.", 4, "Agyeman-Duah et al. have shown it!"},
		{"And then", 2, "And then?"},
		// A heading and a running head have no sentence end: their line.
		{"Background", 3, "Background"},
		{"Page 2", 0, "Page 2 of 10"},
		// A sentence after a heading starts under it.
		{"desire", 0, "The desire to improve on health\nsystems is common [1]."},
		{"However", 2, "However, the\nresources differ."},
	})
}
