package textdoc

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ReadHTML reads a web page's visible text with golang.org/x/net/html
// (the HTML5 parsing algorithm, so a page is read as a browser reads it):
// no scripts, styles, templates, head or hidden elements (the hidden
// attribute, aria-hidden="true", an inline display:none or
// visibility:hidden); headings, paragraphs, list items, table cells,
// line breaks and block elements start their own lines; white space is
// collapsed as a browser collapses it, except in <pre>. The encoding comes
// from a byte-order mark or a <meta> charset, else UTF-8 when the bytes are
// UTF-8, else Windows-1252 as HTML prescribes.
func ReadHTML(data []byte) (*Doc, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	enc, name, certain := charset.DetermineEncoding(data, "text/html")
	if !certain && name == "windows-1252" && utf8.Valid(data) {
		name = "utf-8"
	} else if name != "utf-8" {
		decoded, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, newError(ErrDamaged, err, "not a readable HTML page: cannot decode it as %s", name)
		}
		data = decoded
	}
	data = bytes.TrimPrefix(data, []byte{0xef, 0xbb, 0xbf})
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, newError(ErrDamaged, err, "not a readable HTML page")
	}
	h := &htmlReader{}
	if err := h.walk(root, htmlContext{}, 0); err != nil {
		return nil, err
	}
	h.flush()
	return &Doc{Format: HTML, Encoding: encodingName(name), Title: h.title, Blocks: h.out.blocks, Spaced: true}, nil
}

// encodingName spells an encoding as people know it.
func encodingName(label string) string {
	switch strings.ToLower(label) {
	case "utf-8":
		return "UTF-8"
	case "utf-16le":
		return "UTF-16LE"
	case "utf-16be":
		return "UTF-16BE"
	case "windows-1252":
		return "Windows-1252"
	}
	return label
}

// htmlContext is what the enclosing elements make of the text inside.
type htmlContext struct {
	block  Block // kind, level, indent and marker of the innermost block
	pre    bool
	lists  int        // enclosing <ul>/<ol>
	quotes int        // enclosing <blockquote>
	item   *html.Node // the enclosing <li>, whose first block gets its marker
}

type htmlReader struct {
	out   blockList
	cur   strings.Builder
	ctx   htmlContext // of the text in cur
	space bool        // white space seen since the last character
	nl    bool        // ... and it held a line break
	title string
	// marked is the <li> whose marker went out with a block already.
	marked *html.Node
}

// skipped elements: never shown.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true,
	atom.Head: true, atom.Select: true, atom.Input: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true,
}

// blockElements start and end a line.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Nav: true, atom.Aside: true, atom.Main: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true,
	atom.Dt: true, atom.Dd: true, atom.Dl: true, atom.Blockquote: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true,
	atom.Figure: true, atom.Figcaption: true, atom.Address: true, atom.Hr: true, atom.Ul: true,
	atom.Ol: true, atom.Form: true, atom.Fieldset: true, atom.Legend: true, atom.Details: true,
	atom.Summary: true, atom.Center: true, atom.Body: true, atom.Html: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Textarea: true,
}

func (h *htmlReader) walk(n *html.Node, ctx htmlContext, depth int) error {
	// The parser refuses more than 512 open elements; this guards the
	// recursion should that change.
	if depth > 2*maxDepth {
		return newError(ErrDamaged, nil, "not a readable HTML page: elements nested deeper than %d", 2*maxDepth)
	}
	switch n.Type {
	case html.TextNode:
		h.text(n.Data, ctx)
		return nil
	case html.ElementNode:
		if n.DataAtom == atom.Head {
			h.title = headTitle(n)
		}
		if skipped[n.DataAtom] || hiddenNode(n) {
			return nil
		}
		if n.DataAtom == atom.Br {
			h.lineBreak(ctx)
			return nil
		}
		if blockElements[n.DataAtom] {
			h.flush()
			ctx = blockContext(n, ctx)
			defer h.flush()
		}
	case html.DocumentNode:
	default:
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := h.walk(c, ctx, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// blockContext is the context inside block element n.
func blockContext(n *html.Node, ctx htmlContext) htmlContext {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		ctx.block = Block{Kind: Heading, Level: int(n.Data[1] - '0'), Indent: ctx.quotes}
	case atom.Li:
		ctx.block = Block{Kind: ListItem, Level: max(ctx.lists, 1), Indent: ctx.quotes, Marker: listMarker(n)}
		ctx.item = n
	case atom.Td, atom.Th:
		ctx.block = Block{Kind: TableCell, Indent: ctx.quotes}
	case atom.Pre, atom.Textarea:
		ctx.block = Block{Kind: Code, Indent: ctx.quotes}
		ctx.pre = true
	case atom.Ul, atom.Ol:
		ctx.lists++
	case atom.Blockquote:
		ctx.quotes++
		ctx.block = Block{Indent: ctx.quotes}
	case atom.Dd:
		ctx.block = Block{Indent: ctx.quotes + 1}
	default:
		// A paragraph inside an item or a cell is more of the same.
		if ctx.block.Kind != ListItem && ctx.block.Kind != TableCell && !ctx.pre {
			ctx.block = Block{Indent: ctx.quotes}
		}
	}
	return ctx
}

// listMarker is what a browser draws before an <li>: a bullet, or its
// number in an <ol>.
func listMarker(li *html.Node) string {
	p := li.Parent
	if p == nil || p.DataAtom != atom.Ol {
		return "•"
	}
	num := 1
	if s, err := strconv.Atoi(getAttr(p, "start")); err == nil {
		num = s
	}
	for c := p.FirstChild; c != nil && c != li; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			num++
		}
	}
	return strconv.Itoa(num) + "."
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hiddenNode reports an element the page hides: the hidden attribute,
// aria-hidden="true", or an inline style saying display:none or
// visibility:hidden.
func hiddenNode(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "type":
			if n.DataAtom == atom.Input && strings.EqualFold(a.Val, "hidden") {
				return true
			}
		}
	}
	return false
}

// headTitle is the text of the <title> in head, white space collapsed.
func headTitle(head *html.Node) string {
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Title {
			return strings.Join(strings.Fields(textOf(c)), " ")
		}
	}
	return ""
}

// textOf is all the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node, int)
	visit = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(n, 0)
	return b.String()
}

// text adds a text node's text: white space collapsed to one space (a
// line break kept before a transcript's speaker turn), or kept in <pre>.
func (h *htmlReader) text(s string, ctx htmlContext) {
	if h.cur.Len() == 0 {
		h.ctx = ctx
	}
	if ctx.pre {
		h.cur.WriteString(strings.ReplaceAll(normaliseLines(s), "\u00a0", " "))
		return
	}
	for i, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			h.space = true
			h.nl = h.nl || r == '\n' || r == '\r'
			continue
		case '\u00a0':
			r = ' '
		}
		if h.space && h.cur.Len() > 0 && !strings.HasSuffix(h.cur.String(), "\n") {
			if h.nl && speakerTurn(s[i:]) {
				h.cur.WriteByte('\n')
			} else {
				h.cur.WriteByte(' ')
			}
		}
		h.space, h.nl = false, false
		h.cur.WriteRune(r)
	}
}

func (h *htmlReader) lineBreak(ctx htmlContext) {
	if h.cur.Len() == 0 {
		h.ctx = ctx
	}
	h.cur.WriteByte('\n')
	h.space, h.nl = false, false
}

// flush ends the current block.
func (h *htmlReader) flush() {
	h.space, h.nl = false, false
	if h.cur.Len() == 0 {
		return
	}
	b := h.ctx.block
	b.Text = cleanRunes(h.cur.String())
	if b.Kind == Code {
		b.Text = strings.TrimSuffix(strings.TrimPrefix(b.Text, "\n"), "\n")
	}
	// A list item's marker goes with its first block only.
	if b.Kind == ListItem && h.ctx.item == h.marked {
		b.Marker = ""
	}
	h.marked = h.ctx.item
	h.out.add(b)
	h.cur.Reset()
}
