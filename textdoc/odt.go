package textdoc

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// ReadODT reads an OpenDocument text's content.xml: text:h headings by
// their outline level, text:p paragraphs, list items (text:list nesting)
// and table cells on their own lines, text:s spaces, text:tab and
// text:line-break; white space in the XML collapsed as ODF prescribes.
// Footnotes, annotations, tracked deletions and images' descriptions are
// left out. Read with archive/zip and encoding/xml for the reasons given
// at ReadDOCX.
func ReadODT(data []byte) (*Doc, error) {
	return readZipped(data, "an .odt file", ODT, "content.xml", "meta.xml", func(*archive) (xmlHandler, *blockList) {
		r := &odtReader{}
		return r, &r.out
	})
}

type odtReader struct {
	out    blockList
	paras  []*odtPara // open paragraphs: frames nest them
	lists  int
	tables int
	marker string // a list item's number or bullet, for its first paragraph
}

type odtPara struct {
	text  strings.Builder
	block Block
	space bool // the text so far ends in white space (or is empty)
}

// odtSkipped elements hold text that is not shown in the flow.
var odtSkipped = map[string]bool{
	"note": true, "annotation": true, "tracked-changes": true, "desc": true, "title": true,
	"sequence-decls": true, "forms": true, "number": true, "deletion": true,
}

func (r *odtReader) chars(_ *xmlWalker, t xml.CharData) {
	if p := r.para(); p != nil {
		p.write(string(t))
	}
}

func (r *odtReader) para() *odtPara { return last(r.paras) }

func (r *odtReader) start(w *xmlWalker, t xml.StartElement) error {
	local := t.Name.Local
	if local == "number" && parent(w) == "list-item" {
		// The number a producer wrote out for the item ("1.").
		text, err := elementText(w)
		r.marker = strings.TrimSpace(text)
		return err
	}
	if odtSkipped[local] {
		return w.skip()
	}
	p := r.para()
	switch local {
	case "h":
		level, err := strconv.Atoi(attr(t, "outline-level"))
		if err != nil || level < 1 {
			level = 1
		}
		r.open(Block{Kind: Heading, Level: min(level, 9)})
	case "p":
		b := Block{}
		switch {
		case r.tables > 0:
			b.Kind = TableCell
		case w.inside("list-item"):
			b = Block{Kind: ListItem, Level: max(r.lists, 1), Marker: r.marker}
			r.marker = ""
		case headingName(strings.ReplaceAll(attr(t, "style-name"), "_20_", " ")) == 1:
			b = Block{Kind: Heading, Level: 1}
		}
		r.open(b)
	case "list":
		r.lists++
	case "list-item":
		r.marker = "•"
	case "table":
		r.tables++
	case "s":
		if p != nil {
			n, err := strconv.Atoi(attr(t, "c"))
			if err != nil || n < 1 {
				n = 1
			}
			p.text.WriteString(strings.Repeat(" ", min(n, 1000)))
			p.space = true
		}
	case "tab":
		if p != nil {
			p.text.WriteByte('\t')
			p.space = true
		}
	case "line-break":
		if p != nil {
			p.text.WriteByte('\n')
			p.space = true
		}
	}
	return nil
}

func (r *odtReader) open(b Block) {
	r.paras = append(r.paras, &odtPara{block: b, space: true})
}

func (r *odtReader) end(local string) {
	switch local {
	case "h", "p":
		if p := r.para(); p != nil {
			r.paras = r.paras[:len(r.paras)-1]
			b := p.block
			b.Text = cleanRunes(p.text.String())
			r.out.add(b)
		}
	case "list":
		r.lists--
	case "table":
		r.tables--
	}
}

// write adds character data, white space collapsed: a run of spaces, tabs
// and line breaks is one space, none at the paragraph's start.
func (p *odtPara) write(s string) {
	for _, c := range s {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if !p.space {
				p.text.WriteByte(' ')
				p.space = true
			}
			continue
		}
		p.text.WriteRune(c)
		p.space = false
	}
}

// elementText reads the character data of the element just started, to
// its end.
func elementText(w *xmlWalker) (string, error) {
	var b strings.Builder
	depth := len(w.stack)
	for len(w.stack) >= depth {
		tok, err := w.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return "", err
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
	return b.String(), nil
}
