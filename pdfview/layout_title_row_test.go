package pdfview

import (
	"strings"
	"testing"
)

// TestSyntheticTwoAuthorsWideAffiliations: two authors side by side, each
// name over an affiliation of several centred lines as wide as a column
// (the shape of IEEE conference papers made in Word), then the abstract in
// the left column and the body in the right: each author block is read
// whole, left to right, before the abstract. The abstract is drawn before
// the second author's affiliation, so stream order alone would not do.
// Before, the abstract came between the second author's name and
// affiliation.
func TestSyntheticTwoAuthorsWideAffiliations(t *testing.T) {
	p := synPage{w: 612, h: 792}
	title := synText{x: 150, y: 720, size: 16, s: "Energy Efficient Routing for Zone Networks"}
	names := [2]synText{{x: 150, y: 680, size: 10, s: "Usama Ahmed"}, {x: 390, y: 680, size: 10, s: "Faisal Bashir Hussain"}}
	affils := [2][]string{
		{"Information Security Department, College of Signals", "National University of Sciences", "Islamabad, Pakistan", "usama@example.edu.pk"},
		{"Computer Sciences Department, College of Signals", "National University of Sciences", "Islamabad, Pakistan", "faisal@example.edu.pk"},
	}
	abstract := []string{"Abstract. Mobility in sensor networks has not", "only expanded the role of sensor networks but", "has also given a whole new dimension to all", "research areas. Extra vigilance and unique", "approaches are required to address the", "concerns raised due to mobility."}
	right := []string{"perception entirely shifting the paradigm of", "research and development. Novel approaches are", "required to address the issues raised by the", "unpredictable movements of nodes in a network.", "One of the prime concerns is the routing of", "information to the base station."}
	// Drawn as a word processor may: title, the first author, the second
	// author's name, the abstract, then the second affiliation and the
	// right column.
	p.texts = append(p.texts, title, names[0])
	p.texts = append(p.texts, centred(t, 179, 666, affils[0])...)
	p.texts = append(p.texts, names[1])
	p.texts = append(p.texts, stacked(70, 610, abstract)...)
	p.texts = append(p.texts, centred(t, 431, 666, affils[1])...)
	p.texts = append(p.texts, stacked(314, 610, right)...)
	got := extractSynthetic(t, p)[0].Text
	var want []string
	want = append(want, title.s, names[0].s)
	want = append(want, affils[0]...)
	want = append(want, names[1].s)
	want = append(want, affils[1]...)
	want = append(append(want, abstract...), right...)
	if got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// centred sets lines in 10-point Helvetica one under another from y,
// each centred on x: their widths are measured on a page of their own.
func centred(t *testing.T, x, y float64, lines []string) []synText {
	t.Helper()
	p := extractSynthetic(t, synPage{w: 612, h: 792, texts: stacked(72, 700, lines)})[0]
	out := make([]synText, len(lines))
	start := 0
	for k, line := range lines {
		n := len([]rune(line))
		x0, x1 := p.Boxes[start].X0, p.Boxes[start+n-1].X1
		out[k] = synText{x: x - float64(x1-x0)/2, y: y - float64(k)*12, size: 10, s: line}
		start += n + 1 // and the line break
	}
	return out
}
