package textdoc

import (
	"sync"

	"cmocoder.org/cmocoder/coding"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The page: A4 in PDF points, a measure of about 70 characters of the body
// font, centred.
const (
	PageWidth   = 595
	PageHeight  = 842
	marginTop   = 72
	marginBot   = 72
	measure     = 400
	marginLeft  = (PageWidth - measure) / 2.0
	marginRight = marginLeft + measure
	indentStep  = 18 // a list level or a quotation
	tabStep     = 36
	lineFactor  = 1.45 // line height over font size
)

// style is how a run of text is set: a font at a size.
type style uint8

const (
	body style = iota
	heading1
	heading2
	heading3
	mono
	nStyles
)

type styleSpec struct {
	font *opentype.Font
	size float64
}

var (
	fontsOnce sync.Once
	specs     [nStyles]styleSpec
)

// loadFonts parses the Go fonts once (they are compiled in).
func loadFonts() {
	fontsOnce.Do(func() {
		parse := func(ttf []byte) *opentype.Font {
			f, err := opentype.Parse(ttf)
			if err != nil {
				panic("textdoc: the Go fonts do not parse: " + err.Error())
			}
			return f
		}
		regular, bold, monoF := parse(goregular.TTF), parse(gobold.TTF), parse(gomono.TTF)
		specs = [nStyles]styleSpec{
			body:     {regular, 11},
			heading1: {bold, 16},
			heading2: {bold, 13.5},
			heading3: {bold, 11.5},
			mono:     {monoF, 10},
		}
	})
}

func styleOf(b Block) style {
	switch {
	case b.Kind == Heading && b.Level <= 1:
		return heading1
	case b.Kind == Heading && b.Level == 2:
		return heading2
	case b.Kind == Heading:
		return heading3
	case b.Kind == Code:
		return mono
	}
	return body
}

// metrics measures one style at a scale (1 for layout, the zoom for
// rendering). A face is not safe for concurrent use: each Lay and Render
// makes its own.
type metrics struct {
	face        font.Face
	size        float64
	ascent      float64
	descent     float64
	ascii       [128]float64 // advances of ASCII, measured once
	other       map[rune]float64
	missingWide float64
}

func newMetrics(s style, scale float64) *metrics {
	loadFonts()
	sp := specs[s]
	face, err := opentype.NewFace(sp.font, &opentype.FaceOptions{Size: sp.size * scale, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("textdoc: no face for the Go fonts: " + err.Error())
	}
	m := face.Metrics()
	ms := &metrics{face: face, size: sp.size * scale, ascent: fix(m.Ascent), descent: fix(m.Descent),
		other: map[rune]float64{}}
	for r := range ms.ascii {
		ms.ascii[r] = -1
	}
	return ms
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }

// advance is the width of r. A character the font lacks takes the width
// of the box drawn for it: an em for wide scripts, 0.6 em otherwise.
func (m *metrics) advance(r rune) float64 {
	if r >= 0 && r < 128 && m.ascii[r] >= 0 {
		return m.ascii[r]
	}
	if a, ok := m.other[r]; ok {
		return a
	}
	adv, ok := m.face.GlyphAdvance(r)
	a := fix(adv)
	if !ok {
		a = 0.6 * m.size
		if r >= 0x2e80 {
			a = m.size
		}
	}
	if r >= 0 && r < 128 {
		m.ascii[r] = a
	} else {
		m.other[r] = a
	}
	return a
}

func (m *metrics) lineHeight() float64 { return m.size * lineFactor }

// Page is one laid-out page: what storage keeps (text, one box per code
// point, the media box) and what Render needs besides (the style of each
// run of text, list markers).
type Page struct {
	coding.Page
	runs  []styleRun
	marks []mark
}

// styleRun says that the page's code points from start on are set in a
// style (until the next run's start).
type styleRun struct {
	start int
	style style
}

// mark is a list marker: drawn before a list item, not part of the text.
type mark struct {
	x, baseline float64 // display space: y down from the page's top
	text        string
}

// Layout is a document on pages.
type Layout struct {
	Pages []Page
}

// CodingPages are the pages as storage keeps them.
func (l *Layout) CodingPages() []coding.Page {
	out := make([]coding.Page, len(l.Pages))
	for i, p := range l.Pages {
		out[i] = p.Page
	}
	return out
}

// Text is the pages' texts joined by coding.PageSeparator: Doc.Text with
// the line break or space at which each page ends turned into the
// separator (a page that ends inside a word longer than a line, which has
// no white space to turn, is the one place a separator is added).
func (l *Layout) Text() string {
	return coding.NewText(l.CodingPages()).String()
}

// Lay sets a document on pages: blocks in order, each block's text
// wrapped greedily at spaces to the measure (a word longer than a line is
// broken where the line is full), headings bold, code in a monospaced
// font, list items indented after their marker, a gap after each block of
// a structured document, a new page when the next line does not fit (and
// at a plain text's form feed). Each code point gets the box its glyph
// occupies: its advance wide, the font's ascent to descent high, in PDF
// points with the origin at the page's bottom left. Line breaks, and the
// space at which a line wraps, get a zero-area box where the line's last
// glyph ends, as pdfview gives the line breaks it generates. Lay is
// deterministic: the same Doc gives the same pages.
func Lay(d *Doc) *Layout {
	l := &layouter{}
	for s := range nStyles {
		l.m[s] = newMetrics(s, 1)
	}
	l.newPage()
	l.lastX, l.lastBottom = marginLeft, marginTop
	for i, b := range d.Blocks {
		if i > 0 {
			l.pending = '\n'
			if d.Spaced {
				l.gap = gapBefore(d.Blocks[i-1], b) * l.m[body].lineHeight()
			}
		}
		l.block(b)
	}
	l.finishPage()
	return &Layout{Pages: l.pages}
}

// gapBefore is the space between two blocks of a structured document, in
// body lines: list items and table cells of a run stay close, headings
// stand apart.
func gapBefore(prev, b Block) float64 {
	switch {
	case b.Kind == Heading:
		return 0.9
	case prev.Kind == b.Kind && (b.Kind == ListItem || b.Kind == TableCell):
		return 0.2
	}
	return 0.5
}

type layouter struct {
	m     [nStyles]*metrics
	pages []Page
	cur   *Page
	text  []rune // the current page's text
	y     float64
	lines int // lines on the current page
	gap   float64

	// pending is the break character ('\n', or the space a line wrapped
	// at) waiting for the next line: it joins the page before that line,
	// or becomes the page separator when that line starts a page. 0: none.
	pending rune
	// where the last line placed ends, for the box of a pending break.
	lastX, lastBottom float64
	style             style
	styled            bool
}

func (l *layouter) newPage() {
	l.pages = append(l.pages, Page{Page: coding.Page{Number: len(l.pages) + 1, X1: PageWidth, Y1: PageHeight}})
	l.cur = &l.pages[len(l.pages)-1]
	l.text = l.text[:0]
	l.y = marginTop
	l.lines = 0
	l.styled = false
}

func (l *layouter) finishPage() {
	l.cur.Text = string(l.text)
}

// breakPage ends the current page; the pending break becomes the
// separator.
func (l *layouter) breakPage() {
	l.finishPage()
	l.newPage()
	l.pending = 0
	l.gap = 0
}

// emit adds a code point with its box (display coordinates, y down).
func (l *layouter) emit(r rune, x0, top, x1, bottom float64) {
	l.text = append(l.text, r)
	l.cur.Boxes = append(l.cur.Boxes, coding.Box{
		X0: float32(x0), Y0: float32(PageHeight - bottom), X1: float32(x1), Y1: float32(PageHeight - top)})
}

// emitPoint adds a code point with a zero-area box at (x, y).
func (l *layouter) emitPoint(r rune, x, y float64) { l.emit(r, x, y, x, y) }

// line is one line of a block, ready to place: its code points and their
// x positions and advances.
type line struct {
	runes []rune
	x     []float64
	w     []float64
	ink   bool // it holds more than white space
	// brk is the break that ends it, which waits for the next line: '\n',
	// the space it wrapped at, '\f' (a page break), or 0 (the block's end,
	// or a word broken for being longer than a line).
	brk rune
}

// block lays out one block.
func (l *layouter) block(b Block) {
	st := styleOf(b)
	m := l.m[st]
	left := marginLeft + float64(b.Indent)*indentStep
	if b.Kind == ListItem {
		left += float64(max(b.Level, 1)) * indentStep
	}
	left = min(left, marginRight-measure/2)
	lines := wrap(b.Text, m, left, marginRight)
	if b.Kind == Heading && l.lines > 0 {
		// A heading stays with the line after it: never last on a page.
		need := l.gap + float64(len(lines))*m.lineHeight() + l.m[body].lineHeight()*(1+gapBefore(b, Block{}))
		if l.y+need > PageHeight-marginBot {
			l.breakPage()
		}
	}
	for i, ln := range lines {
		markText := ""
		if i == 0 && b.Kind == ListItem {
			markText = b.Marker
		}
		l.place(ln, st, left, markText)
	}
}

// place puts one line on the page, starting a new page first when it does
// not fit.
func (l *layouter) place(ln line, st style, left float64, markText string) {
	m := l.m[st]
	h := m.lineHeight()
	if l.lines > 0 && l.y+l.gap+h > PageHeight-marginBot {
		l.breakPage()
	}
	if l.lines > 0 {
		l.y += l.gap
	}
	l.gap = 0
	if l.pending != 0 {
		l.emitPoint(l.pending, l.lastX, l.lastBottom)
		l.pending = 0
	}
	if !l.styled || l.style != st {
		l.cur.runs = append(l.cur.runs, styleRun{start: len(l.text), style: st})
		l.style, l.styled = st, true
	}
	baseline := l.y + (h-m.ascent-m.descent)/2 + m.ascent
	top, bottom := baseline-m.ascent, baseline+m.descent
	if markText != "" {
		mx := left - 4 - l.width(markText, l.m[body])
		l.cur.marks = append(l.cur.marks, mark{x: mx, baseline: baseline, text: markText})
	}
	end := left
	for i, r := range ln.runes {
		x0 := min(ln.x[i], marginRight)
		x1 := min(ln.x[i]+ln.w[i], marginRight)
		l.emit(r, x0, top, x1, bottom)
		end = x1
	}
	l.lines++
	l.y += h
	l.lastX, l.lastBottom = end, bottom
	switch ln.brk {
	case '\f':
		l.breakPage()
	default:
		l.pending = ln.brk
	}
}

func (l *layouter) width(s string, m *metrics) float64 {
	w := 0.0
	for _, r := range s {
		w += m.advance(r)
	}
	return w
}

// wrap breaks a block's text into lines between left and right: at every
// '\n' and '\f', and greedily at white space. The white space a line
// wraps at stays on it except the last character, which is the line's
// break.
func wrap(text string, m *metrics, left, right float64) []line {
	var lines []line
	cur := line{}
	x := left
	runes := []rune(text)
	push := func(brk rune) {
		cur.brk = brk
		lines = append(lines, cur)
		cur = line{}
		x = left
	}
	add := func(r rune, w float64) {
		cur.ink = cur.ink || (r != ' ' && r != '\t')
		cur.runes = append(cur.runes, r)
		cur.x = append(cur.x, x)
		cur.w = append(cur.w, w)
		x += w
	}
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case r == '\n' || r == '\f':
			push(r)
			i++
		case r == ' ' || r == '\t':
			// A run of white space: it stays on this line; when the next
			// word does not fit, the run's last character is the break.
			j := i
			for j < len(runes) && (runes[j] == ' ' || runes[j] == '\t') {
				j++
			}
			ws := 0.0
			xx := x
			for k := i; k < j; k++ {
				w := advanceAt(runes[k], m, xx, left)
				ws += w
				xx += w
			}
			next := wordWidth(runes, j, m)
			if j < len(runes) && next > 0 && xx+next > right && len(cur.runes) > 0 {
				for k := i; k < j-1; k++ {
					add(runes[k], advanceAt(runes[k], m, x, left))
				}
				push(runes[j-1])
			} else {
				for k := i; k < j; k++ {
					add(runes[k], advanceAt(runes[k], m, x, left))
				}
			}
			i = j
		default:
			w := m.advance(r)
			if x+w > right && cur.ink {
				// A word longer than the line: broken where the line is full.
				push(0)
			}
			add(r, w)
			i++
		}
	}
	cur.brk = 0
	lines = append(lines, cur)
	return lines
}

// advanceAt is r's advance at x: a tab reaches the next tab stop.
func advanceAt(r rune, m *metrics, x, left float64) float64 {
	if r != '\t' {
		return m.advance(r)
	}
	stop := left + (float64(int((x-left)/tabStep))+1)*tabStep
	if stop-x < m.advance(' ')/2 {
		stop += tabStep
	}
	return stop - x
}

// wordWidth is the width of the word starting at i (up to white space or a
// line break).
func wordWidth(runes []rune, i int, m *metrics) float64 {
	w := 0.0
	for ; i < len(runes); i++ {
		r := runes[i]
		if r == ' ' || r == '\t' || r == '\n' || r == '\f' {
			break
		}
		w += m.advance(r)
	}
	return w
}
