package textdoc

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode"
)

// ReadDOCX reads a Word document's text from word/document.xml:
// paragraphs in order, headings by their style (Title, Heading 1..9, or an
// outline level), list items with their bullet or number, each table
// cell's paragraphs on their own lines, tabs and line breaks; text in
// text boxes follows the paragraph holding it. Hidden text (w:vanish),
// deleted revisions, field codes, comments, headers, footers and
// footnotes are left out.
//
// WordprocessingML is read here with archive/zip and encoding/xml, token
// by token: the text needs a dozen elements, and the Go libraries that
// read .docx either convert whole documents (with their own formatting
// model and far more code to trust with hostile files) or are not kept up;
// a streaming reader keeps memory to the text and lets the limits (size of
// each member, depth of nesting) be enforced where the bytes are read.
func ReadDOCX(data []byte) (*Doc, error) {
	return readZipped(data, "a .docx file", DOCX, "word/document.xml", "docProps/core.xml", func(a *archive) (xmlHandler, *blockList) {
		r := &docxReader{
			styles:   readDocxStyles(a.optional("word/styles.xml")),
			numbers:  readDocxNumbering(a.optional("word/numbering.xml")),
			counters: map[string][]int{},
		}
		return r, &r.out
	})
}

// docxStyle is what a paragraph style says about headings.
type docxStyle struct {
	heading int // 1.. for Title and Heading n, 0 otherwise
	basedOn string
}

type docxReader struct {
	styles   map[string]docxStyle
	numbers  map[string]map[int]docxLevel // numId → ilvl → level
	counters map[string][]int             // numId → count per level
	out      blockList
	paras    []*docxPara // open paragraphs: text boxes nest them
	vanish   bool        // the current run is hidden
	tables   int
}

type docxPara struct {
	text    strings.Builder
	block   Block
	style   string
	outline int // w:outlineLvl + 1, or 0
	numID   string
	ilvl    int
	listed  bool
}

func (r *docxReader) chars(w *xmlWalker, t xml.CharData) {
	if p := r.para(); p != nil && !r.vanish && len(w.stack) >= 2 && w.stack[len(w.stack)-1] == "t" &&
		w.stack[len(w.stack)-2] == "r" {
		p.text.Write(t)
	}
}

func (r *docxReader) para() *docxPara { return last(r.paras) }

// parent is the local name of the element enclosing the one just started.
func parent(w *xmlWalker) string {
	if len(w.stack) < 2 {
		return ""
	}
	return w.stack[len(w.stack)-2]
}

func (r *docxReader) start(w *xmlWalker, t xml.StartElement) error {
	p := r.para()
	switch t.Name.Local {
	case "Fallback", "del", "moveFrom", "footnoteReference", "endnoteReference", "commentReference", "sectPr":
		// What Word shows once (the choice beside a fallback), or not at all.
		return w.skip()
	case "p":
		r.paras = append(r.paras, &docxPara{})
	case "tbl":
		r.tables++
	case "r":
		r.vanish = false
	case "vanish", "webHidden":
		if parent(w) == "rPr" && len(w.stack) >= 3 && w.stack[len(w.stack)-3] == "r" && on(t) {
			r.vanish = true
		}
	case "pStyle":
		if p != nil && parent(w) == "pPr" {
			p.style = attr(t, "val")
		}
	case "outlineLvl":
		if n, err := strconv.Atoi(attr(t, "val")); p != nil && err == nil && n >= 0 && n < 9 {
			p.outline = n + 1
		}
	case "numId":
		if p != nil && parent(w) == "numPr" {
			p.numID, p.listed = attr(t, "val"), attr(t, "val") != "0"
		}
	case "ilvl":
		if n, err := strconv.Atoi(attr(t, "val")); p != nil && err == nil && n >= 0 && n < 9 {
			p.ilvl = n
		}
	}
	if p == nil || r.vanish || parent(w) != "r" {
		return nil
	}
	switch t.Name.Local {
	case "tab", "ptab":
		p.text.WriteByte('\t')
	case "br", "cr":
		p.text.WriteByte('\n')
	case "noBreakHyphen":
		p.text.WriteByte('-')
	case "sym":
		if c, err := strconv.ParseUint(attr(t, "char"), 16, 32); err == nil && c < unicode.MaxRune {
			p.text.WriteRune(rune(c))
		}
	}
	return nil
}

// on reads an on/off property: present means on, unless its value says
// false.
func on(t xml.StartElement) bool {
	switch attr(t, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}

func (r *docxReader) end(local string) {
	switch local {
	case "p":
		if p := r.para(); p != nil {
			r.paras = r.paras[:len(r.paras)-1]
			r.out.add(r.blockOf(p))
		}
	case "tbl":
		r.tables--
	case "r":
		r.vanish = false
	}
}

// blockOf makes a finished paragraph a block.
func (r *docxReader) blockOf(p *docxPara) Block {
	b := Block{Text: cleanRunes(p.text.String())}
	level := p.outline
	if level == 0 {
		level = r.headingLevel(p.style)
	}
	switch {
	case r.tables > 0:
		b.Kind = TableCell
	case level > 0:
		b.Kind, b.Level = Heading, level
	case p.listed:
		b.Kind, b.Level = ListItem, p.ilvl+1
		b.Marker = r.marker(p.numID, p.ilvl)
	}
	return b
}

// headingLevel follows a style and what it is based on.
func (r *docxReader) headingLevel(id string) int {
	for range 10 {
		s, ok := r.styles[id]
		if !ok {
			break
		}
		if s.heading > 0 {
			return s.heading
		}
		id = s.basedOn
	}
	return headingName(id)
}

// headingName reads a level from a style name or ID: "Title", "heading 2",
// "Heading2".
func headingName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
	if n == "title" {
		return 1
	}
	if rest, ok := strings.CutPrefix(n, "heading"); ok {
		if lv, err := strconv.Atoi(rest); err == nil && lv >= 1 && lv <= 9 {
			return lv
		}
	}
	return 0
}

// readDocxStyles reads the paragraph styles' heading levels; damage
// there costs headings, not the text.
func readDocxStyles(data []byte) map[string]docxStyle {
	styles := map[string]docxStyle{}
	if data == nil {
		return styles
	}
	w := newXMLWalker(data, "word/styles.xml")
	var id string
	var cur docxStyle
	for {
		tok, err := w.next()
		if err != nil {
			return styles
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, cur = attr(t, "styleId"), docxStyle{}
			case "name":
				if parent(w) == "style" && cur.heading == 0 {
					cur.heading = headingName(attr(t, "val"))
				}
			case "basedOn":
				cur.basedOn = attr(t, "val")
			case "outlineLvl":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n >= 0 && n < 9 {
					cur.heading = n + 1
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				styles[id] = cur
			}
		}
	}
}

// docxLevel is one level of a list's numbering.
type docxLevel struct {
	format string // w:numFmt: decimal, bullet, lowerLetter...
	text   string // w:lvlText: "%1.", "•"
	start  int
}

// readDocxNumbering reads numbering.xml: numId → level → format.
func readDocxNumbering(data []byte) map[string]map[int]docxLevel {
	nums := map[string]map[int]docxLevel{}
	if data == nil {
		return nums
	}
	abstract := map[string]map[int]docxLevel{}
	numAbstract := map[string]string{}
	w := newXMLWalker(data, "word/numbering.xml")
	var absID, numID string
	var ilvl int
	var lv docxLevel
	for {
		tok, err := w.next()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				absID = attr(t, "abstractNumId")
				abstract[absID] = map[int]docxLevel{}
			case "lvl":
				ilvl, _ = strconv.Atoi(attr(t, "ilvl"))
				lv = docxLevel{start: 1}
			case "numFmt":
				lv.format = attr(t, "val")
			case "lvlText":
				lv.text = attr(t, "val")
			case "start":
				lv.start, _ = strconv.Atoi(attr(t, "val"))
			case "num":
				numID = attr(t, "numId")
			case "abstractNumId":
				if parent(w) == "num" {
					numAbstract[numID] = attr(t, "val")
				}
			}
		case xml.EndElement:
			if t.Name.Local == "lvl" && abstract[absID] != nil {
				abstract[absID][ilvl] = lv
			}
		}
	}
	for num, abs := range numAbstract {
		nums[num] = abstract[abs]
	}
	return nums
}

// marker is the bullet or number Word draws before a list paragraph,
// counting the list's paragraphs so far.
func (r *docxReader) marker(numID string, ilvl int) string {
	lv, ok := r.numbers[numID][ilvl]
	if !ok || lv.format == "bullet" || lv.format == "" {
		return "•"
	}
	if lv.format == "none" {
		return ""
	}
	c := r.counters[numID]
	if len(c) < 9 {
		c = make([]int, 9)
	}
	c[ilvl]++
	for i := ilvl + 1; i < len(c); i++ {
		c[i] = 0 // a deeper level starts again
	}
	r.counters[numID] = c
	text := lv.text
	for i := 0; i <= ilvl; i++ {
		l := r.numbers[numID][i]
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), formatNumber(l.start+c[i]-1, l.format))
	}
	return text
}

// formatNumber writes a list number in a Word number format.
func formatNumber(n int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter":
		s := string(rune('a' + (max(n, 1)-1)%26))
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// coreTitle is dc:title from docProps/core.xml (or an ODF meta.xml's
// dc:title), or "".
func coreTitle(data []byte) string {
	if data == nil {
		return ""
	}
	w := newXMLWalker(data, "properties")
	for {
		tok, err := w.next()
		if err != nil {
			return ""
		}
		if cd, ok := tok.(xml.CharData); ok && len(w.stack) > 0 && w.stack[len(w.stack)-1] == "title" {
			return strings.Join(strings.Fields(string(cd)), " ")
		}
	}
}
