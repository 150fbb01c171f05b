package pdfview

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// Pages whose fonts have no usable character map. A PDF made by older
// htmldoc, with Type 3 fonts or by some Distiller setups has a text layer,
// but PDFium can only give U+FFFD or private-use codes for its glyphs:
// the page reads as garbage although the characters are drawn. Such a
// page is read like a scan, by OCR; the rule of when is MostlyUnreadable.

// WarnUnmappedOCR is the warning of pages whose text came from OCR because
// their fonts have no usable character map; UnmappedOCRWarning puts the
// page list in front.
const WarnUnmappedOCR = "text from OCR (the PDF's fonts have no usable character map)"

// UnmappedOCRWarning is e.g. "pages 2–22: text from OCR (the PDF's fonts
// have no usable character map)".
func UnmappedOCRWarning(pages []int) string {
	return pagesWarning(pages, WarnUnmappedOCR)
}

// minUnreadable is the least number of unreadable characters that makes a
// page worth OCR: a figure with a few unmapped symbols is not.
const minUnreadable = 10

// MostlyUnreadable reports whether most characters of a page's text
// cannot be read (see Unreadable): more of them than readable ones, and at
// least minUnreadable. White space counts neither way.
func MostlyUnreadable(text string) bool {
	bad, good := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
		case Unreadable(r):
			bad++
		default:
			good++
		}
	}
	return bad >= minUnreadable && bad > good
}

// Unreadable reports whether r stands for a glyph whose character is not
// known: U+FFFD (what PDFium gives for a glyph without a code point), a
// private-use code (U+E000–U+F8FF, a font's own numbering) or a control
// character. White space (itself made of control characters such as "\n")
// is not unreadable.
func Unreadable(r rune) bool {
	switch {
	case unicode.IsSpace(r):
		return false
	case r == unicode.ReplacementChar, r >= 0xE000 && r <= 0xF8FF, unicode.IsControl(r):
		return true
	}
	return false
}

// UnreadablePages lists the pages (1-based) whose text is mostly
// unreadable: those to read by OCR instead.
func UnreadablePages(pages []coding.Page) []int {
	var out []int
	for i, p := range pages {
		if MostlyUnreadable(p.Text) {
			out = append(out, i+1)
		}
	}
	return out
}

// ReplacementWarning is the warning about characters shown as U+FFFD
// (e.g. "pages 3–11: some characters cannot be read (shown as �)") for
// pages as they are now, "" if none has many: after OCR replaced some
// pages, the warning Extract gave no longer holds.
func ReplacementWarning(pages []coding.Page) string {
	var which []int
	for i, p := range pages {
		if manyReplaced(countReplaced([]rune(p.Text))) {
			which = append(which, i+1)
		}
	}
	if len(which) == 0 {
		return ""
	}
	return pagesWarning(which, warnReplaced)
}

// warnReplaced follows the page list of pages with many U+FFFD.
const warnReplaced = "some characters cannot be read (shown as \uFFFD)"

// IsReplacementWarning tells the warning ReplacementWarning makes.
func IsReplacementWarning(w string) bool {
	return strings.HasSuffix(w, ": "+warnReplaced)
}

// manyReplaced is Extract's rule for warning about a page's U+FFFD: ten
// or more, and at least one in fifty readable characters.
func manyReplaced(readable, unreadable int) bool {
	return unreadable >= 10 && unreadable*50 >= readable
}

// OCRLines rewrites the lines of warnings that name pages whose text came
// from OCR, once the pages unmapped (read because their fonts have no
// usable character map) and tesseract (read for any other reason, such as
// no text layer or `ocr --all`) have been read again: each page is named in
// one such line only, by the reason it was read last. A page of an older
// line that was not read again stays in it; a line left without pages
// goes. The other warnings are kept in their order, the OCR lines follow.
func OCRLines(warnings []string, unmapped, tesseract []int) []string {
	unmapped, tesseract = slices.Clone(unmapped), slices.Clone(tesseract)
	var out []string
	for _, w := range warnings {
		kind, pages, ok := ocrLine(w)
		if !ok {
			out = append(out, w)
			continue
		}
		for _, p := range pages {
			if slices.Contains(unmapped, p) || slices.Contains(tesseract, p) {
				continue
			}
			if kind == WarnUnmappedOCR {
				unmapped = append(unmapped, p)
			} else {
				tesseract = append(tesseract, p)
			}
		}
	}
	if len(unmapped) > 0 {
		slices.Sort(unmapped)
		out = append(out, UnmappedOCRWarning(slices.Compact(unmapped)))
	}
	if len(tesseract) > 0 {
		slices.Sort(tesseract)
		out = append(out, OCRWarning(slices.Compact(tesseract)))
	}
	return out
}

// ocrLine splits a warning made by OCRWarning or UnmappedOCRWarning into
// its reason (WarnOCR or WarnUnmappedOCR) and pages.
func ocrLine(w string) (kind string, pages []int, ok bool) {
	for _, kind := range []string{WarnUnmappedOCR, WarnOCR} {
		list, found := strings.CutSuffix(w, ": "+kind)
		if !found {
			continue
		}
		pages, ok := parsePageList(list)
		return kind, pages, ok
	}
	return "", nil, false
}

// maxListed bounds a range parsePageList reads: a warning of a damaged
// project must not make it allocate without end.
const maxListed = 1 << 20

// parsePageList reads what pageList writes: "page 3", "pages 1–4, 7".
func parsePageList(s string) ([]int, bool) {
	if n, ok := strings.CutPrefix(s, "page "); ok {
		p, err := strconv.Atoi(n)
		return []int{p}, err == nil
	}
	list, ok := strings.CutPrefix(s, "pages ")
	if !ok {
		return nil, false
	}
	var pages []int
	for _, part := range strings.Split(list, ", ") {
		from, to, isRange := strings.Cut(part, "–")
		if !isRange {
			to = from
		}
		a, err1 := strconv.Atoi(from)
		b, err2 := strconv.Atoi(to)
		if err1 != nil || err2 != nil || a < 1 || a > b || b-a > maxListed {
			return nil, false
		}
		for p := a; p <= b; p++ {
			pages = append(pages, p)
		}
	}
	return pages, true
}
