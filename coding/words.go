package coding

import (
	"strings"
	"unicode"
)

// Words and sentences of a document's text, for selecting by them: a drag
// snaps to whole words, a double click takes a word, a triple click a
// sentence. They read the text only (no page geometry), so that every
// reader of a document agrees on them.

// WordAt is the word holding the character at off: a run of letters,
// digits and marks, with hyphens and apostrophes between them ("staff's",
// "short-lived"), and a word a hyphen breaks over two lines
// ("expec-\ntations") taken whole. A character outside a word is a span
// of its own, [off, off+1); an offset outside the text gives [off, off).
func (t *Text) WordAt(off int) (start, end int) {
	text, base, i := t.around(off)
	if i < 0 || i >= len(text) {
		return off, off
	}
	if !inWord(text, i) {
		return off, off + 1
	}
	s, e := i, i+1
	for inWord(text, s-1) {
		s--
	}
	for inWord(text, e) {
		e++
	}
	return base + s, base + e
}

// SnapToWords widens the span [start, end) so that neither end cuts a
// word: a drag that starts or ends inside a word takes all of it. An
// empty span stays as it is.
func (t *Text) SnapToWords(start, end int) (int, int) {
	if start > end {
		start, end = end, start
	}
	if start == end {
		return start, end
	}
	if t.cutsWord(start) {
		start, _ = t.WordAt(start)
	}
	if t.cutsWord(end) {
		_, end = t.WordAt(end - 1)
	}
	return start, end
}

// cutsWord tells whether the caret before the character at off is inside
// a word, between two of its characters.
func (t *Text) cutsWord(off int) bool {
	text, _, i := t.around(off)
	return i > 0 && inWord(text, i-1) && inWord(text, i)
}

// SentenceAt is the sentence holding the character at off, without the
// white space around it. A sentence ends at '.', '!' or '?' (with any
// closing quotes or brackets) before white space, unless the '.' closes
// an abbreviation ("et al.", "e.g.", "Fig.") or a lower-case word follows;
// it also ends at a page's end and after a line that reads as a heading
// (it starts with a capital or a digit, ends without punctuation, and the
// next line starts with a capital or a digit). Where the text around off
// has no sentence end (a heading, a table row, a running head), the span
// is the line holding off instead.
func (t *Text) SentenceAt(off int) (start, end int) {
	text, base, i := t.around(off)
	if i < 0 || i >= len(text) {
		return off, off
	}
	s := 0
	for j := i - 1; j >= 0; j-- {
		if text[j] == '\n' && headingBreak(text, j) {
			s = j + 1
			break
		}
		if e := sentenceEnd(text, j); e > 0 && e <= i {
			s = e
			break
		}
	}
	e, ended := len(text), false
	for j := s; j < len(text); j++ {
		if j >= i && text[j] == '\n' && headingBreak(text, j) {
			e = j
			break
		}
		if k := sentenceEnd(text, j); k > i {
			e, ended = k, true
			break
		}
	}
	if !ended {
		s, e = lineAround(text, i)
	}
	s, e = trimSpace(text, s, e)
	return base + s, base + e
}

// around is the text of the page holding off, the offset where that page
// starts, and off's index in it (len(text) on the separator after it; -1
// outside the document).
func (t *Text) around(off int) (text []rune, base, i int) {
	if off < 0 || off >= t.total || len(t.Pages) == 0 {
		return nil, 0, -1
	}
	n := t.PageAt(off)
	base = t.starts[n-1]
	return []rune(t.Pages[n-1].Text), base, off - base
}

// inWord tells whether text[j] belongs to a word.
func inWord(text []rune, j int) bool {
	at := func(k int) rune {
		if k < 0 || k >= len(text) {
			return 0
		}
		return text[k]
	}
	r := at(j)
	switch {
	case r == 0:
		return false
	case wordRune(r):
		return true
	case isHyphen(r) && wordRune(at(j-1)):
		// Inside a word, or ending a line in a word carried on to the next.
		return wordRune(at(j+1)) || at(j+1) == '\n' && unicode.IsLetter(at(j+2))
	case isApostrophe(r):
		return wordRune(at(j-1)) && wordRune(at(j+1))
	case r == '\n':
		// The line break of a word hyphenated over two lines.
		return isHyphen(at(j-1)) && wordRune(at(j-2)) && unicode.IsLetter(at(j+1))
	}
	return false
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011' || r == '\u00ad'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// closers may follow a sentence's final punctuation.
const closers = `"')]}’”»`

// abbreviations end with a '.' that does not end a sentence (lower case).
var abbreviations = map[string]bool{
	"al": true, "et": true, "fig": true, "figs": true, "eq": true, "eqs": true, "vs": true,
	"cf": true, "dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "no": true,
	"vol": true, "pp": true, "approx": true, "ca": true, "st": true, "ref": true, "refs": true,
}

// sentenceEnd is where the sentence ends when text[j] is its final
// punctuation (after the closers that follow it), or -1 when text[j]
// ends none.
func sentenceEnd(text []rune, j int) int {
	r := text[j]
	if r != '.' && r != '!' && r != '?' && r != '…' {
		return -1
	}
	e := j + 1
	for e < len(text) && strings.ContainsRune(closers, text[e]) {
		e++
	}
	if e < len(text) && !unicode.IsSpace(text[e]) {
		return -1 // "2.5", "www.example.org", "e.g."
	}
	next := e
	for next < len(text) && unicode.IsSpace(text[next]) {
		next++
	}
	if next < len(text) && unicode.IsLower(text[next]) {
		return -1 // "et al. have", "i.e. the"
	}
	if r == '.' && e == j+1 {
		w := j
		for w > 0 && unicode.IsLetter(text[w-1]) {
			w--
		}
		word := strings.ToLower(string(text[w:j]))
		if j-w == 1 || abbreviations[word] {
			return -1 // an initial ("P. O. Box") or an abbreviation
		}
	}
	return e
}

// headingBreak tells whether the line break text[j] ends a line that
// stands on its own (a heading, a running head) rather than one a sentence
// runs on from.
func headingBreak(text []rune, j int) bool {
	ls := j
	for ls > 0 && text[ls-1] != '\n' {
		ls--
	}
	bs, be := trimSpace(text, ls, j)
	le := j + 1
	for le < len(text) && text[le] != '\n' {
		le++
	}
	as, ae := trimSpace(text, j+1, le)
	if bs == be || as == ae {
		return true // a blank line
	}
	if strings.ContainsRune(".,;:!?-‐–—", text[be-1]) {
		return false
	}
	capital := func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }
	return capital(text[bs]) && capital(text[as])
}

// lineAround is the line holding text[i], without its line break.
func lineAround(text []rune, i int) (int, int) {
	s, e := i, i
	for s > 0 && text[s-1] != '\n' {
		s--
	}
	for e < len(text) && text[e] != '\n' {
		e++
	}
	return s, e
}

// trimSpace narrows [s, e) of text to leave out white space at its ends.
func trimSpace(text []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(text[s]) {
		s++
	}
	for e > s && unicode.IsSpace(text[e-1]) {
		e--
	}
	return s, e
}
