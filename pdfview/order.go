package pdfview

import "slices"

// orderBlocks puts blocks in reading order: heads, body, rotated text, feet.
func orderBlocks(blocks []*lblock, d dispFrame) []*lblock {
	if len(blocks) <= 1 {
		return blocks
	}
	pageW, pageH := d.page.X1-d.page.X0, d.page.Y1-d.page.Y0
	if d.rot == 90 || d.rot == 270 {
		pageW, pageH = pageH, pageW
	}
	var flat, vert []*lblock
	for _, bl := range blocks {
		if bl.vert {
			vert = append(vert, bl)
		} else {
			flat = append(flat, bl)
		}
	}
	heads, body, feet := splitMargins(flat, pageH)
	body = mergeTables(body, pageW)
	markSides(body, pageW)
	rtl := pageRTL(blocks)
	var out []*lblock
	out = append(out, breuel(heads, rtl, pageW)...)
	out = append(out, breuel(body, rtl, pageW)...)
	out = append(out, breuel(vert, rtl, pageW)...)
	out = append(out, breuel(feet, rtl, pageW)...)
	return out
}

// pageRTL reports a page mostly in right-to-left scripts.
func pageRTL(blocks []*lblock) bool {
	rtl, all := 0, 0
	for _, bl := range blocks {
		for _, f := range bl.fs {
			all += len(f.gs)
			if f.rtl {
				rtl += len(f.gs)
			}
		}
	}
	return rtl*2 > all
}

// splitMargins takes the running heads and feet off the body: the blocks
// above the first horizontal gap of at least marginGap in the top eighth of
// the page, and below the last such gap in the bottom eighth.
func splitMargins(blocks []*lblock, pageH float32) (heads, body, feet []*lblock) {
	if len(blocks) < 3 {
		return nil, blocks, nil
	}
	// The typical line height of the page.
	hs := make([]float32, 0, len(blocks))
	for _, bl := range blocks {
		for _, f := range bl.fs {
			hs = append(hs, f.b.h())
		}
	}
	slices.Sort(hs)
	lineH := hs[len(hs)/2]
	minGap := max(1.2*lineH, 8)

	byTop := slices.Clone(blocks)
	slices.SortStableFunc(byTop, func(a, b *lblock) int { return cmpF32(a.b.y0, b.b.y0) })
	// Walk down the union of the blocks' vertical extents.
	headEnd := 0 // blocks byTop[:headEnd] are heads
	reach := byTop[0].b.y1
	for i := 1; i < len(byTop); i++ {
		if byTop[i].b.y0 > 0.125*pageH {
			if byTop[i].b.y0-reach >= minGap && reach <= 0.125*pageH {
				headEnd = i
			}
			break
		}
		if byTop[i].b.y0-reach >= minGap {
			headEnd = i
		}
		reach = max(reach, byTop[i].b.y1)
	}
	byBottom := slices.Clone(blocks)
	slices.SortStableFunc(byBottom, func(a, b *lblock) int { return cmpF32(b.b.y1, a.b.y1) })
	footEnd := 0
	reach = byBottom[0].b.y0
	for i := 1; i < len(byBottom); i++ {
		if byBottom[i].b.y1 < 0.875*pageH {
			if reach-byBottom[i].b.y1 >= minGap && reach >= 0.875*pageH {
				footEnd = i
			}
			break
		}
		if reach-byBottom[i].b.y1 >= minGap {
			footEnd = i
		}
		reach = min(reach, byBottom[i].b.y0)
	}
	if headEnd+footEnd >= len(blocks) {
		return nil, blocks, nil
	}
	inHead := map[*lblock]bool{}
	for _, bl := range byTop[:headEnd] {
		inHead[bl] = true
	}
	inFoot := map[*lblock]bool{}
	for _, bl := range byBottom[:footEnd] {
		if !inHead[bl] {
			inFoot[bl] = true
		}
	}
	for _, bl := range blocks {
		switch {
		case inHead[bl]:
			heads = append(heads, bl)
		case inFoot[bl]:
			feet = append(feet, bl)
		default:
			body = append(body, bl)
		}
	}
	return heads, body, feet
}

func cmpF32(a, b float32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// markSides flags the blocks of a side column: narrow blocks wholly left or
// right of the main text (whose extent the wide blocks give), beside a wide
// block (not the first column of a table under its caption).
func markSides(blocks []*lblock, pageW float32) {
	x0, x1 := float32(0), float32(-1)
	for _, bl := range blocks {
		if bl.b.w() > 0.4*pageW {
			if x1 < x0 {
				x0, x1 = bl.b.x0, bl.b.x1
			}
			x0, x1 = min(x0, bl.b.x0), max(x1, bl.b.x1)
		}
	}
	if x1 < x0 {
		return
	}
	// The side column is read as a whole: where its last block ends.
	var endL, endR float32
	besideWide := func(n *lblock) bool {
		for _, bl := range blocks {
			if bl.b.w() > 0.4*pageW && spanOverlap(n.b.y0, n.b.y1, bl.b.y0, bl.b.y1) > 0 {
				return true
			}
		}
		return false
	}
	for _, bl := range blocks {
		bl.side = bl.b.w() < 0.3*pageW && (bl.b.x1 <= x0 || bl.b.x0 >= x1) && besideWide(bl)
		switch {
		case bl.side && bl.b.x1 <= x0:
			endL = max(endL, bl.b.y1)
		case bl.side:
			endR = max(endR, bl.b.y1)
		}
	}
	for _, bl := range blocks {
		switch {
		case bl.side && bl.b.x1 <= x0:
			bl.sideEnd = endL
		case bl.side:
			bl.sideEnd = endR
		}
	}
}

// breuelMax bounds the blocks for which the "no block between spans both"
// test is made (it costs n³); beyond it, left-of needs no such test.
const breuelMax = 400

// breuel orders blocks by Breuel's rules and a topological sort that takes
// the earliest block in stream order whenever several are free.
func breuel(blocks []*lblock, rtl bool, pageW float32) []*lblock {
	n := len(blocks)
	if n <= 1 {
		return blocks
	}
	const tol = 1 // points of overlap that do not count
	title := newTitleRow(blocks)
	before := func(u, v *lblock) bool {
		a, b := u.b, v.b
		if spanOverlap(a.x0, a.x1, b.x0, b.x1) > tol {
			return (a.y0+a.y1)/2 < (b.y0+b.y1)/2
		}
		// Author blocks side by side are read before the body under them.
		if title.above(u, v) {
			return true
		}
		if title.above(v, u) {
			return false
		}
		// A side column (affiliations, dates, a licence box beside the
		// abstract) is read after the main text beside it, not before.
		if u.side && !v.side {
			return b.y0 >= u.sideEnd
		}
		if v.side && !u.side {
			return a.y0 < v.sideEnd
		}
		left := a.x1 <= b.x0+tol
		if rtl {
			left = a.x0 >= b.x1-tol
		}
		if !left {
			return false
		}
		// A block that lies wholly below the other comes first only as a
		// column of text (a paragraph); a table cell of a lower row does not
		// go before the cells of the rows above it.
		if whollyBelow(u, v) && (u.nrows < 3 || min(u.b.w(), v.b.w()) < 0.3*pageW && !columnReaches(u, v, blocks)) {
			return false
		}
		if n > breuelMax {
			return true
		}
		lo, hi := min(a.y0, b.y0), max(a.y1, b.y1)
		xl, xr := min(a.x1, b.x1), max(a.x0, b.x0) // the gap between them
		for _, w := range blocks {
			if w == u || w == v {
				continue
			}
			c := w.b
			if c.y1 <= lo || c.y0 >= hi {
				continue
			}
			if c.x0 < xl && c.x1 > xr {
				return false
			}
		}
		return true
	}
	succ := make([][]int, n)
	indeg := make([]int, n)
	for i := range n {
		for j := range n {
			if i != j && before(blocks[i], blocks[j]) {
				succ[i] = append(succ[i], j)
				indeg[j]++
			}
		}
	}
	done := make([]bool, n)
	out := make([]*lblock, 0, n)
	for len(out) < n {
		pick := -1
		for i := range n {
			if !done[i] && indeg[i] == 0 && (pick < 0 || blocks[i].first < blocks[pick].first) {
				pick = i
			}
		}
		if pick < 0 {
			// A cycle (overlapping blocks): take the earliest left.
			for i := range n {
				if !done[i] && (pick < 0 || blocks[i].first < blocks[pick].first) {
					pick = i
				}
			}
		}
		done[pick] = true
		out = append(out, blocks[pick])
		for _, j := range succ[pick] {
			indeg[j]--
		}
	}
	return out
}
