package textdoc

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ReadMarkdown reads a Markdown file's visible text, as its rendering
// shows it, with goldmark (CommonMark and GitHub's tables; the version
// Fyne already brings): headings without their #, emphasis markers gone,
// links as their text, images as their alternative text, code blocks as
// they are, list items and table cells on their own lines. Lines of a
// paragraph are joined with a space as a renderer joins them, except
// before a transcript's speaker turn ("P3: ..."), which keeps its line.
// Raw HTML is left out. The bytes are decoded as plain text is.
func ReadMarkdown(data []byte) (*Doc, error) {
	s, enc, err := decodePlain(data)
	if err != nil {
		return nil, err
	}
	src := []byte(normaliseLines(s))
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	root := md.Parser().Parse(text.NewReader(src))
	r := &mdReader{src: src}
	if err := r.block(root, Block{}, 0); err != nil {
		return nil, err
	}
	return &Doc{Format: Markdown, Encoding: enc, Blocks: r.out.blocks, Spaced: true}, nil
}

type mdReader struct {
	src []byte
	out blockList
}

// block reads the blocks under n; ctx is what the enclosing blocks make of
// a paragraph (a list item, a quotation's indent).
func (r *mdReader) block(n ast.Node, ctx Block, depth int) error {
	if depth > maxDepth {
		return newError(ErrDamaged, nil, "not a readable Markdown file: blocks nested deeper than %d", maxDepth)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			r.out.add(Block{Kind: Heading, Level: c.Level, Indent: ctx.Indent, Text: r.inline(c)})
		case *ast.Paragraph, *ast.TextBlock:
			b := ctx
			b.Text = r.inline(c)
			r.out.add(b)
			ctx.Marker = "" // the item's marker goes with its first paragraph
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			r.out.add(Block{Kind: Code, Indent: ctx.Indent, Text: cleanRunes(string(linesOf(c, r.src)))})
		case *ast.List:
			level := 1
			if ctx.Kind == ListItem {
				level = ctx.Level + 1
			}
			num := c.Start
			for item := c.FirstChild(); item != nil; item = item.NextSibling() {
				marker := "•"
				if c.IsOrdered() {
					marker = strconv.Itoa(num) + "."
					num++
				}
				it := Block{Kind: ListItem, Level: level, Indent: ctx.Indent, Marker: marker}
				if err := r.block(item, it, depth+1); err != nil {
					return err
				}
			}
		case *ast.Blockquote:
			q := Block{Indent: ctx.Indent + 1}
			if err := r.block(c, q, depth+1); err != nil {
				return err
			}
		case *east.Table:
			for row := c.FirstChild(); row != nil; row = row.NextSibling() {
				for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
					r.out.add(Block{Kind: TableCell, Indent: ctx.Indent, Text: r.inline(cell)})
				}
			}
		case *ast.HTMLBlock, *ast.ThematicBreak:
			// raw HTML and rules show no text of their own
		default:
			if err := r.block(c, ctx, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// linesOf is a code block's text, as written.
func linesOf(n ast.Node, src []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return []byte(strings.TrimSuffix(string(b), "\n"))
}

// inline is the visible text of a paragraph-like node.
func (r *mdReader) inline(n ast.Node) string {
	var b strings.Builder
	r.inlineTo(&b, n, 0)
	return cleanRunes(b.String())
}

func (r *mdReader) inlineTo(b *strings.Builder, n ast.Node, depth int) {
	if depth > maxDepth {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(r.src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			if c.HardLineBreak() {
				v = []byte(strings.TrimRight(strings.TrimSuffix(strings.TrimRight(string(v), " "), `\`), " "))
			}
			b.Write(v)
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak() && speakerTurn(r.following(c)):
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(r.src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(r.src))
		case *ast.RawHTML:
			// a tag: nothing to see
		default:
			r.inlineTo(b, c, depth+1) // emphasis, links, images (alt text), strikethrough
		}
	}
}

// following is the text after a soft line break: the next text node's.
func (r *mdReader) following(t *ast.Text) string {
	for n := ast.Node(t); n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindParagraph || k == ast.KindTextBlock {
			break
		}
		if next := n.NextSibling(); next != nil {
			for next.FirstChild() != nil {
				next = next.FirstChild()
			}
			if nt, ok := next.(*ast.Text); ok {
				return string(nt.Segment.Value(r.src))
			}
			return ""
		}
	}
	return ""
}
