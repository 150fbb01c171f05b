package refiqda

// The sizes of what a REFI-QDA XML document holds are checked before
// encoding/xml decodes it, by a scan that allocates nothing per value:
// the decoder would hold a 300 MB name or memo whole (several times over)
// before anything could refuse it, and cmocoder would then store it.

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

const (
	// MaxNameLength is the most characters a name (of a code, source,
	// user, set…: any name attribute) or an element's or attribute's own
	// name may have.
	MaxNameLength = 1000
	// MaxMemoSize is the most a memo, description or any other value may
	// hold (bytes of text), but for the plain text of a text source, which
	// is bounded by MaxQDESize only.
	MaxMemoSize = 1 << 20
	// maxXMLDepth is as deep as encoding/xml nests elements.
	maxXMLDepth = 10000
)

// xmlScan is the state of checkXMLSizes: where it is and the elements open.
type xmlScan struct {
	data  []byte
	i     int
	line  int
	stack []openElement
}

type openElement struct {
	name string // local name
	text int    // bytes of text seen directly inside so far
}

// checkXMLSizes refuses an XML document holding a name longer than
// MaxNameLength characters or a value larger than MaxMemoSize, with the
// line where it starts. What is not well-formed is left for encoding/xml
// to report.
func checkXMLSizes(data []byte) error {
	s := &xmlScan{data: data, line: 1}
	for s.i < len(s.data) {
		if s.data[s.i] != '<' {
			if err := s.text(s.until("<")); err != nil {
				return err
			}
			continue
		}
		var err error
		switch rest := s.data[s.i:]; {
		case bytes.HasPrefix(rest, []byte("<!--")):
			s.skip("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			s.advance(len("<![CDATA["))
			err = s.text(s.until("]]>"))
			s.skip("]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			s.skip("?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			s.skipDeclaration()
		case bytes.HasPrefix(rest, []byte("</")):
			s.skip(">")
			if len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
		default:
			err = s.startTag()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// advance moves n bytes on, counting lines.
func (s *xmlScan) advance(n int) {
	n = min(n, len(s.data)-s.i)
	s.line += bytes.Count(s.data[s.i:s.i+n], []byte("\n"))
	s.i += n
}

// until returns the bytes up to sep (or the end) and moves past them.
func (s *xmlScan) until(sep string) []byte {
	start := s.i
	n := bytes.Index(s.data[s.i:], []byte(sep))
	if n < 0 {
		n = len(s.data) - s.i
	}
	s.advance(n)
	return s.data[start:s.i]
}

// skip moves past the next sep (or to the end).
func (s *xmlScan) skip(sep string) {
	s.until(sep)
	s.advance(len(sep))
}

// skipDeclaration moves past <!DOCTYPE …> with its internal subset.
func (s *xmlScan) skipDeclaration() {
	depth := 0
	for s.i < len(s.data) {
		c := s.data[s.i]
		s.advance(1)
		switch c {
		case '<':
			depth++
		case '>':
			if depth--; depth == 0 {
				return
			}
		}
	}
}

// text counts text directly inside the innermost open element.
func (s *xmlScan) text(b []byte) error {
	if len(s.stack) == 0 {
		return nil
	}
	top := &s.stack[len(s.stack)-1]
	top.text += len(b)
	if top.text > MaxMemoSize && !s.sourceText() {
		return fmt.Errorf("line %d: <%s> holds more than %d MB, the most a memo or value may hold: refused",
			s.line, top.name, MaxMemoSize>>20)
	}
	return nil
}

// sourceText reports whether the innermost open element is the plain text
// of a source (not of a note, which is a memo).
func (s *xmlScan) sourceText() bool {
	n := len(s.stack)
	return n >= 2 && s.stack[n-1].name == "PlainTextContent" && s.stack[n-2].name != "Note"
}

// startTag reads <name attr="value" …> or <name …/>, checking the sizes.
func (s *xmlScan) startTag() error {
	line := s.line
	s.advance(1)
	name := s.name()
	if err := checkName(line, name, "an element's name"); err != nil {
		return err
	}
	el := string(localName(name))
	if len(s.stack) >= maxXMLDepth {
		return nil // encoding/xml refuses it
	}
	s.stack = append(s.stack, openElement{name: el})
	for s.i < len(s.data) {
		s.spaces()
		if s.i >= len(s.data) {
			return nil
		}
		switch s.data[s.i] {
		case '>':
			s.advance(1)
			return nil
		case '/':
			s.advance(1)
			if s.i < len(s.data) && s.data[s.i] == '>' {
				s.advance(1)
				s.stack = s.stack[:len(s.stack)-1]
				return nil
			}
			continue
		}
		if err := s.attribute(el); err != nil {
			return err
		}
	}
	return nil
}

// attribute reads name="value" (or '…') in the element called el.
func (s *xmlScan) attribute(el string) error {
	line := s.line
	attr := s.name()
	if len(attr) == 0 {
		s.advance(1) // not well-formed: let encoding/xml say so
		return nil
	}
	if err := checkName(line, attr, "an attribute's name"); err != nil {
		return err
	}
	s.spaces()
	if s.i >= len(s.data) || s.data[s.i] != '=' {
		return nil
	}
	s.advance(1)
	s.spaces()
	if s.i >= len(s.data) || s.data[s.i] != '"' && s.data[s.i] != '\'' {
		return nil
	}
	quote := string(s.data[s.i])
	s.advance(1)
	line = s.line
	value := s.until(quote)
	s.advance(1)
	if string(localName(attr)) == "name" {
		if n := characters(value, MaxNameLength+1); n > MaxNameLength {
			return fmt.Errorf("line %d: the name of <%s> is longer than %s characters, the most a name may have: refused",
				line, el, thousands(MaxNameLength))
		}
		return nil
	}
	if len(value) > MaxMemoSize {
		return fmt.Errorf("line %d: %s of <%s> holds more than %d MB, the most a value may hold: refused",
			line, attr, el, MaxMemoSize>>20)
	}
	return nil
}

// name reads an element's or attribute's name.
func (s *xmlScan) name() []byte {
	start := s.i
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n', '=', '>', '/', '<', '"', '\'':
			return s.data[start:s.i]
		}
		s.i++
	}
	return s.data[start:s.i]
}

func (s *xmlScan) spaces() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			s.i++
			s.line++
		default:
			return
		}
	}
}

// checkName refuses an element's or attribute's name of more than
// MaxNameLength characters.
func checkName(line int, name []byte, what string) error {
	if characters(name, MaxNameLength+1) > MaxNameLength {
		return fmt.Errorf("line %d: %s is longer than %s characters, the most a name may have: refused",
			line, what, thousands(MaxNameLength))
	}
	return nil
}

// localName is name without its namespace prefix.
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// characters counts the characters of XML text (an entity or character
// reference is one), stopping at most.
func characters(b []byte, most int) int {
	n := 0
	for len(b) > 0 && n < most {
		if b[0] == '&' {
			if end := bytes.IndexByte(b, ';'); end > 0 {
				b = b[end+1:]
				n++
				continue
			}
		}
		_, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
	}
	return n
}

// thousands writes n with a comma between thousands (1,000).
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
