package pdfview

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// TestLayoutSameEveryTime: a page's text and boxes are a function of the
// file alone (golden tests, the merge of coding files by text hash and
// teammates' copies rely on it). The page is a matrix display whose
// column of dots runs down every row, so the table of the row it joins is
// as tall as the matrix and holds the cells of the others: the tables
// were settled in a map's order, and each run read some cells twice and
// others in another order ("λ1 λ2 . . ." there in one run, missing in the
// next). Extracting it again, and laying its text out again many times in
// one process (a map's order changes from one range to the next), gives
// the same text and boxes, and every glyph once.
func TestLayoutSameEveryTime(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(layoutDir, "pdftex-jss-2007-matrix-dots.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var first coding.Page
	for run := range 8 {
		ex, err := testEngine(t).Extract(context.Background(), data, "")
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		p := ex.Pages[0]
		if run == 0 {
			first = p
			continue
		}
		if p.Text != first.Text || !slices.Equal(p.Boxes, first.Boxes) {
			t.Fatalf("extraction %d differs from the first:\n%s\n--- first:\n%s", run+1, p.Text, first.Text)
		}
	}
	in := pageText{text: []rune(first.Text), boxes: first.Boxes}
	page := coding.Box{X0: first.X0, Y0: first.Y0, X1: first.X1, Y1: first.Y1}
	want := layoutPage(in, page, first.Rotation)
	checkGlyphsOnce(t, in, want)
	for run := range 50 {
		got := layoutPage(in, page, first.Rotation)
		if string(got.text) != string(want.text) || !slices.Equal(got.boxes, want.boxes) {
			t.Fatalf("layout %d differs from the first:\n%s\n--- first:\n%s", run+2, string(got.text), string(want.text))
		}
	}
}

// checkGlyphsOnce fails t unless every glyph (a code point other than
// white space) of in comes out of out once, with its box.
func checkGlyphsOnce(t *testing.T, in, out pageText) {
	t.Helper()
	type glyphBox struct {
		r rune
		b coding.Box
	}
	count := map[glyphBox]int{}
	for i, r := range in.text {
		if !unicode.IsSpace(r) {
			count[glyphBox{r, in.boxes[i]}]++
		}
	}
	for i, r := range out.text {
		if !unicode.IsSpace(r) {
			count[glyphBox{r, out.boxes[i]}]--
		}
	}
	for k, n := range count {
		if n != 0 {
			t.Errorf("%q %v: %+d after the layout:\n%s", k.r, k.b, n, string(out.text))
			return
		}
	}
}
