package figure

import (
	"fmt"
	"strings"

	"cmocoder.org/cmocoder/coding/export"
)

// KindFlow is the flow diagram of sources at full text.
const KindFlow = "flow"

func init() { Kinds = append(Kinds, KindFlow) }

// Sizes of the flow diagram.
const (
	flowPt     = 8.0
	flowGap    = 7.0  // mm between a stage's box and the next, where the arrow goes
	flowSideW  = 0.45 // share of the width for the boxes of exclusions
	flowMainW  = 0.45 // share for the stages' boxes
	flowBoxPad = 2.2  // mm inside a box
)

// Flow lays out the PRISMA-style flow of sources at full text, from the
// numbers of `export --table flow`: a box per stage down the left ("Sources
// assessed for relevance (n = 22)"), joined by arrows, each with a box to
// its right of the sources excluded there, by reason; then the sources
// included (and those not yet decided). Every source counts, excluded or
// not: the flow is where they are accounted for.
func Flow(p *export.Project, opt Options) (*Figure, error) {
	f := export.FlowOf(p.Documents)
	l := newLayout(width(opt))
	full := l.fig.Width - 2*margin
	mainW, sideW := full*flowMainW, full*flowSideW
	sideX := l.fig.Width - margin - sideW
	y := l.paragraph(margin, margin, full, "Flow of sources at full text", theorySize, Bold, ink, -1) + 3
	type row struct{ main, side string }
	var rows []row
	for i, st := range f.Stages {
		main := fmt.Sprintf("Sources assessed for %s (n = %d)", st.Name, st.Assessed)
		if i == 0 {
			main = fmt.Sprintf("Full texts assessed for %s (n = %d)", st.Name, st.Assessed)
		}
		rows = append(rows, row{main, excludedText(st)})
	}
	last := fmt.Sprintf("Sources included (n = %d)", f.Included)
	var lastSide []string
	if f.Unstaged.Excluded > 0 {
		lastSide = append(lastSide, "Excluded at no recorded stage: "+excludedText(f.Unstaged))
	}
	if f.Undecided > 0 {
		lastSide = append(lastSide, fmt.Sprintf("Not yet decided (n = %d)", f.Undecided))
	}
	rows = append(rows, row{last, strings.Join(lastSide, "\n")})
	for i, r := range rows {
		final := i == len(rows)-1
		h := max(l.flowBoxHeight(r.main, mainW), l.flowBoxHeight(r.side, sideW))
		stroke := strokeThin * 2
		if final { // where the review's evidence comes from
			stroke = strokeThick * 1.5
		}
		l.flowBox(margin, y, mainW, h, r.main, stroke, nil)
		switch {
		case r.side == "":
		case final: // beside the included, not out of them: a dashed note
			l.flowBox(sideX, y, sideW, h, r.side, strokeThin*2, dashNegative)
		default:
			l.flowBox(sideX, y, sideW, h, r.side, strokeThin*2, nil)
			l.fig.Lines = append(l.fig.Lines, Line{X0: margin + mainW + 0.6, Y0: y + h/2, X1: sideX - 0.6, Y1: y + h/2, Colour: ink, Width: 0.35, Arrow: true})
		}
		y += h
		if i+1 < len(rows) {
			x := margin + mainW/2
			l.fig.Lines = append(l.fig.Lines, Line{X0: x, Y0: y + 0.6, X1: x, Y1: y + flowGap - 0.6, Colour: ink, Width: 0.35, Arrow: true})
			y += flowGap
		}
	}
	l.fig.Height = y + margin
	return l.fig, nil
}

// excludedText is a stage's box of exclusions: "Excluded (n = 3)" and a
// line per reason, "insufficient richness (n = 2)".
func excludedText(st export.FlowStage) string {
	lines := []string{fmt.Sprintf("Excluded (n = %d)", st.Excluded)}
	for _, r := range st.Reasons {
		reason := r.Reason
		if reason == "" {
			reason = "no reason recorded"
		}
		lines = append(lines, fmt.Sprintf("%s (n = %d)", reason, r.N))
	}
	return strings.Join(lines, "\n")
}

// flowBoxHeight is the height of a box holding text (its lines apart) in
// width w.
func (l *layout) flowBoxHeight(text string, w float64) float64 {
	if text == "" {
		return 0
	}
	h := 0.0
	for i, line := range strings.Split(text, "\n") {
		h += l.paragraphHeight(w-2*flowBoxPad, line, flowPt, lineStyle(i))
	}
	return h + 2*flowBoxPad
}

// flowBox draws a box of height h with text, its first line bold, and an
// outline of the width and dashes given.
func (l *layout) flowBox(x, y, w, h float64, text string, stroke float64, dash []float64) {
	in := l.rect(Rect{X: x, Y: y, W: w, H: h, Fill: tint(ink, 0.05), Stroke: ink, StrokeWidth: stroke, Dash: dash})
	ty := y + flowBoxPad
	for i, line := range strings.Split(text, "\n") {
		ty = l.paragraph(x+flowBoxPad, ty, w-2*flowBoxPad, line, flowPt, lineStyle(i), ink, in)
	}
}

// lineStyle is the style of a flow box's line i: the first bold.
func lineStyle(i int) Style {
	if i == 0 {
		return Bold
	}
	return Regular
}
