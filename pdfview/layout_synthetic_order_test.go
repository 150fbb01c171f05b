package pdfview

import (
	"strings"
	"testing"
)

// TestSyntheticAuthorsAcross: three author blocks across the top of a
// two-column paper (name, department, e-mail), drawn block by block, as
// IEEE and ACM templates set them: each block is read whole, left to
// right, before the body. Before, the right-hand author came after the
// left column of the body.
func TestSyntheticAuthorsAcross(t *testing.T) {
	p := synPage{w: 612, h: 792}
	p.texts = append(p.texts, synText{x: 150, y: 730, size: 16, s: "A Paper With Three Authors"})
	authors := [3][]string{
		{"Ann Smith", "Dept. of Health", "ann@example.org"},
		{"Carl Jones", "School of Nursing", "carl@example.org"},
		{"Dora Berg", "Institute of Care", "dora@example.org"},
	}
	for i, a := range authors {
		p.texts = append(p.texts, stacked(80+float64(i)*180, 690, a)...)
	}
	left := []string{"Abstract. We studied the care of", "older people in district hospitals", "over three years of practice."}
	right := []string{"Introduction. Hospitals differ in", "how they organise the care of", "their oldest patients at night."}
	p.texts = append(p.texts, stacked(72, 620, left)...)
	p.texts = append(p.texts, stacked(320, 620, right)...)
	got := extractSynthetic(t, p)[0].Text
	var want []string
	want = append(want, "A Paper With Three Authors")
	for _, a := range authors {
		want = append(want, a...)
	}
	want = append(append(want, left...), right...)
	if got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestSyntheticWordTable: a table drawn row by row, cell by cell, as a
// word processor draws it, one of its cells of two lines: read row by row,
// the cell of two lines whole. Before, column by column.
func TestSyntheticWordTable(t *testing.T) {
	p := synPage{w: 612, h: 792}
	p.texts = append(p.texts, synText{x: 72, y: 720, size: 10, s: "Table 1. Sites and staff"})
	rows := [][3]string{
		{"Site", "Nurses", "Doctors"},
		{"Lilongwe", "12", "4"},
		{"Blantyre", "9", "3"},
		{"Zomba", "7", "2"},
	}
	for r, row := range rows {
		for c, cell := range row {
			p.texts = append(p.texts, synText{x: 72 + float64(c)*120, y: 700 - float64(r)*12, size: 10, s: cell})
		}
		if r == 1 {
			// The first row's last cell has a second line, drawn after its
			// first.
			p.texts = append(p.texts, synText{x: 312, y: 700 - float64(r+1)*12 + 6, size: 10, s: "(2 visiting)"})
		}
	}
	got := extractSynthetic(t, p)[0].Text
	want := "Table 1. Sites and staff\nSite Nurses Doctors\nLilongwe 12\n4\n(2 visiting)\nBlantyre 9 3\nZomba 7 2"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// stacked sets lines in 10-point type one under another from (x, y).
func stacked(x, y float64, lines []string) []synText {
	out := make([]synText, len(lines))
	for k, line := range lines {
		out[k] = synText{x: x, y: y - float64(k)*12, size: 10, s: line}
	}
	return out
}
