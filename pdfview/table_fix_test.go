package pdfview

import (
	"fmt"
	"maps"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Corrected table order. pdftotext's plain output reads many tables
// column by column (each column of cells is one of its blocks), where a
// reader goes row by row; its -layout output keeps the rows. On the pages
// listed in tableFixes, and only there, each table's region (a rectangle
// in points from the page's top left, read off the page rendered with
// pdftoppm -r 72 and checked against pdftotext -bbox-layout's blocks)
// is taken from pdftotext -layout cropped to the region, in place of the
// plain output's blocks whose centre lies in it; the rest of the page keeps
// pdftotext's blocks in its order (or orderFixes' order, where the page
// has one). Only tables of one-line cells are listed: -layout interleaves
// the lines of cells of several lines, which no reader does.
type tableFix struct {
	pages map[int][]tableRect // page (1-based) → its tables
	why   string
}

type tableRect struct{ x0, y0, x1, y1 float64 }

var tableFixes = map[string]tableFix{
	"dpr-emnlp2020-arxiv-twocolumn.pdf": {
		pages: map[int][]tableRect{
			4:  {{305, 62, 526, 134}},                       // Table 1: datasets
			5:  {{80, 62, 520, 155}},                        // Table 2: top-20/top-100 accuracy
			6:  {{305, 62, 522, 190}},                       // Table 3: in-batch negatives
			8:  {{94, 62, 495, 260}},                        // Table 4: end-to-end QA
			12: {{308, 62, 522, 114}, {308, 188, 522, 284}}, // Tables 5 and 6
		},
		why: "tables 1-6 read row by row (pdftotext -layout), not column by column",
	},
	"naacl06-shinyama-dvipdfm.pdf": {
		pages: map[int][]tableRect{
			6: {{345, 70, 508, 155}},                                          // Table 2: articles and metaclusters
			8: {{98, 72, 272, 250}, {78, 414, 292, 519}, {94, 600, 275, 684}}, // Tables 4, 5, 7
		},
		why: "tables 2, 4, 5 and 7 read row by row (pdftotext -layout), not column by column",
	},
}

// fixTables rebuilds ref's pages listed in fix as described above; order
// is the file's orderFixes entry, if it has one.
func fixTables(t *testing.T, path, ref string, fix tableFix, order *orderFix) (string, string) {
	t.Helper()
	fixed := slices.Sorted(maps.Keys(fix.pages))
	ref = rebuildPages(t, path, ref, fixed, func(out []byte, n int) string {
		rects := fix.pages[n]
		blocks, w, h := bboxBlocks(t, out, n)
		if head, ok := order.head(n); ok {
			blocks = twoColumnOrder(blocks, w, h, head)
		}
		done := make([]bool, len(rects))
		var b strings.Builder
		for _, bb := range blocks {
			cx, cy := (bb.x0+bb.x1)/2, (bb.y0+bb.y1)/2
			in := -1
			for i, r := range rects {
				if cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1 {
					in = i
				}
			}
			switch {
			case in < 0:
				b.WriteString(bb.text)
			case !done[in]:
				done[in] = true
				b.WriteString(layoutRegion(t, path, n, rects[in]))
			}
			b.WriteString("\n\n")
		}
		for i, d := range done {
			if !d {
				t.Fatalf("tableFixes: %s p. %d: no block in table %d", path, n, i+1)
			}
		}
		return b.String()
	})
	return ref, fmt.Sprintf("table order corrected on p. %v (%s)", fixed, fix.why)
}

// head is the head fraction orderFixes gives page n, if it lists it.
func (o *orderFix) head(n int) (float64, bool) {
	if o == nil {
		return 0, false
	}
	h, ok := o.pages[n]
	return h, ok
}

// layoutRegion is pdftotext -layout's text of a rectangle of page n.
func layoutRegion(t *testing.T, path string, n int, r tableRect) string {
	t.Helper()
	f := func(v float64) string { return strconv.Itoa(int(v)) }
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", "-f", f(float64(n)), "-l", f(float64(n)),
		"-x", f(r.x0), "-y", f(r.y0), "-W", f(r.x1-r.x0), "-H", f(r.y1-r.y0), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -layout: %v", err)
	}
	return strings.Trim(string(out), "\f\n ")
}
