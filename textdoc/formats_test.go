package textdoc

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The interview as every reader must give it: the transcript's lines, one
// block each (the .txt keeps its blank lines; the word processors' empty
// paragraphs are dropped).
var interviewBlocks = []string{
	"paragraph: Interview 3: community health workers",
	"paragraph: Interviewer: How did the programme start in your district?",
	"paragraph: P3: We met every week at the café, the nurses and the families – “everyone”.",
	"paragraph: Interviewer: What changed?",
	"paragraph: P3: People came back\tbecause someone remembered their names.",
}

var structuredBlocks = []string{
	"heading 1: Guidance for nurses",
	"paragraph: Trust grows when someone remembers names.",
	"paragraph: Internal note: not for the public.", // not in the .html: hidden there
	"heading 2: What works",
	"list item 1 •: Regular visits",
	"list item 1 •: Time to listen",
	"table cell: Context",
	"table cell: Outcome",
	"table cell: Rural clinic",
	"table cell: Families return",
	"paragraph: First line\nsecond line",
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}

// TestReadFiles reads the files LibreOffice made from one text, and the
// hand-made ones: each reader gives the visible text, block by block.
func TestReadFiles(t *testing.T) {
	tests := []struct {
		file     string
		want     []string
		encoding string
		title    string
	}{
		{"interview.txt", nil, "UTF-8 with BOM", ""},
		{"interview.docx", interviewBlocks, "UTF-8", ""},
		{"interview.odt", interviewBlocks, "UTF-8", ""},
		{"interview.rtf", interviewBlocks, "Windows-1252", ""},
		{"structured.html", without(structuredBlocks, structuredBlocks[2]), "UTF-8", "Guidance for nurses"},
		{"structured.docx", structuredBlocks, "UTF-8", "Guidance for nurses"},
		{"structured.odt", structuredBlocks, "UTF-8", "Guidance for nurses"},
		{"structured.rtf", structuredBlocks, "Windows-1252", "Guidance for nurses"},
		{"interview.md", []string{
			"heading 1: Interview 3: community health workers",
			"paragraph: Recorded at the district clinic; see the protocol.",
			"paragraph: Interviewer: How did the programme start in your district?\nP3: We met every week at the café, the nurses and the families.",
			"heading 2: Themes",
			"list item 1 1.: Trust",
			"list item 1 2.: Time to listen",
			"list item 2 •: names remembered",
			"paragraph: Quoted from the field notes.",
			"code: 09:14  tape on",
		}, "UTF-8", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want == nil { // the .txt: every line, blank ones too
				want = []string{interviewBlocks[0], "paragraph: ", interviewBlocks[1], interviewBlocks[2],
					"paragraph: ", interviewBlocks[3], interviewBlocks[4], "paragraph: "}
			}
			d := readBlocks(t, tc.file, data, want)
			if d.Encoding != tc.encoding || d.Title != tc.title {
				t.Errorf("encoding %q title %q, want %q %q", d.Encoding, d.Title, tc.encoding, tc.title)
			}
			checkLayout(t, d, Lay(d))
		})
	}
}

// zipOf makes an archive of the named members.
func zipOf(t testing.TB, members map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(members) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(members[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

func docxOf(t testing.TB, body string) []byte {
	return zipOf(t, map[string]string{
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
		"word/styles.xml": `<w:styles ` + wordNS + `><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="My heading"/><w:basedOn w:val="berschrift1"/></w:style></w:styles>`,
		"word/numbering.xml": `<w:numbering ` + wordNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
	})
}

func TestReadDOCXFeatures(t *testing.T) {
	p := func(inner string) string { return `<w:p>` + inner + `</w:p>` }
	run := func(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
	num := func(lvl, text string) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="5"/></w:numPr></w:pPr>` + run(text) + `</w:p>`
	}
	body := `<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr>` + run("Localised heading") + `</w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Sub"/></w:pPr>` + run("Based on a heading") + `</w:p>` +
		p(run("visible ")+`<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>`+`<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>`+run("text")) +
		p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+run("7")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
		p(`<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/><w:sym w:font="Wingdings" w:char="263A"/></w:r>`) +
		p(run("before box")+`<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>`+p(run("in the box"))+`</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>`+p(run("in the box"))+`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		num("0", "first") + num("1", "sub") + num("0", "second") +
		`<w:tbl><w:tr><w:tc>` + p(run("cell one")) + `</w:tc><w:tc>` + p(run("cell two")) + `</w:tc></w:tr></w:tbl>` +
		p(`<w:r><w:t>  </w:t></w:r>`)
	readBlocks(t, "x.docx", docxOf(t, body), []string{
		"heading 1: Localised heading",
		"heading 1: Based on a heading",
		"paragraph: visible text",
		"paragraph: 7",
		"paragraph: a\tb\nc-d☺",
		"paragraph: in the box",
		"paragraph: before box",
		"list item 1 1.: first",
		"list item 2 1.a): sub",
		"list item 1 2.: second",
		"table cell: cell one",
		"table cell: cell two",
	})
}

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"`

func odtOf(t testing.TB, body string) []byte {
	return zipOf(t, map[string]string{
		"mimetype":    "application/vnd.oasis.opendocument.text",
		"content.xml": `<office:document-content ` + odfNS + `><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`,
	})
}

func TestReadODTFeatures(t *testing.T) {
	body := `<text:h text:outline-level="2">A  <text:span>heading</text:span></text:h>
<text:p>  spaces   collapse
 here<text:s text:c="3"/>but not these<text:tab/>tab<text:line-break/>next line</text:p>
<text:p>note<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>the footnote</text:p></text:note-body></text:note> after</text:p>
<text:list><text:list-item><text:number>1.</text:number><text:p>numbered</text:p><text:list><text:list-item><text:p>nested</text:p></text:list-item></text:list></text:list-item></text:list>
<text:p text:style-name="Title">The title</text:p>
<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p></text:deletion></text:changed-region></text:tracked-changes>
<table:table><table:table-row><table:table-cell><text:p>cell</text:p></table:table-cell></table:table-row></table:table>`
	readBlocks(t, "x.odt", odtOf(t, body), []string{
		"heading 2: A heading",
		"paragraph: spaces collapse here   but not these\ttab\nnext line",
		"paragraph: note after",
		"list item 1 1.: numbered",
		"list item 2 •: nested",
		"heading 1: The title",
		"table cell: cell",
	})
}

func TestReadRTFFeatures(t *testing.T) {
	tests := []struct {
		name, rtf string
		want      []string
	}{
		{"destinations skipped", `{\rtf1\ansi{\fonttbl{\f0 Times;}}{\colortbl;\red0;}{\stylesheet{\s1 heading 1;}}` +
			`{\info{\title The title}{\author Someone}}{\*\generator Word;}{\header page header}` +
			`\pard Hello {\b bold} world\par{\pict\pngblip 89504e47}after picture{\*\bkmkstart b1}\par}`,
			[]string{"paragraph: Hello bold world", "paragraph: after picture"}},
		{"unicode and code pages", `{\rtf1\ansi\ansicpg1251\uc1 \'cf\'f0\'e8\'e2\'e5\'f2 \u20320?\u22909?{\uc2\u8364\'80\'80}\u-10179\u-8704?\par}`,
			[]string{"paragraph: Привет 你好€😀"}},
		{"breaks and symbols", `{\rtf1 a\tab b\line c\~d\_e\-f\emdash g \{braces\}\\\par\pard\outlinelevel0 Heading\par` +
			`\pard\ls1\ilvl1{\listtext 2.\tab}Item\par\pard\intbl one\cell two\cell\row\pard after\par}`,
			[]string{"paragraph: a\tb\nc d-ef—g {braces}\\", "heading 1: Heading", "list item 2 2.: Item",
				"table cell: one", "table cell: two", "paragraph: after"}},
		{"upr keeps the Unicode text once", `{\rtf1 {\upr{caf\'e9 ansi}{\*\ud{caf\u233? \u252?nicode}}} end\par}`,
			[]string{"paragraph: café ünicode end"}},
		{"binary data", "{\\rtf1 a{\\*\\blipuid x}\\bin5 }}}{{b\\par}", []string{"paragraph: ab"}},
		{"footnote and field", `{\rtf1 text{\footnote note}{\field{\*\fldinst PAGE}{\fldrslt 3}} end\par}`,
			[]string{"paragraph: text3 end"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			readBlocks(t, "x.rtf", []byte(tc.rtf), tc.want)
		})
	}
	d, _ := Read("x.rtf", []byte(tests[0].rtf))
	if d.Title != "The title" {
		t.Errorf("title %q", d.Title)
	}
}

// TestReadHostile: files made to exhaust memory or the stack are refused
// in one line.
func TestReadHostile(t *testing.T) {
	old := maxUnpacked
	maxUnpacked = 1 << 20
	defer func() { maxUnpacked = old }()
	deep := strings.Repeat("<w:p>", 600)
	tests := []struct {
		name, file string
		data       []byte
		kind       error
		msg        string
	}{
		{"zip bomb", "bomb.docx", docxOf(t, `<w:p><w:r><w:t>`+strings.Repeat("a", 2<<20)+`</w:t></w:r></w:p>`),
			ErrTooLarge, "too large: word/document.xml unpacks to more than 1 MB"},
		{"deep xml", "deep.docx", docxOf(t, deep), ErrDamaged, "not readable: word/document.xml line 1: elements nested deeper than 512"},
		{"deep odt", "deep.odt", odtOf(t, strings.Repeat("<text:span>", 600)), ErrDamaged, "not readable: content.xml line 1: elements nested deeper than 512"},
		{"deep rtf", "deep.rtf", []byte(`{\rtf1` + strings.Repeat("{", 600)), ErrDamaged, "not a readable RTF file: groups nested deeper than 512 at byte"},
		{"deep html", "deep.html", []byte(strings.Repeat("<div>", 600)), ErrDamaged, "not a readable HTML page: html: open stack of elements exceeds 512 nodes"},
		{"docx without document", "empty.docx", zipOf(t, map[string]string{"word/other.xml": "x"}), ErrDamaged, "not a readable .docx file: it has no word/document.xml"},
		{"broken xml", "broken.docx", docxOf(t, "<w:p></w:q>"), ErrDamaged, "not readable: word/document.xml line 1"},
		{"rtf without header", "x.rtf", []byte("plain words"), ErrNotText, `not an RTF file: it does not start with {\rtf`},
		{"binary md", "x.md", []byte("\x00\x01\x02"), ErrNotText, "not a text file: binary bytes at byte 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.file, tc.data)
			if err == nil {
				t.Fatal("read without error")
			}
			if !errors.Is(err, tc.kind) || !strings.HasPrefix(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q (%v), want one line starting %q (%v)", err, errors.Unwrap(err), tc.msg, tc.kind)
			}
		})
	}
}
