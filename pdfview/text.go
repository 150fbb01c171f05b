package pdfview

import (
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// charSource is what PDFium's text page says about each character index.
// It is an interface so that the rules below can be tested without PDFium,
// and so that flags which cost a WebAssembly call each are asked for only
// where they matter (most characters need just their code and box).
type charSource interface {
	count() int
	unicode(i int) (rune, error)     // FPDFText_GetUnicode
	box(i int) (coding.Box, error)   // FPDFText_GetLooseCharBox, normalised
	tight(i int) (coding.Box, error) // FPDFText_GetCharBox, normalised
	generated(i int) (bool, error)   // FPDFText_IsGenerated
	hyphen(i int) (bool, error)      // FPDFText_IsHyphen
}

// pageText is one page's text with one box per code point.
type pageText struct {
	text  []rune
	boxes []coding.Box

	readable   int // code points that are neither white space nor U+FFFD
	unreadable int // U+FFFD: glyphs with ink but no usable code point

	form *pageForm // the form fields drawn into the text, or nil (forms.go)
}

// ligatures maps the presentation forms U+FB00–FB06 to their letters. PDFium
// expands the common ones itself, but a font's ToUnicode map may still name
// the ligature; search and word counts want the letters.
var ligatures = map[rune]string{
	0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
	0xFB05: "st", // long s + t
	0xFB06: "st",
}

// buildPageText turns PDFium's character stream into text and boxes under
// the invariant len(boxes) == number of code points, with these rules (see
// STACK.md, "PDFium text: one box per code point"):
//
//   - a surrogate pair (two indices, one astral character) becomes one code
//     point with one box; a lone surrogate becomes U+FFFD;
//   - PDFium's generated "\r\n" line break becomes a single '\n', a lone
//     generated '\r' or '\n' a '\n';
//   - a line-end hyphen (U+0002 or U+FFFE with IsHyphen) becomes '-' with
//     the hyphen's box;
//   - any other control character (Type 3 fonts without Unicode, NULs for
//     unmapped ligatures, real tabs, a form feed) becomes U+FFFD when its
//     glyph has ink, so it stays selectable where it is drawn, and ' ' when
//     it has none (a space glyph the font forgot to map), so words stay apart;
//     form feed thus never reaches the text;
//   - U+FFFE, U+FFFF and other non-characters become U+FFFD;
//   - ligatures U+FB00–FB06 become their letters, each with the glyph's box.
//
// Everything else passes through unchanged, in PDFium's order.
func buildPageText(src charSource) (pageText, error) {
	n := src.count()
	codes := make([]rune, n)
	for i := range n {
		c, err := src.unicode(i)
		if err != nil {
			return pageText{}, err
		}
		codes[i] = c
	}

	pt := pageText{text: make([]rune, 0, n), boxes: make([]coding.Box, 0, n)}
	var last coding.Box // the previous box, for a character PDFium gives none
	emit := func(r rune, b coding.Box) {
		pt.text = append(pt.text, r)
		pt.boxes = append(pt.boxes, b)
		switch {
		case r == unicode.ReplacementChar:
			pt.unreadable++
		case !unicode.IsSpace(r):
			pt.readable++
		}
		last = b
	}
	// flag asks one yes/no question about index i; a failed call counts as
	// "no", the answer that keeps the character as it is.
	flag := func(f func(int) (bool, error), i int) bool {
		ok, err := f(i)
		return err == nil && ok
	}
	// unmapped handles a glyph with no usable code point.
	unmapped := func(i int, b coding.Box) {
		if inked(src, i, b) {
			emit(unicode.ReplacementChar, b)
		} else {
			emit(' ', b)
		}
	}

	for i := 0; i < n; i++ {
		c := codes[i]
		b, err := src.box(i)
		if err != nil {
			// No box: a zero-area one where the previous glyph ends, as PDFium
			// does for the characters it generates.
			b = coding.Box{X0: last.X1, Y0: last.Y0, X1: last.X1, Y1: last.Y0}
		} else if implausible(b) {
			b = tighten(src, i, b)
		}
		switch {
		case c >= 0xD800 && c <= 0xDBFF && i+1 < n && codes[i+1] >= 0xDC00 && codes[i+1] <= 0xDFFF:
			emit(0x10000+(c-0xD800)<<10+(codes[i+1]-0xDC00), b)
			i++ // both halves have the same box
		case c >= 0xD800 && c <= 0xDFFF:
			emit(unicode.ReplacementChar, b)
		case c == ' ':
			emit(' ', b)
		case c == '\r' || c == '\n':
			if !flag(src.generated, i) {
				unmapped(i, b) // a glyph that happens to sit at code 10 or 13
				break
			}
			emit('\n', b)
			if c == '\r' && i+1 < n && codes[i+1] == '\n' && flag(src.generated, i+1) {
				i++
			}
		case (c == 0x02 || c == 0xFFFE) && flag(src.hyphen, i):
			emit('-', b)
		case c < 0x20 || (c >= 0x7F && c < 0xA0):
			unmapped(i, b)
		case c >= 0xFB00 && c <= 0xFB06:
			for _, l := range ligatures[c] {
				emit(l, b)
			}
		case isNonCharacter(c):
			emit(unicode.ReplacementChar, b)
		default:
			emit(c, b)
		}
	}
	return pt, nil
}

// inked tells a glyph with ink from a blank one by its tight box: a space
// glyph's has (next to) no height or no width. "Next to" is 2% of the
// loose box, at least 0.1 pt: PDFium gives a space 0.012 pt of height.
func inked(src charSource, i int, loose coding.Box) bool {
	t, err := src.tight(i)
	if err != nil {
		return false
	}
	thin := max(0.1, 0.02*max(loose.X1-loose.X0, loose.Y1-loose.Y0))
	return t.X1-t.X0 > thin && t.Y1-t.Y0 > thin
}

// implausible reports a loose box far longer than it is wide. A glyph's
// loose box is its advance by the font's ascent+descent, so even rotated
// text or a dash stays within a few times; Type 3 fonts with a bogus font
// box give boxes 240 pt long for a 3 pt glyph, which would cover the
// following forty characters.
func implausible(b coding.Box) bool {
	w, h := b.X1-b.X0, b.Y1-b.Y0
	return w > 6*h+1 || h > 6*w+1
}

// tighten replaces the long side of an implausible loose box with the
// glyph's ink extent on that axis, keeping the loose extent on the other
// (the band of the line, so highlights stay even).
func tighten(src charSource, i int, b coding.Box) coding.Box {
	t, err := src.tight(i)
	switch {
	case err != nil:
	case b.X1-b.X0 > b.Y1-b.Y0 && t.X1 > t.X0:
		b.X0, b.X1 = t.X0, t.X1
	case b.X1-b.X0 <= b.Y1-b.Y0 && t.Y1 > t.Y0:
		b.Y0, b.Y1 = t.Y0, t.Y1
	}
	return b
}

// clipToPage drops the code points drawn entirely outside the page's
// visible box (the crop box): printers' slugs and crop-mark labels that no
// reader sees and no highlight could show. White space left dangling where
// text was dropped goes too, so no page starts with a line break or gains
// doubled ones. The counts are redone.
func clipToPage(pt *pageText, page coding.Box) {
	dropCodePoints(pt, func(_ int, b coding.Box) bool {
		return b.X1 < page.X0 || b.X0 > page.X1 || b.Y1 < page.Y0 || b.Y0 > page.Y1
	})
}

// dropCodePoints drops the code points for which drop (given the index
// and box) says so, with the white space left dangling, and redoes the
// counts.
func dropCodePoints(pt *pageText, drop func(i int, b coding.Box) bool) {
	text, boxes := pt.text[:0], pt.boxes[:0]
	dropped := false
	for i, r := range pt.text {
		b := pt.boxes[i]
		if drop(i, b) {
			dropped = true
			continue
		}
		if dropped && unicode.IsSpace(r) && (len(text) == 0 || unicode.IsSpace(text[len(text)-1])) {
			continue
		}
		if !unicode.IsSpace(r) {
			dropped = false
		}
		text = append(text, r)
		boxes = append(boxes, b)
	}
	pt.text, pt.boxes = text, boxes
	pt.recount()
}

// recount counts pt's readable and unreadable code points afresh.
func (pt *pageText) recount() { pt.readable, pt.unreadable = countReplaced(pt.text) }

// countReplaced counts a page's code points shown as U+FFFD (unreadable)
// and the others but white space (readable).
func countReplaced(text []rune) (readable, unreadable int) {
	for _, r := range text {
		switch {
		case r == unicode.ReplacementChar:
			unreadable++
		case !unicode.IsSpace(r):
			readable++
		}
	}
	return readable, unreadable
}

// isNonCharacter reports code points that must not appear in interchanged
// text (U+FDD0–FDEF, U+xFFFE/xFFFF) and values that are no code point.
func isNonCharacter(c rune) bool {
	return c < 0 || c > unicode.MaxRune || (c >= 0xFDD0 && c <= 0xFDEF) || c&0xFFFE == 0xFFFE
}

// normBox orders a rectangle's corners so that X0 <= X1 and Y0 <= Y1.
func normBox(left, bottom, right, top float32) coding.Box {
	return coding.Box{
		X0: min(left, right), Y0: min(bottom, top),
		X1: max(left, right), Y1: max(bottom, top),
	}
}
