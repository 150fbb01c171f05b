package export

import (
	"bufio"
	"html/template"
	"io"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// WriteHTML writes t as a standalone, printable HTML page. The cmocs
// table becomes a report: each programme theory with its CMOC boxes in the
// published one-line form, the evidence of each role with its source and
// page, then the table itself.
func WriteHTML(w io.Writer, t *Table) error {
	b := bufio.NewWriterSize(w, 64<<10)
	if err := htmlPage.Execute(b, htmlData{t, len(t.Theories) > 0, htmlTable(t)}); err != nil {
		return err
	}
	return b.Flush()
}

type htmlData struct {
	*Table
	Report bool
	Grid   template.HTML // the table, escaped by htmlTable
}

// htmlTable renders the table's grid. It is written by hand rather than by
// the template, which is several times slower on 20,000 rows; every cell
// goes through template.HTMLEscapeString, and line breaks become <br>.
func htmlTable(t *Table) template.HTML {
	var b strings.Builder
	b.WriteString("<table>\n<thead><tr>")
	for _, c := range t.Columns {
		b.WriteString("<th>" + template.HTMLEscapeString(c) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	row := func(cells []string) {
		b.WriteString("<tr>")
		for i, c := range cells {
			if i < len(t.Numeric) && t.Numeric[i] {
				b.WriteString(`<td class="n">`)
			} else {
				b.WriteString("<td>")
			}
			b.WriteString(strings.ReplaceAll(template.HTMLEscapeString(c), "\n", "<br>"))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	for _, r := range t.Rows {
		row(r)
	}
	b.WriteString("</tbody>\n")
	if len(t.Footer) > 0 {
		b.WriteString("<tfoot>")
		for _, r := range t.Footer {
			row(r)
		}
		b.WriteString("</tfoot>\n")
	}
	b.WriteString("</table>")
	return template.HTML(b.String())
}

var htmlPage = template.Must(template.New("page").Funcs(template.FuncMap{
	"lines": func(s string) []string { return strings.Split(s, "\n") },
	"num":   func(t *Table, i int) bool { return i < len(t.Numeric) && t.Numeric[i] },
	// heading names a role with its valence: "Mechanism resource (M−)".
	"heading": func(p BoxPart) string {
		h := p.Role.Title()
		switch {
		case p.Valence == "":
		case p.Role == coding.Resource || p.Role == coding.Reasoning:
			h += " (M" + p.Valence + ")"
		case p.Role == coding.Outcome:
			h += " (O" + p.Valence + ")"
		}
		return h
	},
}).Parse(`<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="generator" content="cmocoder">
<title>{{.Title}}{{if .Project}} — {{.Project}}{{end}}</title>
<style>
body { font-family: "Source Serif Pro", Georgia, "Noto Serif", serif; margin: 2em; line-height: 1.4; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 1.5em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.85em; }
th, td { border: 1px solid #999; padding: 0.25em 0.45em; vertical-align: top; text-align: left; }
th { background: #eee; } td.n { text-align: right; } tfoot td { font-weight: bold; }
.box { border: 1px solid #555; border-radius: 4px; padding: 0.6em 0.9em; margin: 1em 0; page-break-inside: avoid; }
.box h3 { margin: 0 0 0.4em 0; font-size: 1em; }
.statement { font-weight: bold; } .config { font-style: italic; margin: 0.4em 0; }
.missing { color: #a00; font-weight: bold; } .sources, .note { font-size: 0.9em; color: #333; }
.theory-statement { font-style: italic; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } }
</style>
</head>
<body>
{{if .Project}}<p class="note">{{.Project}}</p>{{end}}
<h1>{{.Title}}</h1>
{{if .Report}}{{range .Theories}}
<section class="theory">
<h2>{{.Name}}{{if .Kind}} <small>({{.Kind}})</small>{{end}}</h2>
{{if .Statement}}<p class="theory-statement">{{.Statement}}</p>{{end}}
{{if .Description}}<p>{{range $i, $l := lines .Description}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}
{{range .Boxes}}<div class="box" id="cmoc-{{.ID}}">
<h3>CMOC {{.Number}}</h3>
{{if .Statement}}<p class="statement">{{.Statement}}</p>{{end}}
<p class="config">{{.Configuration}}</p>
{{if .Missing}}<p class="missing">{{.Missing}}</p>{{end}}
{{if .Unclassified}}<p class="unclassified">{{.Unclassified}}</p>{{end}}
{{if .Narrative}}<p>{{range $i, $l := lines .Narrative}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>{{end}}
<table><tbody>{{range .Parts}}<tr><th>{{heading .}}</th><td>{{.Text}}</td><td>{{.Source}}</td></tr>{{end}}</tbody></table>
{{if .Sources}}<p class="sources">Sources: {{.Sources}}</p>{{end}}
{{if .Labels}}<p class="sources">Labels: {{range $i, $l := .Labels}}{{if $i}}; {{end}}{{$l}}{{end}}</p>{{end}}
</div>
{{end}}</section>
{{end}}<h2>Table of CMO configurations</h2>
{{end}}{{.Grid}}
{{range .Notes}}<p class="note">{{.}}</p>
{{end}}</body>
</html>
`))
