package export

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// WriteDOCX writes t as a Word document (Office Open XML
// WordprocessingML), landscape A4: the title, for the cmocs table the
// CMOC boxes under each programme theory, then the table with its header
// row repeated on every page, then the notes.
//
// It is written directly with encoding/xml and archive/zip: the document
// needs only paragraphs and one table, which take a few hundred lines of
// markup, and this keeps the output small, fast and free of a dependency.
func WriteDOCX(w io.Writer, t *Table) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	f, err := z.Create("word/document.xml")
	if err != nil {
		return err
	}
	b := bufio.NewWriterSize(f, 64<<10)
	writeDocument(b, t)
	if err := b.Flush(); err != nil {
		return err
	}
	return z.Close()
}

// The page: A4 landscape with 1.27 cm margins, in twentieths of a point.
const (
	docxPageW  = 16838
	docxPageH  = 11906
	docxMargin = 720
)

func writeDocument(b *bufio.Writer, t *Table) {
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	if t.Project != "" {
		para(b, "Subtitle", t.Project, false, false)
	}
	para(b, "Title", t.Title, false, false)
	for _, th := range t.Theories {
		h := th.Name
		if th.Kind != "" {
			h += " (" + string(th.Kind) + ")"
		}
		para(b, "Heading1", h, false, false)
		if th.Statement != "" {
			para(b, "", th.Statement, false, true)
		}
		if th.Description != "" {
			para(b, "", th.Description, false, false)
		}
		for _, box := range th.Boxes {
			para(b, "Heading2", fmt.Sprintf("CMOC %d", box.Number), false, false)
			if box.Statement != "" {
				para(b, "", box.Statement, true, false)
			}
			para(b, "", box.Configuration, false, true)
			if box.Missing != "" {
				para(b, "", box.Missing, true, false)
			}
			if box.Unclassified != "" {
				para(b, "", box.Unclassified, true, false)
			}
			if box.Narrative != "" {
				para(b, "", box.Narrative, false, false)
			}
			if box.Sources != "" {
				para(b, "", "Sources: "+box.Sources, false, false)
			}
		}
	}
	if len(t.Theories) > 0 {
		para(b, "Heading1", "Table of CMO configurations", false, false)
	}
	writeTable(b, t)
	b.WriteString("<w:p/>") // Word wants a paragraph after a table
	for _, n := range t.Notes {
		para(b, "", n, false, true)
	}
	fmt.Fprintf(b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>`,
		docxPageW, docxPageH, docxMargin, docxMargin, docxMargin, docxMargin)
	b.WriteString(`</w:body></w:document>`)
}

// para writes one paragraph; line breaks in s become <w:br/>.
func para(b *bufio.Writer, style, s string, bold, italic bool) {
	b.WriteString("<w:p>")
	if style != "" {
		b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	run(b, s, bold, italic)
	b.WriteString("</w:p>")
}

// run writes text as one run.
func run(b *bufio.Writer, s string, bold, italic bool) {
	if s == "" {
		return
	}
	b.WriteString("<w:r>")
	if bold || italic {
		b.WriteString("<w:rPr>")
		if bold {
			b.WriteString("<w:b/>")
		}
		if italic {
			b.WriteString("<w:i/>")
		}
		b.WriteString("</w:rPr>")
	}
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		xml.EscapeText(b, []byte(line))
		b.WriteString("</w:t>")
	}
	b.WriteString("</w:r>")
}

func writeTable(b *bufio.Writer, t *Table) {
	n := len(t.Columns)
	if n == 0 {
		return
	}
	widths := docxColumnWidths(t, docxPageW-2*docxMargin)
	// The children of tblPr, tcPr and pPr follow the schema's order.
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>`)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="808080"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header, bold bool) {
		b.WriteString("<w:tr>")
		if header {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for i := 0; i < n; i++ {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[i])
			if header {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>`)
			}
			b.WriteString(`</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>`)
			if i < len(t.Numeric) && t.Numeric[i] && !header {
				b.WriteString(`<w:jc w:val="right"/>`)
			}
			b.WriteString(`</w:pPr>`)
			if i < len(cells) {
				run(b, cells[i], bold, false)
			}
			b.WriteString("</w:p></w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	row(t.Columns, true, true)
	for _, r := range t.Rows {
		row(r, false, false)
	}
	for _, r := range t.Footer {
		row(r, false, true)
	}
	b.WriteString("</w:tbl>")
}

// Widths in the table, in twentieths of a point: a character of the
// 9-point type takes up to 0.75 em in bold in a wide font, 0.6 em
// otherwise, and a cell's margins 120.
var docxMetrics = widthMetrics{head: 135, cell: 108, pad: 160}

// docxColumnWidths shares the usable width among the columns (see
// fitColumns); when even their longest words do not fit, the columns
// share the line in proportion to them.
func docxColumnWidths(t *Table, usable int) []int {
	w, fits := fitColumns(t, float64(usable), docxMetrics)
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	widths := make([]int, len(w))
	for i, x := range w {
		if fits {
			widths[i] = int(x)
		} else {
			widths[i] = int(x * float64(usable) / sum)
		}
	}
	return widths
}

const docxContentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`</Types>`

const docxRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const docxDocRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

const docxStyles = xml.Header + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="18"/><w:szCs w:val="18"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="555555"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/></w:style>` +
	`</w:styles>`
