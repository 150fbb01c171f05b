package pdfview

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
