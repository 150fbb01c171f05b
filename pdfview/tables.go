package pdfview

import (
	"slices"
	"unicode"
)

// Tables. A table whose cells sit close above one another comes out of
// buildBlocks as one block per column (the cells of a column stack like
// the lines of a paragraph), and Breuel's rules then read it column by
// column. Side by side blocks whose rows share baselines are either a
// table, read row by row, or blocks that happen to line up (authors across
// the top of a paper, each name over an address), read block by block.
// The page alone cannot tell the two apart, so the producer's drawing
// order decides: Word, LibreOffice, Distiller and TeX draw a table row by
// row and side by side blocks one after the other. Of the two readings,
// the one nearer the content-stream order is taken, unless the blocks are
// columns of running text (some producers draw those row by row too); the
// table reading
// makes one block of the table, whose rows blockRows reads top to bottom,
// each left to right.

// tableMax bounds the blocks looked at for tables (pairs of them are
// compared): a page of thousands of scraps (a chart's labels) is left as
// it is.
const tableMax = 1000

// mergeTables returns blocks with each table found among them made one
// block.
func mergeTables(blocks []*lblock, pageW float32) []*lblock {
	var cands []*lblock
	for _, bl := range blocks {
		// A block as wide as a column of text is not a cell among others.
		if !bl.vert && bl.b.w() < 0.3*pageW {
			cands = append(cands, bl)
		}
	}
	if len(cands) < 2 || len(cands) > tableMax {
		return blocks
	}
	rows := make([][]dbox, len(cands))
	for i, bl := range cands {
		for _, r := range blockRows(bl) {
			b := r[0].b
			for _, f := range r[1:] {
				b = b.union(f.b)
			}
			rows[i] = append(rows[i], b)
		}
	}
	parent := make([]int, len(cands))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range cands {
		for j := i + 1; j < len(cands); j++ {
			a, b := cands[i].b, cands[j].b
			if spanOverlap(a.x0, a.x1, b.x0, b.x1) > 0 || spanOverlap(a.y0, a.y1, b.y0, b.y1) <= 0 {
				continue
			}
			if rowsAligned(rows[i], rows[j]) && !between(cands[i], cands[j], blocks) {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]*lblock{}
	for i, bl := range cands {
		r := find(i)
		groups[r] = append(groups[r], bl)
	}
	// Rows set apart (a table whose cells are each a block of one line)
	// are one table when they stack closely and two or more of their
	// columns line up.
	var keys []int
	for r, g := range groups {
		if len(g) >= 2 {
			keys = append(keys, r)
		}
	}
	slices.Sort(keys)
	for x, ra := range keys {
		for _, rb := range keys[x+1:] {
			if rowsStack(groups[ra], groups[rb]) {
				parent[find(rb)] = find(ra)
			}
		}
	}
	// Which groups are tables is settled first, each on its own blocks;
	// then each table, in the order of its first block, takes in the
	// blocks inside it that are in no table (a cell spanning rows). So a
	// block goes into one table only: its group's, if that is a table,
	// else the first table it lies inside. Tables can overlap (a column of
	// dots drawn down a whole matrix joins one row's table, which is then
	// as tall as the matrix); settled in a map's order, they took each
	// other's blocks or not from run to run, and read some twice. Nothing
	// here may depend on a map's order: the text must be a function of
	// the page alone.
	type table struct {
		g []*lblock
		t *lblock
	}
	var tables []table
	taken := map[*lblock]bool{} // in a table
	for _, g := range groupsInOrder(cands, find) {
		if len(g) < 2 {
			continue
		}
		g = dropIntruders(g, blocks, pageW)
		if len(g) < 2 {
			continue
		}
		t := joinBlocks(g)
		if t.nrows < 2 || proseColumns(g) || !readsAsRows(t, g) {
			continue
		}
		tables = append(tables, table{g, t})
		for _, bl := range g {
			taken[bl] = true
		}
	}
	merged := map[*lblock]*lblock{} // block → the table it went into
	for _, tb := range tables {
		g, t := tb.g, tb.t
		// A cell that spans rows (a label centred beside two) lines up
		// with none of them, but lies inside the table.
		n := len(g)
		for _, bl := range blocks {
			if !taken[bl] && !bl.vert && inside(bl.b, t.b) {
				g = append(g, bl)
				taken[bl] = true
			}
		}
		if len(g) > n {
			t = joinBlocks(g)
		}
		t.rows = tableRows(g)
		t.nrows = len(t.rows)
		for _, bl := range g {
			merged[bl] = t
		}
	}
	if len(merged) == 0 {
		return blocks
	}
	out := make([]*lblock, 0, len(blocks))
	seen := map[*lblock]bool{}
	for _, bl := range blocks {
		t, ok := merged[bl]
		switch {
		case !ok:
			out = append(out, bl)
		case !seen[t]:
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// groupsInOrder returns the blocks of cands grouped by their root under
// find, each group in the order of cands, the groups in the order of
// their first blocks.
func groupsInOrder(cands []*lblock, find func(int) int) [][]*lblock {
	var groups [][]*lblock
	at := make(map[int]int, len(cands)) // root → index in groups
	for i, bl := range cands {
		r := find(i)
		k, ok := at[r]
		if !ok {
			k = len(groups)
			at[r] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], bl)
	}
	return groups
}

// rowsAligned tells whether some row of one block shares its baseline
// band with a row of the other.
func rowsAligned(a, b []dbox) bool {
	for _, ra := range a {
		for _, rb := range b {
			if spanOverlap(ra.y0, ra.y1, rb.y0, rb.y1) >= 0.6*min(ra.h(), rb.h()) &&
				max(ra.h(), rb.h()) <= 1.5*min(ra.h(), rb.h()) {
				return true
			}
		}
	}
	return false
}

// joinBlocks makes one block of blocks.
func joinBlocks(g []*lblock) *lblock {
	t := &lblock{b: g[0].b, first: g[0].first}
	for _, bl := range g {
		t.fs = append(t.fs, bl.fs...)
		t.b = t.b.union(bl.b)
		t.first = min(t.first, bl.first)
	}
	t.nrows = len(blockRows(t))
	return t
}

// readsAsRows tells whether reading the joined blocks t row by row keeps
// closer to the content-stream order than reading the blocks g one after
// another, each whole, as columns left to right: whether the producer drew
// a table row by row. Closeness is counted as the pairs of fragments read in
// the opposite order to the stream's. A tie goes to rows, the reading
// the alignment suggests.
func readsAsRows(t *lblock, g []*lblock) bool {
	var byRows []int
	for _, r := range blockRows(t) {
		for _, f := range r {
			byRows = append(byRows, f.first)
		}
	}
	var byBlocks []int
	for _, bl := range asColumns(g) {
		for _, r := range blockRows(bl) {
			for _, f := range r {
				byBlocks = append(byBlocks, f.first)
			}
		}
	}
	return inversions(byRows) <= inversions(byBlocks)
}

// inversions counts the pairs out of order in s (by merge sort).
func inversions(s []int) int {
	s = slices.Clone(s)
	tmp := make([]int, len(s))
	var sortCount func(lo, hi int) int
	sortCount = func(lo, hi int) int {
		if hi-lo < 2 {
			return 0
		}
		mid := (lo + hi) / 2
		n := sortCount(lo, mid) + sortCount(mid, hi)
		i, j, k := lo, mid, lo
		for i < mid && j < hi {
			if s[j] < s[i] {
				n += mid - i
				tmp[k] = s[j]
				j++
			} else {
				tmp[k] = s[i]
				i++
			}
			k++
		}
		k += copy(tmp[k:], s[i:mid])
		copy(tmp[k:], s[j:hi])
		copy(s[lo:hi], tmp[lo:hi])
		return n
	}
	return sortCount(0, len(s))
}

// whollyBelow tells whether u lies below v, their boxes overlapping by no
// more than a quarter of a line (the ascenders of one row of a table
// reach into the descenders of the row above).
func whollyBelow(u, v *lblock) bool {
	lh := min(u.b.h()/float32(max(u.nrows, 1)), v.b.h()/float32(max(v.nrows, 1)))
	return u.b.y0 >= v.b.y1-0.25*lh
}

// rowsStack tells whether two groups of side by side blocks are rows of
// one table: less than two lines apart, and two of the lower group's
// blocks under blocks of the upper one.
func rowsStack(g, h []*lblock) bool {
	bg, bh := joinBox(g), joinBox(h)
	if bh.y0 < bg.y0 {
		g, h, bg, bh = h, g, bh, bg
	}
	lh := min(lineHeight(g), lineHeight(h))
	if gap := bh.y0 - bg.y1; gap > 2*lh || gap < -0.25*lh {
		return false
	}
	cols := 0
	for _, b := range h {
		for _, a := range g {
			if spanOverlap(a.b.x0, a.b.x1, b.b.x0, b.b.x1) >= 0.5*min(a.b.w(), b.b.w()) {
				cols++
				break
			}
		}
	}
	return cols >= 2
}

func joinBox(g []*lblock) dbox {
	b := g[0].b
	for _, bl := range g[1:] {
		b = b.union(bl.b)
	}
	return b
}

// lineHeight is the smallest height of a line among the blocks.
func lineHeight(g []*lblock) float32 {
	lh := g[0].b.h()
	for _, bl := range g {
		lh = min(lh, bl.b.h()/float32(max(bl.nrows, 1)))
	}
	return lh
}

// between tells whether a block lies in the gap between side by side
// blocks a and b, level with both (a title between two cells of a header
// row: they are not neighbours).
func between(a, b *lblock, blocks []*lblock) bool {
	xl, xr := min(a.b.x1, b.b.x1), max(a.b.x0, b.b.x0)
	y0, y1 := max(a.b.y0, b.b.y0), min(a.b.y1, b.b.y1)
	for _, c := range blocks {
		if c != a && c != b && c.b.x0 < xr && c.b.x1 > xl && c.b.y0 < y1 && c.b.y1 > y0 {
			return true
		}
	}
	return false
}

// asColumns orders blocks as columns: blocks whose extents across overlap
// (directly or through others) are a column, read top to bottom; columns
// left to right.
func asColumns(g []*lblock) []*lblock {
	out := slices.Clone(g)
	slices.SortStableFunc(out, func(a, b *lblock) int { return cmpF32(a.b.x0, b.b.x0) })
	col := make(map[*lblock]int, len(out))
	n, reach := 0, out[0].b.x1
	for _, bl := range out {
		if bl.b.x0 >= reach {
			n++
		}
		reach = max(reach, bl.b.x1)
		if bl.b.x0 >= reach {
			reach = bl.b.x1
		}
		col[bl] = n
	}
	slices.SortStableFunc(out, func(a, b *lblock) int {
		if col[a] != col[b] {
			return col[a] - col[b]
		}
		return cmpF32(a.b.y0, b.b.y0)
	})
	return out
}

// dropIntruders takes out of g the blocks that are not cells of its table
// but headings of a column of text beside it ("References" level with a
// row of a table in the other column): those above or below a block of
// text as wide as a column that reaches into the table's box. What is left of g is
// looked at again until nothing goes.
func dropIntruders(g, blocks []*lblock, pageW float32) []*lblock {
	in := map[*lblock]bool{}
	for _, bl := range g {
		in[bl] = true
	}
	for len(g) >= 2 {
		box := joinBox(g)
		lh := lineHeight(g)
		var out []*lblock
		for _, m := range g {
			keep := true
			for _, c := range blocks {
				if in[c] || c.vert || c.b.w() < 0.3*pageW || spanOverlap(c.b.y0, c.b.y1, box.y0, box.y1) < 0.5*lh ||
					spanOverlap(c.b.x0, c.b.x1, box.x0, box.x1) <= 0 {
					continue
				}
				if spanOverlap(c.b.x0, c.b.x1, m.b.x0, m.b.x1) > 0 {
					keep = false
					break
				}
			}
			if keep {
				out = append(out, m)
			} else {
				in[m] = false
			}
		}
		if len(out) == len(g) {
			break
		}
		g = out
	}
	return g
}

// inside tells whether box a lies within box b (to half a point).
func inside(a, b dbox) bool {
	return a.x0 >= b.x0-0.5 && a.x1 <= b.x1+0.5 && a.y0 >= b.y0-0.5 && a.y1 <= b.y1+0.5
}

// A cell is the lines of one block that the producer drew one after the
// other: a cell of several lines (a passage in a table of examples, a
// heading over two lines) is read whole, while a column of one-line cells
// drawn row by row falls apart into its lines.
type tcell struct {
	lines [][]*lfrag
	b     dbox
}

// tableRows reads a table's blocks as rows of cells: cells whose extents
// down the page overlap are one row of the table, read top to bottom; in
// a row, the cells that start on one line are read left to right, a line
// of one-line cells as one line, a cell of several lines whole.
func tableRows(g []*lblock) [][]*lfrag {
	var cells []*tcell
	for _, bl := range g {
		var cur *tcell
		last := -2
		for _, r := range blockRows(bl) {
			lo, hi, b := streamSpan(r)
			if cur == nil || lo != last+1 {
				cur = &tcell{b: b}
				cells = append(cells, cur)
			}
			cur.lines = append(cur.lines, r)
			cur.b = cur.b.union(b)
			last = hi
		}
	}
	slices.SortStableFunc(cells, func(a, b *tcell) int { return cmpF32(a.b.y0, b.b.y0) })
	var out [][]*lfrag
	for len(cells) > 0 {
		// One row of the table: the cells reached down from the first.
		n, y1 := 1, cells[0].b.y1
		for n < len(cells) && cells[n].b.y0 < y1-0.25*lineOf(cells[n]) {
			y1 = max(y1, cells[n].b.y1)
			n++
		}
		out = append(out, rowLines(cells[:n])...)
		cells = cells[n:]
	}
	return out
}

// lineOf is the height of a cell's first line.
func lineOf(c *tcell) float32 {
	_, _, b := streamSpan(c.lines[0])
	return b.h()
}

// rowLines writes one row of a table: cells grouped by the line they start
// on, each group left to right.
func rowLines(cells []*tcell) [][]*lfrag {
	var out [][]*lfrag
	for len(cells) > 0 {
		first := cells[0].lines[0]
		_, _, fb := streamSpan(first)
		var same, rest []*tcell
		for _, c := range cells {
			_, _, b := streamSpan(c.lines[0])
			if spanOverlap(fb.y0, fb.y1, b.y0, b.y1) >= 0.5*min(fb.h(), b.h()) {
				same = append(same, c)
			} else {
				rest = append(rest, c)
			}
		}
		slices.SortStableFunc(same, func(a, b *tcell) int { return cmpF32(a.b.x0, b.b.x0) })
		var line []*lfrag
		for _, c := range same {
			if len(c.lines) == 1 {
				line = append(line, c.lines[0]...)
				continue
			}
			if len(line) > 0 {
				out = append(out, line)
				line = nil
			}
			out = append(out, c.lines...)
		}
		if len(line) > 0 {
			out = append(out, line)
		}
		cells = rest
	}
	return out
}

// streamSpan is the stream positions of a line's first and last glyphs,
// and its box.
func streamSpan(r []*lfrag) (lo, hi int, b dbox) {
	lo, hi, b = r[0].first, r[0].first+len(r[0].gs)-1, r[0].b
	for _, f := range r[1:] {
		lo, hi = min(lo, f.first), max(hi, f.first+len(f.gs)-1)
		b = b.union(f.b)
	}
	return lo, hi, b
}

// proseColumns tells columns of running text from a table drawn row by
// row: going down a column of text, a line mostly goes on with the
// sentence of the line above (it starts with a small letter, and both
// are words, not a formula), while the
// cells of a table's column are values of their own. Lines the producer
// drew one after the other (a cell of several lines) do not count.
func proseColumns(g []*lblock) bool {
	goesOn, breaks := 0, 0
	for _, bl := range g {
		rows := blockRows(bl)
		for k := 1; k < len(rows); k++ {
			_, hi, _ := streamSpan(rows[k-1])
			lo, _, _ := streamSpan(rows[k])
			if lo == hi+1 {
				continue
			}
			if r := rows[k][0].gs[0].r; unicode.IsLower(r) && wordy(rows[k-1]) && wordy(rows[k]) {
				goesOn++
			} else {
				breaks++
			}
		}
	}
	return goesOn > 0 && goesOn >= breaks
}

// wordy tells whether a line holds two or more words of letters only.
func wordy(row []*lfrag) bool {
	words, letters, other := 0, 0, false
	end := func() {
		if letters > 0 && !other {
			words++
		}
		letters, other = 0, false
	}
	for _, f := range row {
		for i, g := range f.gs {
			if i > 0 && (g.space >= 0 || wordGap(f, f.gs[i-1].b, g.b)) {
				end()
			}
			switch {
			case unicode.IsLetter(g.r):
				letters++
			case !unicode.IsPunct(g.r):
				other = true
			}
		}
		end()
	}
	return words >= 2
}
