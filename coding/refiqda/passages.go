package refiqda

// Passage matching: placing another tool's coded passage in cmocoder's
// text of the same document. Offsets: UTF16Offsets turns NVivo for
// Windows' UTF-16 units into code points, and Matcher finds a passage by
// its words when the file's text is not cmocoder's (a PDF's text as
// another tool extracted it).

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// UTF16Offsets returns a function turning an offset in UTF-16 code units
// of text (as NVivo for Windows counts) into one in code points. An
// offset inside a surrogate pair goes to the character's start; one past
// the end to the end.
func UTF16Offsets(text string) func(int) int {
	// units[i] is the UTF-16 offset where code point i starts.
	units := make([]int, 0, len(text)+1)
	u := 0
	for _, r := range text {
		units = append(units, u)
		u += utf16.RuneLen(r) // range yields U+FFFD for bad bytes: never -1
	}
	units = append(units, u)
	return func(off int) int {
		if off <= 0 {
			return off
		}
		i, found := slices.BinarySearch(units, off)
		if !found && i > 0 {
			i--
		}
		if off > u {
			return len(units) - 1 + (off - u)
		}
		return i
	}
}

// Matcher finds passages in a text by their words: white space of any kind
// (page breaks and line breaks included) is one space, and invisible
// characters (zero-width spaces, byte-order marks, soft hyphens) are
// ignored on both sides.
type Matcher struct {
	norm string
	pos  []int // by byte of norm: the code-point offset in the text of the rune starting there
	n    int   // code points in the text
}

func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

// normalise collapses white space and drops invisible characters; pos
// gives each byte of the result its code-point offset in s (-1 inside a
// multi-byte rune).
func normalise(s string) (string, []int) {
	var b strings.Builder
	var pos []int
	space := false
	i := 0
	for _, r := range s {
		switch {
		case invisible(r):
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
				pos = append(pos, i)
			}
			space = true
		default:
			space = false
			n := utf8.RuneLen(r)
			if n < 0 {
				r, n = utf8.RuneError, 3
			}
			b.WriteRune(r)
			pos = append(pos, i)
			for k := 1; k < n; k++ {
				pos = append(pos, -1)
			}
		}
		i++
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out, pos = out[:len(out)-1], pos[:len(pos)-1]
	}
	return out, pos
}

// NewMatcher prepares text for Find.
func NewMatcher(text string) *Matcher {
	norm, pos := normalise(text)
	return &Matcher{norm: norm, pos: pos, n: utf8.RuneCountInString(text)}
}

// Find finds quote in the text, its white space normalised, and returns
// its code-point span. Among several occurrences it takes the one whose
// start, relative to the text's length, is nearest rel (0..1).
func (m *Matcher) Find(quote string, rel float64) (start, end int, ok bool) {
	q, _ := normalise(quote)
	if q == "" {
		return 0, 0, false
	}
	best, bestDist := -1, 2.0
	for from := 0; from <= len(m.norm); {
		i := strings.Index(m.norm[from:], q)
		if i < 0 {
			break
		}
		i += from
		d := float64(m.pos[i])/float64(max(m.n, 1)) - rel
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = i, d
		}
		_, size := utf8.DecodeRuneInString(m.norm[i:])
		from = i + size
	}
	if best < 0 {
		return 0, 0, false
	}
	last := best + len(q) - 1
	for m.pos[last] < 0 {
		last--
	}
	return m.pos[best], m.pos[last] + 1, true
}

// SliceRunes is text[start:end] in code points, clamped to the text.
func SliceRunes(text string, start, end int) string { return sliceRunes([]rune(text), start, end) }

func sliceRunes(r []rune, start, end int) string {
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	if start >= end {
		return ""
	}
	return string(r[start:end])
}

// errNoText is a passage of a source whose text (the one its offsets count
// in) the file does not hold, when that text is needed to find it.
var errNoText = errors.New("the text its offsets count in is not in the file")

// notFoundError is a passage whose words are not in cmocoder's text.
type notFoundError struct{ quote string }

func (e *notFoundError) Error() string {
	return fmt.Sprintf("%q is not in cmocoder's text", e.quote)
}

// Passages places the coded passages of one source in cmocoder's text of
// the document it became.
type Passages struct {
	ours, theirs string
	hasText      bool
	// direct: theirs is ours but for line breaks and page breaks (a
	// cmocoder export, or a text source stored as a text document), so
	// offsets carry over through align.
	direct   bool
	align    []int         // by code point of theirs (and one past the end): its offset in ours
	conv     func(int) int // the file's offsets into code points of theirs
	theirLen int
	m        *Matcher // made on first need
	runes    []rune   // theirs, made on first need: slicing the string each time costs its length
}

// NewPassages prepares to place passages whose offsets count in theirs,
// the text the producing tool coded (hasText false when the file does not
// hold it), in ours, cmocoder's text with pages joined by
// coding.PageSeparator. utf16Units says the offsets count UTF-16 code
// units (NVivo) rather than code points.
func NewPassages(ours, theirs string, hasText, utf16Units bool) *Passages {
	p := &Passages{ours: ours, theirs: theirs, hasText: hasText, conv: func(off int) int { return off },
		theirLen: utf8.RuneCountInString(theirs)}
	if hasText {
		p.align = Align(theirs, ours)
		p.direct = p.align != nil
	}
	if utf16Units && hasText {
		p.conv = UTF16Offsets(theirs)
	}
	return p
}

// Place returns the span of ours that holds the passage [start, end) of
// the file: the same offsets when the texts are the same, else where its
// words are, the occurrence nearest its place in theirs. The span is not
// checked against ours (coding.CheckSpan does). The errors are errNoText
// and *notFoundError.
func (p *Passages) Place(start, end int) (s, e int, err error) {
	start, end = p.conv(start), p.conv(end)
	if p.direct {
		return p.aligned(start), p.aligned(end), nil
	}
	if !p.hasText {
		return 0, 0, errNoText
	}
	if p.m == nil {
		p.m = NewMatcher(p.ours)
	}
	if p.runes == nil {
		p.runes = []rune(p.theirs)
	}
	quote := sliceRunes(p.runes, start, end)
	s, e, ok := p.m.Find(quote, float64(start)/float64(max(p.theirLen, 1)))
	if !ok {
		return 0, 0, &notFoundError{quote}
	}
	return s, e, nil
}

// aligned is the offset in ours of code point off of theirs; one outside
// theirs stays as far outside ours, for coding.CheckSpan to refuse.
func (p *Passages) aligned(off int) int {
	switch {
	case off < 0:
		return off
	case off >= len(p.align):
		return p.align[len(p.align)-1] + off - (len(p.align) - 1)
	}
	return p.align[off]
}

// Align maps the code points of theirs, a text as another tool stored it,
// onto ours, cmocoder's text of it: the same characters but that a CRLF
// or CR is one LF, a line break or space may be a page separator (where a
// layout ended a page), a control character may be U+FFFD, the DOS
// end-of-file mark may be gone and a separator may be added inside a word
// (all as textdoc stores a plain text). The result, one longer than
// theirs, gives each code point of theirs its offset in ours: a CR before
// LF goes where that LF is. It is nil when the texts differ otherwise, so
// that the caller finds passages by their words instead.
func Align(theirs, ours string) []int {
	t, o := []rune(theirs), []rune(ours)
	align := make([]int, 0, len(t)+1)
	j := 0
	for i := 0; i < len(t); i++ {
		r := t[i]
		if r == '\r' && i+1 < len(t) && t[i+1] == '\n' || r == '\x1a' {
			align = append(align, j) // no character of its own in ours
			continue
		}
		if j < len(o) && o[j] == coding.PageSeparator && r != '\f' && !unicode.IsSpace(r) {
			j++ // a separator a layout added inside a word
		}
		if j >= len(o) || !sameChar(r, o[j]) {
			return nil
		}
		align = append(align, j)
		j++
	}
	if j != len(o) {
		return nil
	}
	return append(align, j)
}

// sameChar reports whether ours stores their character r as o.
func sameChar(r, o rune) bool {
	switch {
	case r == o:
		return true
	case r == '\r':
		return o == '\n' || o == coding.PageSeparator
	case r == '\n' || r == ' ' || r == '\v' || r == 0x2028 || r == 0x2029:
		return o == coding.PageSeparator || o == '\n' && r != ' '
	case unicode.IsControl(r):
		return o == utf8.RuneError
	}
	return false
}
