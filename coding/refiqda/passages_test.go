package refiqda

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestUTF16Offsets(t *testing.T) {
	text := "a😀b\r\nc👍🏽d" // 😀, 👍 and 🏽 are two UTF-16 units each
	conv := UTF16Offsets(text)
	units := utf16.Encode([]rune(text))
	for _, c := range []struct{ unit, point int }{
		{0, 0}, {1, 1}, {3, 2}, {4, 3}, {5, 4}, {6, 5}, {7, 6}, {9, 7}, {11, 8}, {12, 9},
		{2, 1}, // inside a surrogate pair: the character's start
	} {
		if got := conv(c.unit); got != c.point {
			t.Errorf("UTF-16 offset %d -> %d, want %d", c.unit, got, c.point)
		}
	}
	if len(units) != 12 {
		t.Fatalf("test text has %d units", len(units))
	}
	if got := SliceRunes(text, conv(7), conv(12)); got != "👍🏽d" {
		t.Errorf("slice %q", got)
	}
}

func TestMatcher(t *testing.T) {
	ours := "Staff were reassured.\fThe chief executive openly\naddresses staff concerns. Staff were  reassured again.\n"
	m := NewMatcher(ours)
	r := []rune(ours)
	for _, c := range []struct {
		quote string
		rel   float64
		want  string
	}{
		{"openly addresses staff", 0.5, "openly\naddresses staff"},
		{" \ufeffopenly\r\n addresses\u200b staff ", 0.5, "openly\naddresses staff"},
		{"Staff were reassured", 0.0, "Staff were reassured"},
		{"Staff were reassured", 0.8, "Staff were  reassured"},
		{"reassured.\nThe", 0.1, "reassured.\fThe"},
	} {
		s, e, ok := m.Find(c.quote, c.rel)
		if !ok || string(r[s:e]) != c.want {
			t.Errorf("Find(%q, %.1f) = %d-%d %v (%q), want %q", c.quote, c.rel, s, e, ok, string(r[max(s, 0):max(e, 0)]), c.want)
		}
	}
	for _, q := range []string{"", "  \n", "not there"} {
		if _, _, ok := m.Find(q, 0); ok {
			t.Errorf("Find(%q) found", q)
		}
	}
	if got := NormColour(" #AbC "); got != "#aabbcc" {
		t.Errorf("NormColour = %q", got)
	}
	for _, bad := range []string{"red", "#12345", "#ggg", ""} {
		if got := NormColour(bad); got != "" {
			t.Errorf("NormColour(%q) = %q", bad, got)
		}
	}
	if got := NormGUID(" {ABCDEF00-1234-5678-9ABC-DEF012345678} "); got != "abcdef00-1234-5678-9abc-def012345678" {
		t.Errorf("NormGUID = %q", got)
	}
}

// TestPassagesTextConvertedOnce: placing many passages of a long text
// converts it to code points once, not once a passage (a PDF with
// hundreds of passages coded in another tool allocated gigabytes).
func TestPassagesTextConvertedOnce(t *testing.T) {
	words := strings.Fields(strings.Repeat("alpha beta gamma delta epsilon zeta eta theta ", 5000))
	theirs := strings.Join(words, " ")
	ours := strings.Join(words, "\n")
	p := NewPassages(ours, theirs, true, false)
	if _, _, err := p.Place(0, 10); err != nil { // makes the matcher
		t.Fatal(err)
	}
	const n = 100
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range n {
		start := i * 997 % (len(theirs) - 20)
		if _, _, err := p.Place(start, start+20); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if perPassage := (after.TotalAlloc - before.TotalAlloc) / n; perPassage > uint64(len(theirs)) {
		t.Errorf("%d bytes allocated a passage in a text of %d", perPassage, len(theirs))
	}
}
