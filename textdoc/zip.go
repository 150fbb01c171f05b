package textdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// isZip reports whether data starts as a zip archive does.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// zipKind tells a .docx from an .odt by the members it holds: "" when it
// is neither or not a readable zip.
func zipKind(data []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return DOCX
		case "content.xml":
			return ODT
		}
	}
	return ""
}

// archive is a zip being read within the limits: each member and all of
// them together unpack to at most maxUnpacked bytes.
type archive struct {
	zr     *zip.Reader
	what   string // "a .docx file", for messages
	budget int64  // bytes that may still be unpacked
}

// readZipped reads an office document's text: the archive's member main
// walked with the handler newHandler makes (given the archive, for the
// styles and numbering it reads first), the title from the member meta.
func readZipped(data []byte, what string, format Format, main, meta string, newHandler func(*archive) (xmlHandler, *blockList)) (*Doc, error) {
	a, err := openArchive(data, what)
	if err != nil {
		return nil, err
	}
	body, err := a.member(main)
	if err != nil {
		return nil, err
	}
	h, out := newHandler(a)
	if err := newXMLWalker(body, main).walk(h); err != nil {
		return nil, err
	}
	return &Doc{Format: format, Encoding: "UTF-8", Title: coreTitle(a.optional(meta)), Blocks: out.blocks, Spaced: true}, nil
}

func openArchive(data []byte, what string) (*archive, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, newError(ErrNotText, err, "not %s: not a zip archive", what)
	}
	return &archive{zr: zr, what: what, budget: maxUnpacked}, nil
}

// open returns the member called name (any case), or nil when there is
// none.
func (a *archive) find(name string) *zip.File {
	for _, f := range a.zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// read unpacks a member within the budget.
func (a *archive) read(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > uint64(a.budget) {
		return nil, a.tooLarge(f)
	}
	if coding.ZipBomb(f.UncompressedSize64, f.CompressedSize64) {
		return nil, zipBomb(f)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, newError(ErrDamaged, err, "not a readable %s: %s", strings.TrimPrefix(a.what, "a "), f.Name)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, a.budget+1))
	if err != nil {
		return nil, newError(ErrDamaged, err, "not a readable %s: %s", strings.TrimPrefix(a.what, "a "), f.Name)
	}
	if int64(len(data)) > a.budget {
		return nil, a.tooLarge(f)
	}
	if coding.ZipBomb(uint64(len(data)), f.CompressedSize64) {
		return nil, zipBomb(f)
	}
	a.budget -= int64(len(data))
	return data, nil
}

func (a *archive) tooLarge(f *zip.File) error {
	return newError(ErrTooLarge, nil, "too large: %s unpacks to more than %d MB", f.Name, maxUnpacked>>20)
}

// zipBomb refuses a member that inflates as a ZIP bomb does: its text
// would take gigabytes to lay out.
func zipBomb(f *zip.File) error {
	bomb := &coding.ZipBombError{Entry: f.Name, Why: "inflates " + coding.ZipBombRatioLimit}
	err := newError(ErrTooLarge, nil, "%v", bomb)
	err.Err = bomb
	return err
}

// member reads the member called name; a missing one is damage.
func (a *archive) member(name string) ([]byte, error) {
	f := a.find(name)
	if f == nil {
		return nil, newError(ErrDamaged, nil, "not a readable %s: it has no %s", strings.TrimPrefix(a.what, "a "), name)
	}
	return a.read(f)
}

// optional reads the member called name, or gives nil when it is missing
// or unreadable (styles and properties only add to the text).
func (a *archive) optional(name string) []byte {
	f := a.find(name)
	if f == nil {
		return nil
	}
	data, err := a.read(f)
	if err != nil {
		return nil
	}
	return data
}

// xmlWalker reads an XML member token by token, keeping the stack of open
// elements' local names and refusing nesting deeper than maxDepth.
type xmlWalker struct {
	d     *xml.Decoder
	name  string // member name, for messages
	stack []string
}

func newXMLWalker(data []byte, name string) *xmlWalker {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // Word and LibreOffice write good XML; others may not
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported", label)
	}
	return &xmlWalker{d: d, name: name}
}

// next returns the next token (a copy safe to keep) or io.EOF.
func (w *xmlWalker) next() (xml.Token, error) {
	tok, err := w.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		line, _ := w.d.InputPos()
		return nil, newError(ErrDamaged, err, "not readable: %s line %d", w.name, line)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if len(w.stack) >= maxDepth {
			line, _ := w.d.InputPos()
			return nil, newError(ErrDamaged, nil, "not readable: %s line %d: elements nested deeper than %d", w.name, line, maxDepth)
		}
		w.stack = append(w.stack, t.Name.Local)
	case xml.EndElement:
		if len(w.stack) > 0 {
			w.stack = w.stack[:len(w.stack)-1]
		}
	}
	return tok, nil
}

// xmlHandler is told of a member's elements and text in order.
type xmlHandler interface {
	start(w *xmlWalker, t xml.StartElement) error
	end(local string)
	chars(w *xmlWalker, data xml.CharData)
}

// walk reads the whole member into h.
func (w *xmlWalker) walk(h xmlHandler) error {
	for {
		tok, err := w.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := h.start(w, t); err != nil {
				return err
			}
		case xml.EndElement:
			h.end(t.Name.Local)
		case xml.CharData:
			h.chars(w, t)
		}
	}
}

// last is the innermost of the open paragraphs, or nil.
func last[T any](open []*T) *T {
	if len(open) == 0 {
		return nil
	}
	return open[len(open)-1]
}

// skip consumes the rest of the element just started.
func (w *xmlWalker) skip() error {
	depth := len(w.stack)
	for len(w.stack) >= depth {
		if _, err := w.next(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
	return nil
}

// inside reports whether an element called local is open.
func (w *xmlWalker) inside(local string) bool {
	for _, s := range w.stack {
		if s == local {
			return true
		}
	}
	return false
}

// attr is the value of the attribute with the local name, or "".
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
