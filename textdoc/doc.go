// Package textdoc reads text documents (plain text, Word, OpenDocument,
// HTML, Markdown, RTF) into the text a reviewer sees, and lays that text
// out on pages with one box per code point, so that a text document can be
// stored, shown, selected and coded exactly like a PDF.
//
// Reading gives a Doc: the document's blocks (paragraphs, headings, list
// items, table cells, code) in reading order. Its text is the blocks'
// texts joined by '\n': one code point per character, line breaks
// normalised to LF. Lay puts a Doc on A4 pages; the pages' texts joined by
// coding.PageSeparator are Doc.Text with the line break (or the space) at
// which each page ends turned into the separator, so offsets into the one
// are offsets into the other.
//
// Pages do not re-flow when zoomed: they are A4 pages scaled like a PDF's,
// so the stored boxes serve highlights, selection and hit-testing exactly
// as they do for PDFs. Lay is deterministic, so the page view can lay out
// the kept file again to draw its pages (Render needs the fonts of each
// run, which storage does not keep).
//
// Everything here is deterministic and bounded: inputs over MaxInput bytes,
// archives that unpack to more than maxUnpacked bytes and XML nested deeper
// than maxDepth are refused with one line saying so.
package textdoc

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a block is, for the layout (headings are drawn bold, list
// items get a marker and an indent).
type Kind uint8

const (
	Paragraph Kind = iota
	Heading
	ListItem
	TableCell
	Code // preformatted: drawn in a monospaced font, white space kept
)

func (k Kind) String() string {
	switch k {
	case Heading:
		return "heading"
	case ListItem:
		return "list item"
	case TableCell:
		return "table cell"
	case Code:
		return "code"
	}
	return "paragraph"
}

// Block is one paragraph-like unit of a document.
type Block struct {
	Kind Kind
	// Level is a heading's level (1 is the largest) or a list item's
	// nesting depth (1 is the outermost); 0 otherwise.
	Level int
	// Indent is how many steps the block is indented (a quotation, a
	// nested list).
	Indent int
	// Marker is what a list item shows before its text ("•", "3."): it is
	// drawn, but it is not part of the text.
	Marker string
	// Text is what the reader sees, with '\n' for a line break inside the
	// block; never '\r', and '\f' (coding.PageSeparator) only in plain
	// text, where it is a page break.
	Text string
}

// Doc is a text document as read: its blocks, and what the file was.
type Doc struct {
	Format Format
	// Encoding is the character encoding the bytes were in, e.g. "UTF-8",
	// "UTF-8 with BOM", "UTF-16LE", "Windows-1252".
	Encoding string
	// LineEnding is the line-ending convention of a plain-text file: "LF",
	// "CRLF", "CR", "mixed", or "" when it has no line break (and for the
	// other formats, whose line breaks are markup).
	LineEnding string
	// Title is the title the file gives itself (HTML <title>, the
	// document properties of .docx and .odt, RTF \title), or "".
	Title string
	// Blocks in reading order.
	Blocks []Block
	// Spaced says the blocks are paragraphs to be set apart by a gap (every
	// format but plain text, whose blank lines are its own).
	Spaced bool
}

// Text is the document's text: the blocks' texts joined by '\n'.
func (d *Doc) Text() string {
	n := 0
	for _, b := range d.Blocks {
		n += len(b.Text) + 1
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, b := range d.Blocks {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(b.Text)
	}
	return sb.String()
}

// Format is a kind of text document file.
type Format string

const (
	Plain    Format = "txt"
	DOCX     Format = "docx"
	ODT      Format = "odt"
	HTML     Format = "html"
	Markdown Format = "md"
	RTF      Format = "rtf"
)

// Limits against hostile files.
const (
	// MaxInput is the largest file read, in bytes.
	MaxInput = 50 << 20
	// maxDepth caps the nesting of XML and HTML elements and RTF groups.
	maxDepth = 512
)

// maxUnpacked caps one archive member, and all members read together,
// once decompressed (a variable so that a test can lower it).
var maxUnpacked int64 = 100 << 20

// Errors, for errors.Is; each error's message is one line for people.
var (
	ErrNotText  = errors.New("not a text document")
	ErrTooLarge = errors.New("too large")
	ErrDamaged  = errors.New("damaged file")
)

// Error is a reading failure: its Error() is one line saying what and
// where, and it matches one of ErrNotText, ErrTooLarge or ErrDamaged.
type Error struct {
	Kind error
	Msg  string
	Err  error // the underlying error, if any
}

func (e *Error) Error() string { return e.Msg }

func (e *Error) Is(target error) bool { return target == e.Kind }

func (e *Error) Unwrap() error { return e.Err }

func newError(kind error, err error, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	if err != nil {
		msg += ": " + firstLine(err.Error())
	}
	return &Error{Kind: kind, Msg: msg, Err: err}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// readers by format.
var readers = map[Format]func([]byte) (*Doc, error){
	Plain:    ReadText,
	DOCX:     ReadDOCX,
	ODT:      ReadODT,
	HTML:     ReadHTML,
	Markdown: ReadMarkdown,
	RTF:      ReadRTF,
}

// extensions maps file name extensions (lower case) to formats.
var extensions = map[string]Format{
	".txt": Plain, ".text": Plain,
	".docx": DOCX,
	".odt":  ODT,
	".html": HTML, ".htm": HTML, ".xhtml": HTML,
	".md": Markdown, ".markdown": Markdown,
	".rtf": RTF,
}

// FormatOf is the format a file name says, and whether it names one.
func FormatOf(name string) (Format, bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", false
	}
	f, ok := extensions[strings.ToLower(name[i:])]
	return f, ok
}

// Extensions are the file name extensions read here (".txt", ".docx", …),
// lower case and sorted, for file dialogs' filters.
func Extensions() []string {
	out := make([]string, 0, len(extensions))
	for e := range extensions {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// Supported reports whether a file name has an extension read here.
func Supported(name string) bool {
	_, ok := FormatOf(name)
	return ok
}

// Read reads a document whose file is called name. The extension chooses
// the reader, unless the content plainly is another of the formats (an RTF
// file saved as .docx, a Word file named .txt): then the content wins,
// because that is what the reviewer's word processor would show.
func Read(name string, data []byte) (*Doc, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	f, ok := FormatOf(name)
	if s := sniff(data); s != "" && s != f {
		f, ok = s, true
	}
	if !ok && strings.EqualFold(name[max(len(name)-4, 0):], ".doc") {
		return nil, newError(ErrNotText, nil, "not readable: %q is an old Word file (.doc); save it as .docx", baseName(name))
	}
	if !ok {
		return nil, newError(ErrNotText, nil, "not a text document: %q has no known extension (.txt, .docx, .odt, .html, .md, .rtf)", baseName(name))
	}
	d, err := readers[f](data)
	if err == nil {
		err = checkLength(d)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// sniff recognises formats by content: "" when the content does not say.
// Plain text, HTML and Markdown are told by the extension only (a .txt
// holding HTML is shown as the reviewer's editor shows it: as text).
func sniff(data []byte) Format {
	switch {
	case strings.HasPrefix(string(data[:min(len(data), 5)]), `{\rtf`):
		return RTF
	case isZip(data):
		switch zipKind(data) {
		case DOCX:
			return DOCX
		case ODT:
			return ODT
		}
	}
	return ""
}

// checkSize refuses input over MaxInput.
func checkSize(data []byte) error {
	if len(data) > MaxInput {
		return newError(ErrTooLarge, nil, "larger than %d MB", MaxInput>>20)
	}
	return nil
}

func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

// speakerTurn reports whether s starts a transcript's speaker turn: a short
// label with a capital or digit followed by a colon and a space, such as
// "Interviewer: ", "P3: ", "Dr Smith: " or "R: ". Readers that join lines
// (HTML, Markdown) keep a line break before one.
func speakerTurn(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || colon > 30 || colon+1 >= len(s) || (s[colon+1] != ' ' && s[colon+1] != '\t') {
		return false
	}
	label := s[:colon]
	r, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	words := 0
	for _, w := range strings.Fields(label) {
		words++
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".'’-()", r) {
				return false
			}
		}
	}
	return words >= 1 && words <= 3
}

// blockList collects blocks, trimming each block's text and dropping
// blocks left empty, as a browser or word processor shows nothing for an
// empty paragraph's text.
type blockList struct {
	blocks []Block
	size   int // bytes of text so far
}

func (l *blockList) add(b Block) {
	if b.Kind == Code {
		b.Text = strings.Trim(b.Text, "\n")
	} else {
		b.Text = strings.Trim(b.Text, " \n")
	}
	if b.Text == "" {
		return
	}
	l.size += len(b.Text)
	l.blocks = append(l.blocks, b)
}

// cleanRunes makes text safe to store: control characters other than tab
// and line feed become U+FFFD (or a line break for the vertical tab and
// the Unicode line and paragraph separators), and '\r' never survives.
func cleanRunes(s string) string {
	clean := true
	for _, r := range s {
		if badRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\v' || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == 0xfeff: // a zero-width no-break space (a stray BOM) shows nothing
		case badRune(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func badRune(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff
}
