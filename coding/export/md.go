package export

import (
	"bufio"
	"io"
	"strings"
)

// mdEscaper escapes what would break a Markdown (GFM) table cell: pipes,
// backslashes and line breaks (as <br>); and the characters that would
// start HTML or emphasis.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, `|`, `\|`, "\n", "<br>", `<`, `&lt;`, `>`, `&gt;`, `*`, `\*`, `_`, `\_`, "`", "\\`",
)

// MarkdownCell escapes s for one cell of a Markdown table.
func MarkdownCell(s string) string { return mdEscaper.Replace(s) }

// WriteMarkdown writes t as a GitHub-flavoured Markdown table under its
// title, with its notes after it.
func WriteMarkdown(w io.Writer, t *Table) error {
	b := bufio.NewWriterSize(w, 64<<10)
	if t.Title != "" {
		b.WriteString("## " + MarkdownCell(t.Title) + "\n\n")
	}
	row := func(cells []string, bold bool) {
		b.WriteByte('|')
		for i := range t.Columns {
			c := ""
			if i < len(cells) {
				c = MarkdownCell(cells[i])
			}
			b.WriteByte(' ')
			if bold && c != "" {
				b.WriteString("**" + c + "**")
			} else {
				b.WriteString(c)
			}
			b.WriteString(" |")
		}
		b.WriteByte('\n')
	}
	row(t.Columns, false)
	b.WriteByte('|')
	for i := range t.Columns {
		if i < len(t.Numeric) && t.Numeric[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteByte('\n')
	for _, r := range t.Rows {
		row(r, false)
	}
	for _, r := range t.Footer {
		row(r, true)
	}
	if len(t.Notes) > 0 {
		b.WriteByte('\n')
		for _, n := range t.Notes {
			b.WriteString(MarkdownCell(n) + "\n\n")
		}
	}
	return b.Flush()
}
