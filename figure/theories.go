package figure

import (
	"image/color"
	"strconv"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// Options tune a figure.
type Options struct {
	// Theory draws only the programme theory of this name (any case); ""
	// draws them all.
	Theory string
	// By is what the evidence map's rows are: "labels" (the default) or
	// "theories", as for `export --table matrix --by`.
	By string
	// Group groups the evidence map's sources by GroupDesign,
	// GroupRelevance or GroupRigour; "" keeps them in import order.
	Group string
	// Width is the figure's width in mm; 0 is DefaultWidth. The evidence
	// map grows wider when its sources need more room.
	Width float64
	// Clip is how many characters of a role's quoted text a box shows
	// before an ellipsis; 0 is DefaultClip.
	Clip int
	// All keeps the sources the reviewers excluded, as export --all does;
	// by default they and their evidence are left out.
	All bool
	// Cite is how sources are cited, as export --cite: author-year (the
	// default, also "") or numbered.
	Cite string
}

// DefaultClip keeps a box's quote to a few lines at print size.
const DefaultClip = 180

// Sizes, in points and millimetres, of the theories diagram.
const (
	margin       = 6.0 // mm around the figure
	theorySize   = 11.0
	metaSize     = 7.5
	statementPt  = 8.0
	headerPt     = 6.5
	quotePt      = 7.0
	citePt       = 6.0
	boxPad       = 1.6 // mm inside a box
	arrowGap     = 6.0 // mm between boxes, where the arrow goes
	rowGap       = 5.0 // mm between CMOCs
	theoryGap    = 8.0 // mm between theories
	strokeThick  = 0.45
	strokeThin   = 0.2
	quoteTint    = 0.16 // share of the role's colour in a box's background
	textGrey     = 0x44
	lightGreyVal = 0x99
)

var (
	ink       = color.NRGBA{A: 0xff}
	darkGrey  = color.NRGBA{R: textGrey, G: textGrey, B: textGrey, A: 0xff}
	lightGrey = color.NRGBA{R: lightGreyVal, G: lightGreyVal, B: lightGreyVal, A: 0xff}
	ruleGrey  = color.NRGBA{R: 0xcc, G: 0xcc, B: 0xcc, A: 0xff}
)

// The line styles of valence, which survive greyscale print: a thick solid
// outline for + (present, positive), thick dashes for − (absent,
// negative), dots for both, a thin line for none.
var (
	dashNegative = []float64{1.4, 0.9}
	dashMixed    = []float64{0.45, 0.7}
	dashGap      = []float64{0.3, 0.9}
)

// valenceStroke is the outline of a box of a valence.
func valenceStroke(v string) (width float64, dash []float64) {
	switch v {
	case "+":
		return strokeThick, nil
	case "−":
		return strokeThick, dashNegative
	case "+/−":
		return strokeThick, dashMixed
	}
	return strokeThin, nil
}

// Theories lays out the programme-theory diagram: for each theory (or the
// one opt.Theory names) a heading — its name, what it refines, its "… so
// that … because …" statement — and its CMOCs, each a row of four boxes
// Context → Mechanism resource → Mechanism reasoning → Outcome holding the
// role's quoted words and the short citations of their sources, outlined
// by valence. Unclassified evidence is listed under the row.
func Theories(p *export.Project, opt Options) (*Figure, error) {
	p, _ = p.Shown(opt.All)
	p, err := p.Citing(opt.Cite)
	if err != nil {
		return nil, err
	}
	t, _ := export.CMOCTable(p)
	theories := t.Theories
	if opt.Theory != "" {
		theories = nil
		for _, th := range t.Theories {
			if strings.EqualFold(strings.TrimSpace(th.Name), strings.TrimSpace(opt.Theory)) {
				theories = append(theories, th)
			}
		}
		if len(theories) == 0 {
			return nil, coding.Errorf(coding.KindNotFound, "figure", opt.Theory, "no programme theory named %q", opt.Theory)
		}
	}
	l := newLayout(width(opt))
	y := margin
	for i, th := range theories {
		if i > 0 {
			l.fig.Lines = append(l.fig.Lines, Line{X0: margin, Y0: y + theoryGap/2, X1: l.fig.Width - margin, Y1: y + theoryGap/2, Colour: ruleGrey, Width: strokeThin})
			l.fig.Breaks = append(l.fig.Breaks, y+theoryGap*0.75) // below the rule
			y += theoryGap
		}
		y = l.theory(th, y, clip(opt))
	}
	if len(theories) == 0 {
		y = l.paragraph(margin, y, l.fig.Width-2*margin, "No CMOCs yet: build CMOCs from coded fragments to draw the programme theories.", statementPt, Italic, darkGrey, -1)
	}
	y = l.legend(y + rowGap)
	l.fig.Height = y + margin
	return l.fig, nil
}

func width(opt Options) float64 {
	if opt.Width > 0 {
		return opt.Width
	}
	return DefaultWidth
}

func clip(opt Options) int {
	if opt.Clip > 0 {
		return opt.Clip
	}
	return DefaultClip
}

// theory lays out one theory from y and returns the y below it.
func (l *layout) theory(th export.TheoryBoxes, y float64, clipAt int) float64 {
	w := l.fig.Width - 2*margin
	y = l.paragraph(margin, y, w, th.Name, theorySize, Bold, ink, -1)
	if meta := theoryMeta(th); meta != "" {
		y = l.paragraph(margin, y, w, meta, metaSize, Italic, darkGrey, -1)
	}
	if s := firstOf(th.Statement, th.Description); s != "" {
		y = l.paragraph(margin, y+0.8, w, s, statementPt, Regular, ink, -1)
	}
	if len(th.Boxes) == 0 {
		y = l.paragraph(margin, y+1, w, "No CMOCs under this theory yet.", metaSize, Italic, darkGrey, -1)
	}
	for _, b := range th.Boxes {
		y = l.cmoc(b, y+rowGap*0.6, clipAt)
	}
	return y
}

// theoryMeta says what kind of theory it is: "Refined programme theory,
// refining Leading for quality".
func theoryMeta(th export.TheoryBoxes) string {
	switch th.Kind {
	case coding.Refined:
		if th.Refines != "" {
			return "Refined programme theory, refines “" + th.Refines + "”"
		}
		return "Refined programme theory"
	case coding.Initial:
		return "Initial programme theory"
	}
	return ""
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// boxContent is what one role's box says, prepared before the boxes of a
// row are given their common height.
type boxContent struct {
	part     export.BoxPart
	header   string
	quote    string
	cite     string
	gap      bool
	contentH float64
}

// cmoc lays out one CMOC — its number and statement, then its row of four
// boxes and arrows, then its unclassified evidence — and returns the y
// below it.
func (l *layout) cmoc(b export.Box, y float64, clipAt int) float64 {
	full := l.fig.Width - 2*margin
	head := "CMOC " + strconv.Itoa(b.Number)
	if b.Statement != "" {
		head += ": " + b.Statement
	}
	y = l.paragraph(margin, y, full, head, statementPt, Italic, ink, -1)
	y += 1.2
	n := len(b.Parts)
	if n == 0 {
		return y
	}
	boxW := (full - float64(n-1)*arrowGap) / float64(n)
	inner := boxW - 2*boxPad
	contents := make([]boxContent, n)
	rowH := 0.0
	for i, part := range b.Parts {
		c := boxContent{part: part, header: roleHeader(part), gap: part.Text == coding.Gap}
		if c.gap {
			c.quote = "no evidence"
		} else {
			c.quote = quoteEach(part.Quotes, clipAt)
			c.cite = strings.Join(part.Cited, "; ")
		}
		c.contentH = l.boxHeight(c, inner)
		rowH = max(rowH, c.contentH)
		contents[i] = c
	}
	headerH := 0.0
	for _, c := range contents {
		headerH = max(headerH, l.paragraphHeight(inner, c.header, headerPt, Bold)+2*boxPad*0.6)
	}
	for i, c := range contents {
		x := margin + float64(i)*(boxW+arrowGap)
		l.box(c, x, y, boxW, headerH, rowH)
		if i+1 < n {
			ay := y + headerH/2
			l.fig.Lines = append(l.fig.Lines, Line{X0: x + boxW + 0.6, Y0: ay, X1: x + boxW + arrowGap - 0.6, Y1: ay, Colour: ink, Width: 0.35, Arrow: true})
		}
	}
	y += headerH + rowH
	if b.Supporting.Text != "" {
		y = l.supporting(b.Supporting, y+1.2, full, clipAt)
	}
	if b.Missing != "" {
		y = l.paragraph(margin, y+0.8, full, b.Missing, citePt, Italic, darkGrey, -1)
	}
	return y
}

// quoteEach quotes each fragment's words — “…”; “…” — shortened with an
// ellipsis (inside the closing quotation mark) to about clipAt characters
// in all.
func quoteEach(quotes []string, clipAt int) string {
	s := "“" + strings.Join(quotes, "”; “") + "”"
	if r := []rune(s); len(r) > clipAt+2 {
		cut := strings.TrimRight(string(r[:clipAt]), " ;“”")
		s = cut + "…”"
	}
	return s
}

// roleHeader is a box's heading: the role's name and its valence,
// "Mechanism resource −".
func roleHeader(p export.BoxPart) string {
	if p.Valence == "" {
		return p.Role.Title()
	}
	return p.Role.Title() + " " + p.Valence
}

// boxHeight is the height of a box's body: quote, then citations.
func (l *layout) boxHeight(c boxContent, inner float64) float64 {
	h := 2*boxPad + l.paragraphHeight(inner, c.quote, quotePt, quoteStyle(c))
	if c.cite != "" {
		h += 1 + l.paragraphHeight(inner, c.cite, citePt, Italic)
	}
	return h
}

func quoteStyle(c boxContent) Style {
	if c.gap {
		return Italic
	}
	return Regular
}

// box draws one role's box: a header in the role's colour, the quote on a
// tint of it, the citations, and an outline in the valence's line style.
func (l *layout) box(c boxContent, x, y, w, headerH, bodyH float64) {
	role := coding.RoleColour(c.part.Role)
	inner := w - 2*boxPad
	if c.gap {
		outline := l.rect(Rect{X: x, Y: y, W: w, H: headerH + bodyH, Stroke: lightGrey, StrokeWidth: strokeThick, Dash: dashGap})
		l.paragraph(x+boxPad, y+boxPad*0.6, inner, c.header, headerPt, Bold, darkGrey, outline)
		l.paragraph(x+boxPad, y+headerH+boxPad, inner, c.quote, quotePt, Italic, darkGrey, outline)
		return
	}
	header := l.rect(Rect{X: x, Y: y, W: w, H: headerH, Fill: role})
	l.rect(Rect{X: x, Y: y + headerH, W: w, H: bodyH, Fill: tint(role, quoteTint)})
	sw, dash := valenceStroke(c.part.Valence)
	outline := l.rect(Rect{X: x, Y: y, W: w, H: headerH + bodyH, Stroke: ink, StrokeWidth: sw, Dash: dash})
	l.paragraph(x+boxPad, y+boxPad*0.6, inner, c.header, headerPt, Bold, ink, header)
	bottom := l.paragraph(x+boxPad, y+headerH+boxPad, inner, c.quote, quotePt, Regular, ink, outline)
	if c.cite != "" {
		l.paragraph(x+boxPad, bottom+1, inner, c.cite, citePt, Italic, darkGrey, outline)
	}
}

// supporting lists a CMOC's unclassified evidence under its row, in grey:
// evidence without a place on the configuration line.
func (l *layout) supporting(p export.BoxPart, y, w float64, clipAt int) float64 {
	s := "Supporting evidence without a role: " + quoteEach(p.Quotes, clipAt)
	if len(p.Cited) > 0 {
		s += " (" + strings.Join(p.Cited, "; ") + ")"
	}
	h := l.paragraphHeight(w-2*boxPad, s, citePt+0.5, Italic) + 2*boxPad*0.6
	box := l.rect(Rect{X: margin, Y: y, W: w, H: h, Fill: tint(coding.UnclassifiedGrey, 0.15), Stroke: lightGrey, StrokeWidth: strokeThin})
	l.paragraph(margin+boxPad, y+boxPad*0.6, w-2*boxPad, s, citePt+0.5, Italic, darkGrey, box)
	return y + h
}

// legend explains colours and line styles, so that the figure stands on
// its own in print, in colour or grey.
func (l *layout) legend(y float64) float64 {
	const sw, sh, gap = 7.0, 3.4, 4.0
	x := margin
	rowH := sh + 1.5
	place := func(itemW float64) {
		if x+itemW > l.fig.Width-margin && x > margin {
			x = margin
			y += rowH
		}
	}
	for _, r := range coding.Roles {
		label := r.Title()
		itemW := sw + 1.2 + l.measure(label, citePt+0.5, Regular) + gap
		place(itemW)
		l.rect(Rect{X: x, Y: y, W: sw, H: sh, Fill: coding.RoleColour(r), Stroke: ink, StrokeWidth: strokeThin})
		l.text(x+sw+1.2, y+sh*0.78, label, citePt+0.5, Regular, ink, -1)
		x += itemW
	}
	for _, v := range []struct {
		valence, label string
	}{{"+", "+ present / positive"}, {"−", "− absent / negative"}, {"+/−", "both"}, {"", "no valence"}} {
		itemW := sw + 1.2 + l.measure(v.label, citePt+0.5, Regular) + gap
		place(itemW)
		width, dash := valenceStroke(v.valence)
		l.rect(Rect{X: x, Y: y, W: sw, H: sh, Stroke: ink, StrokeWidth: width, Dash: dash})
		l.text(x+sw+1.2, y+sh*0.78, v.label, citePt+0.5, Regular, ink, -1)
		x += itemW
	}
	return y + rowH
}
