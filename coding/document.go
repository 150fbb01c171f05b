package coding

import (
	"strings"
	"time"
	"unicode/utf8"
)

// PageSeparator separates the pages of a document's text. Offsets count it
// as one code point, as pdftotext and REFI-QDA plain-text sources do.
const PageSeparator = '\f'

// Box is the rectangle a code point occupies on its page, in PDF points in
// the page's own (unrotated) user space: X0 < X1, Y0 < Y1, origin at the
// bottom left as PDF has it. A code point with no ink (a generated space or
// line break) has a zero-area box where the previous glyph ends.
type Box struct {
	X0, Y0, X1, Y1 float32
}

// Page is one page of a document as extracted at import: its text and one
// Box per code point of that text, so that a highlight can be drawn without
// reading the PDF again.
type Page struct {
	Number int    // 1-based
	Text   string // the page's text; never contains PageSeparator
	Boxes  []Box  // len(Boxes) == utf8.RuneCountInString(Text)

	// The page's media box in PDF points and its /Rotate (0, 90, 180, 270).
	X0, Y0, X1, Y1 float32
	Rotation       int
}

// Formats of a document's original file: FormatPDF, or a text document's
// format as textdoc names it ("txt", "docx", "odt", "html", "md", "rtf").
const FormatPDF = "pdf"

// Document is one source of the review: a PDF or a text document (Word,
// OpenDocument, web page, Markdown, RTF, plain text) with its text.
type Document struct {
	ID       string // UUID
	FileName string // the name it was imported from, without directories
	Title    string
	SHA256   string // hex of the original file's bytes
	Pages    int    // page count
	Chars    int    // code points in the document text, separators included

	// Format is what the original file is: FormatPDF or a text format.
	// Empty means a PDF (a document made before formats were recorded).
	Format string
	// Encoding and LineEnding are a text document's original character
	// encoding ("UTF-8 with BOM", "UTF-16LE", "Windows-1252") and line-ending
	// convention ("CRLF", "LF", "CR", "mixed"), so that an export can say
	// them: the stored text is decoded and its line breaks are LF. Empty
	// for PDFs (and for a text document's markup line breaks).
	Encoding   string
	LineEnding string

	// Bibliographic fields, from the PDF's information dictionary at import
	// and editable later.
	Authors  string
	Year     string
	Citation string

	Study     // characteristics and appraisal, entered by the reviewers (see Source and EditSource)
	Reference // journal, volume, issue, pages, DOI, URL (see refs)
	Screening // richness and the inclusion decision

	// NeedsOCR is set when no page has a text layer (a scan).
	NeedsOCR bool
	// Warnings are what the import noticed and the reviewer should know.
	Warnings []string

	Added    time.Time
	Modified time.Time
}

// IsPDF reports whether the document's original file is a PDF, which
// PDFium draws and OCR reads; a text document is drawn from its layout.
func (d Document) IsPDF() bool { return d.Format == "" || d.Format == FormatPDF }

// Text is a document's whole text: the pages' texts joined by
// PageSeparator. Offsets into it are code points, end exclusive.
type Text struct {
	Pages []Page
	// starts[i] is the code-point offset where page i begins.
	starts []int
	total  int
}

// NewText assembles a document text from its pages, in order.
func NewText(pages []Page) *Text {
	t := &Text{Pages: pages, starts: make([]int, len(pages))}
	off := 0
	for i, p := range pages {
		if i > 0 {
			off++ // the separator
		}
		t.starts[i] = off
		off += utf8.RuneCountInString(p.Text)
	}
	t.total = off
	return t
}

// Len is the number of code points in the text, separators included.
func (t *Text) Len() int { return t.total }

// String returns the whole text with pages joined by PageSeparator.
func (t *Text) String() string {
	var b strings.Builder
	for i, p := range t.Pages {
		if i > 0 {
			b.WriteRune(PageSeparator)
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// PageStart returns the offset where page n (1-based) begins.
func (t *Text) PageStart(n int) int { return t.starts[n-1] }

// PageAt returns the 1-based number of the page holding offset off. An
// offset on a separator belongs to the page before it.
func (t *Text) PageAt(off int) int {
	lo, hi := 0, len(t.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1
}

// Slice returns the text between two code-point offsets, end exclusive.
// The caller has checked the span with CheckSpan.
func (t *Text) Slice(start, end int) string {
	var b strings.Builder
	for p := t.PageAt(start) - 1; p < len(t.Pages); p++ {
		ps := t.starts[p]
		if p > 0 {
			// The separator before page p sits at ps-1.
			if sep := ps - 1; sep >= end {
				break
			} else if sep >= start {
				b.WriteRune(PageSeparator)
			}
		}
		runes := []rune(t.Pages[p].Text)
		if s, e := max(start-ps, 0), min(end-ps, len(runes)); s < e {
			b.WriteString(string(runes[s:e]))
		}
	}
	return b.String()
}
