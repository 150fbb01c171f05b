package coding

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unit is how much of the text around a hit a search reports, and codes:
// the matched words, the sentence around them, or the paragraph.
type Unit string

// Units of a hit.
const (
	UnitMatch     Unit = "match"
	UnitSentence  Unit = "sentence"
	UnitParagraph Unit = "paragraph"
)

// ParseUnit reads a unit's name.
func ParseUnit(s string) (Unit, error) {
	switch u := Unit(strings.ToLower(strings.TrimSpace(s))); u {
	case UnitMatch, UnitSentence, UnitParagraph:
		return u, nil
	}
	return "", fmt.Errorf("unit %q is not match, sentence or paragraph", s)
}

// Span is the span of unit u around [start, end): the span itself, the
// sentences holding its two ends and all between, or their paragraphs.
func (t *Text) Span(start, end int, u Unit) (int, int) {
	switch u {
	case UnitSentence:
		s, _ := t.SentenceAt(start)
		_, e := t.SentenceAt(end - 1)
		return min(s, start), max(e, end)
	case UnitParagraph:
		s, _ := t.ParagraphAt(start)
		_, e := t.ParagraphAt(end - 1)
		return min(s, start), max(e, end)
	}
	return start, end
}

// ParagraphAt is the paragraph holding the character at off, without the
// white space around it. Extracted text marks no paragraphs, so one ends
// at a blank line, at a page's end, after a line that reads as a heading,
// and after a line that ends a sentence well short of the page's longest
// line (a paragraph's last line).
func (t *Text) ParagraphAt(off int) (start, end int) {
	text, base, i := t.around(off)
	if i < 0 || i >= len(text) {
		return off, off
	}
	longest := 0
	for s := 0; s < len(text); {
		_, e := lineAround(text, s)
		longest = max(longest, e-s)
		s = e + 1
	}
	ends := func(j int) bool { // the line break text[j] ends a paragraph
		if headingBreak(text, j) {
			return true
		}
		ls, _ := lineAround(text, j-1)
		s, e := trimSpace(text, ls, j)
		return e > s && sentenceEnd(text, e-1) > 0 && 10*(e-ls) < 8*longest
	}
	s := 0
	for j := i - 1; j >= 0; j-- {
		if text[j] == '\n' && ends(j) {
			s = j + 1
			break
		}
	}
	e := len(text)
	for j := i; j < len(text); j++ {
		if text[j] == '\n' && j > 0 && ends(j) {
			e = j
			break
		}
	}
	s, e = trimSpace(text, s, e)
	return base + s, base + e
}

// ContextParts is one line of a page's text (as runes) around [start,
// end) for a list of hits, in three parts so that the match can be shown
// apart: about width code points, white space runs as one space, "…"
// where the line is cut.
func ContextParts(page []rune, start, end, width int) (before, match, after string) {
	side := max((width-(end-start))/2, 8)
	s, e := max(start-side, 0), min(end+side, len(page))
	oneLine := func(x []rune) string {
		out := make([]rune, len(x))
		for i, r := range x {
			if unicode.IsSpace(r) || r == PageSeparator {
				r = ' '
			}
			out[i] = r
		}
		return string(out)
	}
	before, match, after = oneLine(page[s:start]), oneLine(page[start:end]), oneLine(page[end:e])
	if s > 0 {
		before = "…" + trimToWord(before, true)
	}
	if e < len(page) {
		after = trimToWord(after, false) + "…"
	}
	return before, match, after
}

// trimToWord drops a word cut by the context's edge (at the start when
// head, else at the end).
func trimToWord(s string, head bool) string {
	if head {
		if i := strings.IndexByte(s, ' '); i >= 0 && utf8.RuneCountInString(s) > 12 {
			return s[i:]
		}
		return s
	}
	if i := strings.LastIndexByte(s, ' '); i >= 0 && utf8.RuneCountInString(s) > 12 {
		return s[:i+1]
	}
	return s
}

// Scope narrows a search: to some documents, to the sources the
// reviewers included, to hits inside a fragment of a role or carrying a
// label, or to hits outside every fragment.
type Scope struct {
	Docs     []string // document IDs; none: all
	Included bool     // only documents whose decision is include
	Role     Role     // "": any
	Label    string   // "": any
	Uncoded  bool
}

// KeepsDocument tells whether the scope searches a document: one of Docs
// (when given) and, with Included, one the reviewers included (not one
// excluded, nor one still undecided).
func (sc Scope) KeepsDocument(d Document) bool {
	if len(sc.Docs) > 0 && !slices.Contains(sc.Docs, d.ID) {
		return false
	}
	return !sc.Included || d.Decision == Include
}

// Inside tells whether the scope asks for hits inside fragments.
func (sc Scope) Inside() bool { return sc.Role != "" || sc.Label != "" }

// Keeps tells whether the scope keeps a hit, given the fragments of its
// document that overlap it (Overlapping).
func (sc Scope) Keeps(h Hit, over []Fragment) bool {
	if sc.Uncoded {
		return len(over) == 0
	}
	if !sc.Inside() {
		return true
	}
	return slices.ContainsFunc(over, func(f Fragment) bool {
		return f.Start <= h.Start && h.End <= f.End &&
			(sc.Role == "" || f.Role == sc.Role) &&
			(sc.Label == "" || slices.ContainsFunc(f.Labels, func(l string) bool { return NameKey(l) == NameKey(sc.Label) }))
	})
}

// Overlapping is the fragments of frags (one document's) that share a
// character with [start, end).
func Overlapping(frags []Fragment, start, end int) []Fragment {
	var out []Fragment
	for _, f := range frags {
		if f.Start < end && start < f.End {
			out = append(out, f)
		}
	}
	return out
}
