package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// texEscaper escapes LaTeX's special characters and writes the symbols of
// configuration lines so that pdflatex needs no Unicode setup for them.
// Other non-ASCII text is left as it is (UTF-8, LaTeX's default input
// encoding since 2018).
var texEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`, `{`, `\{`, `}`, `\}`,
	`~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	`<`, `\textless{}`, `>`, `\textgreater{}`, `|`, `\textbar{}`,
	"→", `\ensuremath{\rightarrow}`, "−", `\ensuremath{-}`, "…", `\dots{}`,
	"\n", `\newline `,
)

// TeXCell escapes s for a LaTeX document.
func TeXCell(s string) string { return texEscaper.Replace(s) }

// WriteTeX writes t as a complete tabular environment that a paper can
// \input: paragraph columns sized to the line for text, right-aligned
// columns for numbers, the header and footer set off by rules. It needs
// no package; the notes follow as comments.
func WriteTeX(w io.Writer, t *Table) error {
	b := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(b, "%% %s, written by cmocoder; \\input it inside a table or figure.\n", oneLine(t.Title))
	textCols := 0
	for i := range t.Columns {
		if !(i < len(t.Numeric) && t.Numeric[i]) {
			textCols++
		}
	}
	width := 0.0
	if textCols > 0 {
		// What the numeric columns leave of the line, shared.
		width = (1.0 - 0.06*float64(len(t.Columns)-textCols)) / float64(textCols)
		width -= 0.02 // the column separation
		if width < 0.04 {
			width = 0.04
		}
	}
	b.WriteString(`\begin{tabular}{|`)
	for i := range t.Columns {
		if i < len(t.Numeric) && t.Numeric[i] {
			b.WriteString("r|")
		} else {
			fmt.Fprintf(b, `p{%.3f\linewidth}|`, width)
		}
	}
	b.WriteString("}\n\\hline\n")
	row := func(cells []string, bold bool) {
		for i := range t.Columns {
			if i > 0 {
				b.WriteString(" & ")
			}
			if i < len(cells) {
				c := TeXCell(cells[i])
				if bold && c != "" {
					c = `\textbf{` + c + `}`
				}
				b.WriteString(c)
			}
		}
		b.WriteString(" \\\\\n")
	}
	row(t.Columns, true)
	b.WriteString("\\hline\n")
	for _, r := range t.Rows {
		row(r, false)
		b.WriteString("\\hline\n")
	}
	if len(t.Footer) > 0 {
		b.WriteString("\\hline\n")
		for _, r := range t.Footer {
			row(r, true)
			b.WriteString("\\hline\n")
		}
	}
	b.WriteString("\\end{tabular}\n")
	for _, n := range t.Notes {
		b.WriteString("% " + strings.ReplaceAll(n, "\n", " ") + "\n")
	}
	return b.Flush()
}
