package textdoc

import (
	"reflect"
	"strings"
	"testing"
)

// blocksOf lists a document's blocks as "kind level marker: text" lines.
func blocksOf(d *Doc) []string {
	var out []string
	for _, b := range d.Blocks {
		s := b.Kind.String()
		if b.Level > 0 {
			s += " " + string(rune('0'+b.Level))
		}
		if b.Marker != "" {
			s += " " + b.Marker
		}
		out = append(out, s+": "+b.Text)
	}
	return out
}

// readBlocks reads data as a file of that name and checks that its blocks
// (blocksOf) are want; it returns the document for further checks.
func readBlocks(t *testing.T, name string, data []byte, want []string) *Doc {
	t.Helper()
	d, err := Read(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if got := blocksOf(d); !reflect.DeepEqual(got, want) {
		t.Errorf("blocks\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return d
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
		title      string
	}{
		{"visible text only", `<!DOCTYPE html><html><head><title>Guidance  note</title>
<style>p { color: red }</style><script>var secret = "no";</script></head>
<body><h1>Guidance   for
 <em>nurses</em></h1>
<p>First   paragraph,
 with <a href="x">a link</a>.</p>
<div hidden>hidden div</div><div style="display: none">styled away</div>
<span aria-hidden="true">icon</span><p style="visibility:hidden">invisible</p>
<noscript>enable scripts</noscript><template><p>template</p></template>
<ul><li>one</li><li><p>two</p><p>more of two</p></li></ul>
<ol start="3"><li>three</li></ol>
<table><tr><th>Context</th><td>Outcome</td></tr></table>
<p>line one<br>line two</p><div>a div <section>a section</section> after</div>
<pre>  code
    kept</pre><input type="hidden" value="nothing">
</body></html>`,
			[]string{
				"heading 1: Guidance for nurses",
				"paragraph: First paragraph, with a link.",
				"list item 1 •: one",
				"list item 1 •: two",
				"list item 1: more of two",
				"list item 1 3.: three",
				"table cell: Context",
				"table cell: Outcome",
				"paragraph: line one\nline two",
				"paragraph: a div",
				"paragraph: a section",
				"paragraph: after",
				"code:   code\n    kept",
			}, "Guidance note"},
		{"speaker turns", "<p>Interviewer: How?\nP3: Like this,\nand so on.</p>",
			[]string{"paragraph: Interviewer: How?\nP3: Like this, and so on."}, ""},
		{"latin-1 meta", "<meta charset=\"iso-8859-1\"><p>caf\xe9</p>", []string{"paragraph: café"}, ""},
		{"entities and nbsp", "<p>a&nbsp;&amp;&nbsp;b &lt;c&gt;</p>", []string{"paragraph: a & b <c>"}, ""},
		{"utf-8 without meta", "<p>naïve — ok</p>", []string{"paragraph: naïve — ok"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := readBlocks(t, "page.html", []byte(tc.page), tc.want)
			if d.Title != tc.title {
				t.Errorf("title %q, want %q", d.Title, tc.title)
			}
		})
	}
}

func TestReadMarkdown(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"structure", "# The *title*\n\nSome **bold** and _em_ text with a [link](http://x.org) and `code`.\nSecond line\\\nhard break.\n\n" +
			"- one\n- two\n  - nested\n\n3. three\n4. four\n\n> quoted\n\n```go\nfunc  main() {\n}\n```\n\n" +
			"| C | O |\n|---|---|\n| ctx | out |\n\n<div>raw html</div>\n\n---\n\n![alt text](img.png) \\*not em\\* &amp; &#233;\n",
			[]string{
				"heading 1: The title",
				"paragraph: Some bold and em text with a link and code. Second line\nhard break.",
				"list item 1 •: one",
				"list item 1 •: two",
				"list item 2 •: nested",
				"list item 1 3.: three",
				"list item 1 4.: four",
				"paragraph: quoted",
				"code: func  main() {\n}",
				"table cell: C",
				"table cell: O",
				"table cell: ctx",
				"table cell: out",
				"paragraph: alt text *not em* & é",
			}},
		{"transcript", "Interviewer: How did it start?\nP3: We met\nevery week.\nInterviewer: And then?\n",
			[]string{"paragraph: Interviewer: How did it start?\nP3: We met every week.\nInterviewer: And then?"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			readBlocks(t, "notes.md", []byte(tc.md), tc.want)
		})
	}
}
