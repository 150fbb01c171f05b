package pdfview

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

func TestUnreadable(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want bool
	}{
		{'a', false}, {'é', false}, {'1', false}, {'–', false}, {'ﬁ', false}, {'漢', false},
		{' ', false}, {'\n', false}, {'\t', false}, {'\f', false}, {'\r', false}, {'\u00a0', false}, {'\u0085', false},
		{'\uFFFD', true},
		{'\uE000', true}, {'\uF0B7', true}, {'\uF8FF', true},
		{0xDFFF, false}, {0xF900, false}, // just outside the private-use area
		{0x00, true}, {0x07, true}, {0x1B, true}, {0x7F, true}, {0x9F, true},
	} {
		if got := Unreadable(c.r); got != c.want {
			t.Errorf("Unreadable(%U) = %v, want %v", c.r, got, c.want)
		}
	}
}

func TestMostlyUnreadable(t *testing.T) {
	bad := func(n int, r rune) string { return strings.Repeat(string(r), n) }
	for _, c := range []struct {
		name string
		text string
		want bool
	}{
		{"empty", "", false},
		{"only white space", "  \n\n\t\f  ", false},
		{"ordinary text", "User acceptance of technology has been an important field", false},
		{"all U+FFFD", bad(40, '\uFFFD'), true},
		{"all private use", bad(40, '\uF041'), true},
		{"all control", bad(40, '\x01'), true},
		{"mixed unreadable kinds", bad(10, '\uFFFD') + bad(10, '\uE001') + bad(10, '\x02'), true},
		// htmldoc's pages: punctuation maps, letters do not.
		{"letters unmapped, punctuation mapped", bad(30, '\uFFFD') + ", . ( ) - " + bad(30, '\uFFFD'), true},
		{"white space does not dilute", bad(12, '\uFFFD') + strings.Repeat(" \n", 100) + "abcdefghijk", true},
		{"white space does not count as unreadable", "abcdefghijkl" + strings.Repeat("\n\n\t", 100) + bad(11, '\uFFFD'), false},
		{"half and half is not most", bad(20, '\uFFFD') + bad(20, 'x'), false},
		{"one more unreadable is most", bad(21, '\uFFFD') + bad(20, 'x'), true},
		{"few unreadable on a near-empty page", bad(9, '\uFFFD'), false},
		{"minimum reached", bad(10, '\uFFFD'), true},
		{"math page with some U+FFFD", strings.Repeat("where V(p; k; W) = \uFFFDu (2) ", 20), false},
		{"Word bullets in private use", strings.Repeat("\uF0B7 an item of a list\n", 30), false},
	} {
		if got := MostlyUnreadable(c.text); got != c.want {
			t.Errorf("%s: MostlyUnreadable = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestUnreadablePagesAndWarnings(t *testing.T) {
	pages := []coding.Page{
		{Text: "Working Papers on Information Systems"},
		{Text: strings.Repeat("\uFFFD\uFFFD\uFFFD ", 30)},
		{Text: strings.Repeat("\uFFFD\uFFFD\uFFFD ", 30)},
		{Text: strings.Repeat("word ", 100) + strings.Repeat("\uFFFD", 12)},
	}
	if got := UnreadablePages(pages); len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("UnreadablePages = %v, want [2 3]", got)
	}
	if got, want := UnmappedOCRWarning([]int{2, 3, 4, 5, 22}), "pages 2–5, 22: text from OCR (the PDF's fonts have no usable character map)"; got != want {
		t.Errorf("UnmappedOCRWarning = %q, want %q", got, want)
	}
	w := ReplacementWarning(pages)
	if w != "pages 2–4: some characters cannot be read (shown as \uFFFD)" || !IsReplacementWarning(w) {
		t.Errorf("ReplacementWarning = %q", w)
	}
	pages[1].Text, pages[2].Text = "OCR text", "more OCR text"
	if w := ReplacementWarning(pages); w != "page 4: some characters cannot be read (shown as \uFFFD)" {
		t.Errorf("after OCR, ReplacementWarning = %q", w)
	}
	if IsReplacementWarning("page 1: no text layer") {
		t.Error("IsReplacementWarning of another warning")
	}
}
