package pdfview

import (
	"slices"
	"unicode"
)

// Title blocks. Side by side blocks at the top of a page (authors across,
// each name over an affiliation; a title page's side box) are read each
// whole, left to right, before what lies under them. Breuel's rule lets a
// block of text that lies wholly below another and left of it go first,
// which is right for the lower paragraphs of a left column but wrong for
// an affiliation centred under a row of names (it would go before the
// names to its right) and for the body's left column under a row of author
// blocks (it would go before the authors to its right). Where either block
// is narrow (an author block, an affiliation), columnReaches keeps the rule
// to real columns.

// columnReaches tells whether u, lying wholly below v and left of it,
// continues a column that reaches up beside v: some block above u, of much
// u's extent across, left of v and not itself below v.
func columnReaches(u, v *lblock, blocks []*lblock) bool {
	a, b := u.b, v.b
	for _, w := range blocks {
		c := w.b
		if w == u || w == v || c.y0 >= a.y0 || c.x1 > b.x0+1 || whollyBelow(w, v) {
			continue
		}
		if spanOverlap(c.x0, c.x1, a.x0, a.x1) >= 0.8*max(c.w(), a.w()) {
			return true
		}
	}
	return false
}

// titleRow finds the rows of title blocks set side by side above the
// body (each author's name over an affiliation of centred lines, as
// conference papers made in Word set them): such a block is read before
// everything under the row, although Breuel's left-of rule would take the
// body's left column (the abstract) first where an affiliation is as wide
// as a column. Extraction splits centred lines of different lengths into
// blocks of a line or two, so an author block is a stack of blocks: one
// under another, less than two lines apart, their middles on one axis.
// Centred lines are what tell it from a column's paragraphs, whose lines
// all start at one edge. Beyond breuelMax blocks none is looked at.
type titleRow struct {
	blocks []*lblock
	stacks map[*lblock]*titleStack
}

// titleStack is the stack of blocks a block is in.
type titleStack struct {
	box     dbox // of all its blocks
	centred bool // its lines start at different places, centred on one axis
	rows    int
}

func newTitleRow(blocks []*lblock) *titleRow {
	return &titleRow{blocks: blocks, stacks: map[*lblock]*titleStack{}}
}

// stackOf is the stack t is in (worked out once).
func (r *titleRow) stackOf(t *lblock) *titleStack {
	if s, ok := r.stacks[t]; ok {
		return s
	}
	s := &titleStack{box: t.b}
	if len(r.blocks) > breuelMax || t.vert || t.nrows > maxTitleRows || paragraph(t) {
		r.stacks[t] = s // in no stack: most blocks of a page
		return s
	}
	lh := blockLineHeight(t)
	mid := (t.b.x0 + t.b.x1) / 2
	in := []*lblock{t}
	for grown := true; grown; {
		grown = false
		for _, w := range r.blocks {
			if w.vert || w.nrows > maxTitleRows || abs32((w.b.x0+w.b.x1)/2-mid) > lh/2 ||
				spanOverlap(w.b.x0, w.b.x1, s.box.x0, s.box.x1) <= 0 || max(w.b.y0-s.box.y1, s.box.y0-w.b.y1) > 1.5*lh ||
				slices.Contains(in, w) || paragraph(w) {
				continue
			}
			in = append(in, w)
			s.box = s.box.union(w.b)
			grown = true
		}
	}
	minX0, maxX0 := t.b.x0, t.b.x0
	minMid, maxMid := mid, mid
	words := true // every line has a word (a display formula's pieces do not)
	for _, w := range in {
		for _, row := range blockRows(w) {
			x0, x1 := row[0].b.x0, row[0].b.x1
			letters := 0
			for _, f := range row {
				x0, x1 = min(x0, f.b.x0), max(x1, f.b.x1)
				for _, g := range f.gs {
					if unicode.IsLetter(g.r) {
						letters++
					}
				}
			}
			words = words && letters >= 3
			minX0, maxX0 = min(minX0, x0), max(maxX0, x0)
			minMid, maxMid = min(minMid, (x0+x1)/2), max(maxMid, (x0+x1)/2)
			s.rows++
		}
	}
	s.centred = words && s.rows >= 2 && maxX0-minX0 > 2*lh && maxMid-minMid <= lh/2
	for _, w := range in {
		r.stacks[w] = s
	}
	return s
}

// maxTitleRows is the most lines a block of a title stack has: a name, an
// affiliation split where its lines change length.
const maxTitleRows = 3

// blockLineHeight is a block's height a line.
func blockLineHeight(bl *lblock) float32 { return bl.b.h() / float32(max(bl.nrows, 1)) }

// above tells whether t is in a row of title blocks that b lies under: t's
// stack is centred, other centred stacks beside it start on its level,
// and a line across the page under them all separates the row from b (no
// other block reaches across it). (A row of names of one line each is
// columnReaches's.)
func (r *titleRow) above(t, b *lblock) bool {
	if !whollyBelow(b, t) || len(r.blocks) > breuelMax {
		return false
	}
	s := r.stackOf(t)
	if !s.centred {
		return false
	}
	const tol = 1
	lh := blockLineHeight(t)
	row := []*titleStack{s}
	bottom := s.box.y1
	for _, w := range r.blocks {
		if slices.Contains(row, r.stacks[w]) || spanOverlap(w.b.x0, w.b.x1, s.box.x0, s.box.x1) > tol ||
			spanOverlap(w.b.y0, w.b.y1, s.box.y0, s.box.y1) <= 0 {
			continue
		}
		ws := r.stackOf(w)
		if ws.centred && abs32(ws.box.y0-s.box.y0) <= 1.5*lh && spanOverlap(ws.box.x0, ws.box.x1, s.box.x0, s.box.x1) <= tol {
			row = append(row, ws)
			bottom = max(bottom, ws.box.y1)
		}
	}
	if len(row) < 2 || b.b.y0 < bottom-0.25*lh {
		return false
	}
	for _, w := range r.blocks {
		if !slices.Contains(row, r.stacks[w]) && w.b.y0 < bottom-tol && w.b.y1 > bottom+tol {
			return false // crosses the line under the row
		}
	}
	return true
}

// paragraph tells whether a block is a paragraph of a column: two of its
// lines start and end at the same places (justified), which centred
// lines of different lengths never do.
func paragraph(bl *lblock) bool {
	rows := blockRows(bl)
	type edges struct{ x0, x1 float32 }
	var seen []edges
	for _, row := range rows {
		e := edges{row[0].b.x0, row[0].b.x1}
		for _, f := range row[1:] {
			e.x0, e.x1 = min(e.x0, f.b.x0), max(e.x1, f.b.x1)
		}
		for _, o := range seen {
			if abs32(o.x0-e.x0) <= 1 && abs32(o.x1-e.x1) <= 1 {
				return true
			}
		}
		seen = append(seen, e)
	}
	return false
}
