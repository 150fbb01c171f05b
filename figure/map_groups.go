package figure

import (
	"slices"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// The ways the evidence map groups its sources (Options.Group).
const (
	GroupDesign    = "design"
	GroupRelevance = "relevance"
	GroupRigour    = "rigour"
)

// Groups lists the groupings, for usage texts.
var Groups = []string{GroupDesign, GroupRelevance, GroupRigour}

// groupOf names the group of a source: its design, or its relevance or
// rigour judgement ("Rigour: high"); what was not recorded is a group of
// its own.
func groupOf(d coding.Document, by string) string {
	switch by {
	case GroupDesign:
		if s := strings.Join(strings.Fields(d.Design), " "); s != "" {
			return s
		}
		return "Design not recorded"
	case GroupRelevance:
		return judged("Relevance", d.Relevance.Judgement)
	case GroupRigour:
		return judged("Rigour", d.Rigour.Judgement)
	}
	return ""
}

func judged(what string, j coding.Judgement) string {
	if j == coding.NotAppraised {
		return what + " not appraised"
	}
	return what + ": " + string(j)
}

// groupRank orders groups: judgements best first, designs by name, and
// what was not recorded last.
func groupRank(name string) (int, string) {
	for i, j := range coding.Judgements {
		if strings.HasSuffix(name, ": "+string(j)) {
			return i, ""
		}
	}
	if strings.HasSuffix(name, " not appraised") || name == "Design not recorded" {
		return len(coding.Judgements) + 1, ""
	}
	return len(coding.Judgements), strings.ToLower(name)
}

// group reorders the map's sources into their groups (stably, so each
// group keeps the sources' order) and returns each column's group.
func (d *mapData) group(docs []coding.Document, by string) []string {
	if by == "" || len(docs) != len(d.sources) {
		return nil
	}
	idx := make([]int, len(docs))
	names := make([]string, len(docs))
	for i, doc := range docs {
		idx[i] = i
		names[i] = groupOf(doc, by)
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ra, sa := groupRank(names[a])
		rb, sb := groupRank(names[b])
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(sa, sb)
	})
	pick := func(src []string) []string {
		out := make([]string, len(idx))
		for i, j := range idx {
			out[i] = src[j]
		}
		return out
	}
	d.sources = pick(d.sources)
	for r, row := range d.counts {
		d.counts[r] = pickInts(row, idx)
	}
	if len(d.colTot) == len(idx) {
		d.colTot = pickInts(d.colTot, idx)
	}
	return pick(names)
}

func pickInts(src, idx []int) []int {
	out := make([]int, len(idx))
	for i, j := range idx {
		out[i] = src[j]
	}
	return out
}

// groupBands draws a band over the sources' names per group, with the
// group's name (shortened to fit) and a line down the map between groups.
func (l *layout) groupBands(groups []string, x0, cellW, y, bottom float64) {
	for start := 0; start < len(groups); {
		end := start
		for end < len(groups) && groups[end] == groups[start] {
			end++
		}
		x, w := x0+float64(start)*cellW, float64(end-start)*cellW
		band := l.rect(Rect{X: x, Y: y, W: w, H: groupBandH, Fill: tint(coding.UnclassifiedGrey, 0.25), Stroke: ruleGrey, StrokeWidth: 0.1})
		a, _ := ascentDescent(citePt, Bold)
		l.text(x+0.5, y+(groupBandH+a)/2-0.2, l.clipToWidth(groups[start], citePt, Bold, w-1), citePt, Bold, ink, band)
		if start > 0 {
			l.fig.Lines = append(l.fig.Lines, Line{X0: x, Y0: y, X1: x, Y1: bottom, Colour: ink, Width: strokeThin})
		}
		start = end
	}
}

// groupBandH is the height of a group's band, in mm.
const groupBandH = 4.0
