package pdfview

import (
	"sort"
	"unicode"

	"cmocoder.org/cmocoder/coding"
	"golang.org/x/text/unicode/norm"
)

// Reading order. PDFium gives a page's characters in content-stream order,
// which is whatever order the producer drew them in: a running head last,
// columns interleaved line by line, a table cell by cell. layoutPage puts
// them in the order a person reads the page, in the page's displayed
// (upright) orientation:
//
//  1. Every code point is placed in display space (the page turned by its
//     /Rotate, y down), with STACK.md's mapping. If most of the text then
//     still does not run left to right (a page turned by /Rotate whose
//     content was not turned back), the frame is turned a further quarter,
//     half or three quarters so that it does. Accents drawn as glyphs of
//     their own are composed with their letter.
//  2. Fragments: runs of glyphs in stream order on one baseline, broken
//     where PDFium starts a new line (unless the next glyph plainly goes on
//     along the row), where the baseline changes, where the pen jumps back,
//     or where a gap wider than a line's height opens (a column gutter or a
//     table's cell gap). Text drawn rotated on the page (a margin stamp)
//     makes vertical fragments; right-to-left text, leftward ones.
//  3. Blocks: fragments are joined when they continue one another on a row
//     (small gap, same baseline, or a wide justified space that the lines
//     above and below run across) or stack as lines of one paragraph
//     (close below, similar height, much the same start or width) —
//     pdfminer's LAParams idea, with a stricter width rule so that a
//     full-width line never glues two columns into one block.
//  4. Running heads, page numbers and footers: the blocks above the first
//     (below the last) wide horizontal gap within the top (bottom) band of
//     the page are put first (last), so they never fall into a sentence.
//  5. The other blocks are ordered by Breuel's rules (2003, as in OCRopus's
//     reading_order): a before b if they overlap horizontally and a is
//     above, or if a lies left of b (right of b on a right-to-left page) and
//     no third block between them vertically spans both — except that a
//     block of one or two rows wholly below b does not go first (a table
//     cell of a lower row), and a side column (narrow blocks beside the
//     main text, outside its extent) is read after the main text that
//     starts above its end. A topological sort settles the rest by
//     content-stream order, which producers mostly get right. Text drawn
//     rotated on the page comes after the body. Before that, the blocks of
//     a table whose rows share baselines are made one block read row by
//     row (tables.go), and the rule that lets a lower block of a column go
//     first is kept to real columns, so that side-by-side author blocks
//     are read each whole before the body (titleblocks.go).
//  6. Within a block, rows top to bottom, fragments on a row left to right
//     (right to left where the row is mostly a right-to-left script);
//     within a fragment, stream order.
//
// Every code point keeps its box. Word spaces are kept where PDFium had
// white space (with their boxes when the PDF drew a space glyph) or
// inserted where glyphs are apart by more than a fifth of the line height;
// spaces and line breaks made here have a zero-area box at the end of the
// glyph before them. Soft hyphens are dropped except at the end of a row,
// where they become the '-' a reader sees; zero-width characters are
// dropped. A hyphen at a line end stays as printed: words are never joined.
//
// Steps 1-3 are in this file, 4-5 in order.go, 6 in write.go.

// dbox is a box in display space: x right, y down, the page upright.
type dbox struct{ x0, y0, x1, y1 float32 }

func (b dbox) w() float32 { return b.x1 - b.x0 }
func (b dbox) h() float32 { return b.y1 - b.y0 }

func (b dbox) union(o dbox) dbox {
	return dbox{min(b.x0, o.x0), min(b.y0, o.y0), max(b.x1, o.x1), max(b.y1, o.y1)}
}

// spanOverlap is the length two intervals share (negative: the gap between).
func spanOverlap(a0, a1, b0, b1 float32) float32 { return min(a1, b1) - max(a0, b0) }

// dispFrame maps user-space boxes to display space and points back.
type dispFrame struct {
	page coding.Box
	rot  int // 0, 90, 180, 270
}

func (d dispFrame) box(b coding.Box) dbox {
	p := d.page
	switch d.rot {
	case 90:
		return dbox{b.Y0 - p.Y0, b.X0 - p.X0, b.Y1 - p.Y0, b.X1 - p.X0}
	case 180:
		return dbox{p.X1 - b.X1, b.Y0 - p.Y0, p.X1 - b.X0, b.Y1 - p.Y0}
	case 270:
		return dbox{p.Y1 - b.Y1, p.X1 - b.X1, p.Y1 - b.Y0, p.X1 - b.X0}
	}
	return dbox{b.X0 - p.X0, p.Y1 - b.Y1, b.X1 - p.X0, p.Y1 - b.Y0}
}

// point is the zero-area user-space box at display point (x, y).
func (d dispFrame) point(x, y float32) coding.Box {
	p := d.page
	var ux, uy float32
	switch d.rot {
	case 90:
		ux, uy = y+p.X0, x+p.Y0
	case 180:
		ux, uy = p.X1-x, y+p.Y0
	case 270:
		ux, uy = p.X1-y, p.Y1-x
	default:
		ux, uy = x+p.X0, p.Y1-y
	}
	return coding.Box{X0: ux, Y0: uy, X1: ux, Y1: uy}
}

// Fragment directions.
const (
	dirNone  = iota // one glyph so far
	dirRight        // ordinary horizontal text, pen moving right
	dirLeft         // pen moving left (right-to-left text in logical order)
	dirDown         // text drawn rotated, read top to bottom
	dirUp           // text drawn rotated, read bottom to top
)

// lglyph is one non-white code point of the page.
type lglyph struct {
	r     rune
	idx   int        // index in the page text
	ub    coding.Box // its box (user space)
	b     dbox       // display box
	space int        // index of the white space before it in the stream, or -1
	nl    bool       // PDFium broke the line before it
}

// lfrag is a run of glyphs on one line, in stream order.
type lfrag struct {
	gs    []lglyph
	b     dbox
	dir   int
	rtl   bool // mostly right-to-left letters
	first int  // stream position of the first glyph, for ties
}

func (f *lfrag) vertical() bool { return f.dir == dirDown || f.dir == dirUp }

// size is the fragment's line height: its extent across the writing
// direction.
func (f *lfrag) size() float32 {
	if f.vertical() {
		return f.b.w()
	}
	return f.b.h()
}

// lblock is a set of fragments read as one unit.
type lblock struct {
	fs    []*lfrag
	b     dbox
	first int
	vert  bool
	nrows int // rows of text
	// rows, when set, is the block's lines in reading order (a table's,
	// set by tableRows).
	rows [][]*lfrag
	side bool // in a side column beside the main text
	// sideEnd is where the side column ends: main text that starts above
	// it is read first.
	sideEnd float32
}

// layoutPage returns pt's code points in reading order. page is the page
// box PDFium renders (crop box), rot its /Rotate in degrees.
func layoutPage(pt pageText, page coding.Box, rot int) pageText {
	if len(pt.text) == 0 || page.X1 <= page.X0 || page.Y1 <= page.Y0 {
		return pt
	}
	d := dispFrame{page: page, rot: ((rot % 360) + 360) % 360 / 90 * 90}
	gs := collectGlyphs(pt, d)
	if len(gs) == 0 {
		return pageText{text: []rune{}, boxes: []coding.Box{}}
	}
	frags := buildFrags(gs)
	if turn := dominantTurn(frags); turn != 0 {
		// The text is not upright on the displayed page (a page turned by
		// /Rotate whose content was not turned back): read it upright.
		d.rot = (d.rot + turn) % 360
		gs = collectGlyphs(pt, d)
		frags = buildFrags(gs)
	}
	blocks := buildBlocks(frags)
	ordered := orderBlocks(blocks, d)
	return writeBlocks(pt, d, ordered)
}

// collectGlyphs keeps the code points with ink (everything but white space
// and zero-width characters), noting the white space before each.
func collectGlyphs(pt pageText, d dispFrame) []lglyph {
	gs := make([]lglyph, 0, len(pt.text))
	space, nl := -1, false
	for i, r := range pt.text {
		switch {
		case r == '\n' || r == '\r':
			nl = true
			continue
		case unicode.IsSpace(r):
			if space < 0 || zeroArea(pt.boxes[space]) {
				space = i
			}
			continue
		case isZeroWidth(r):
			continue
		}
		gs = append(gs, lglyph{r: r, idx: i, ub: pt.boxes[i], b: d.box(pt.boxes[i]), space: space, nl: nl})
		space, nl = -1, false
	}
	return attachAccents(gs)
}

// spacingAccents maps the spacing diacritics that TeX and old fonts draw as
// glyphs of their own over or under a letter to their combining marks.
var spacingAccents = map[rune]rune{
	0x00A8: 0x0308, 0x00B4: 0x0301, 0x0060: 0x0300, 0x02C6: 0x0302, 0x005E: 0x0302,
	0x02DC: 0x0303, 0x007E: 0x0303, 0x00AF: 0x0304, 0x02D8: 0x0306, 0x02D9: 0x0307,
	0x02DA: 0x030A, 0x00B8: 0x0327, 0x02C7: 0x030C, 0x02DD: 0x030B, 0x02DB: 0x0328,
}

// attachAccents composes an accent drawn as a glyph of its own with the
// letter it sits on ("a" and "¨" become "ä", with the union of their boxes),
// when the letter is close in the stream and under (or over) the accent's
// centre, and the pair has a precomposed form. Otherwise the accent stays.
func attachAccents(gs []lglyph) []lglyph {
	drop := 0
	for k := range gs {
		comb, ok := spacingAccents[gs[k].r]
		if !ok {
			continue
		}
		a := gs[k].b
		cx := (a.x0 + a.x1) / 2
		base := -1
		for j := max(0, k-60); j < min(len(gs), k+3); j++ {
			g := gs[j]
			if j == k || !unicode.IsLetter(g.r) || g.r == 0 {
				continue
			}
			if cx < g.b.x0 || cx > g.b.x1 || spanOverlap(a.y0, a.y1, g.b.y0, g.b.y1) < 0.3*min(a.h(), g.b.h()) {
				continue
			}
			if base < 0 || absInt(j-k) < absInt(base-k) {
				base = j
			}
		}
		if base < 0 {
			continue
		}
		c := []rune(norm.NFC.String(string([]rune{gs[base].r, comb})))
		if len(c) != 1 {
			continue
		}
		b := &gs[base]
		b.r = c[0]
		b.ub = coding.Box{X0: min(b.ub.X0, gs[k].ub.X0), Y0: min(b.ub.Y0, gs[k].ub.Y0),
			X1: max(b.ub.X1, gs[k].ub.X1), Y1: max(b.ub.Y1, gs[k].ub.Y1)}
		if k+1 < len(gs) && gs[k].nl {
			gs[k+1].nl = true
		}
		gs[k].r = 0 // dropped below
		drop++
	}
	if drop == 0 {
		return gs
	}
	out := gs[:0]
	for _, g := range gs {
		if g.r != 0 {
			out = append(out, g)
		}
	}
	return out
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func zeroArea(b coding.Box) bool { return b.X1 == b.X0 || b.Y1 == b.Y0 }

// isZeroWidth reports the invisible characters dropped from the text.
func isZeroWidth(r rune) bool {
	return (r >= 0x200B && r <= 0x200D) || r == 0x2060 || r == 0xFEFF
}

// buildFrags cuts the glyph stream into fragments.
func buildFrags(gs []lglyph) []*lfrag {
	// A fragment is a run of gs: its glyphs are a window on gs, capped so
	// that nothing appended to it could write over the next fragment's, and
	// the fragments are made in blocks (a page has hundreds; allocating
	// each glyph list and fragment apart was a quarter of the layout's
	// time).
	var frags []*lfrag
	var cur *lfrag
	var block []lfrag
	for k, g := range gs {
		if cur != nil && (!g.nl || pdfiumBreakInLine(cur, g)) {
			if dir, ok := fragContinues(cur, g); ok {
				if cur.dir == dirNone {
					cur.dir = dir
				}
				cur.gs = gs[cur.first : k+1 : k+1]
				cur.b = cur.b.union(g.b)
				continue
			}
		}
		if len(block) == cap(block) {
			block = make([]lfrag, 0, 64)
		}
		block = append(block, lfrag{gs: gs[k : k+1 : k+1], b: g.b, first: k})
		cur = &block[len(block)-1]
		frags = append(frags, cur)
	}
	for _, f := range frags {
		rtl, ltr := 0, 0
		for _, g := range f.gs {
			switch {
			case isRTLLetter(g.r):
				rtl++
			case unicode.IsLetter(g.r):
				ltr++
			}
		}
		f.rtl = rtl > ltr
		if f.dir == dirNone {
			f.dir = dirRight
			if f.rtl {
				f.dir = dirLeft
			}
		}
	}
	return frags
}

// dominantTurn is the quarter turn (in degrees, clockwise) that makes most
// of the page's text upright: 0 when most fragments already run rightwards
// (or leftwards in a right-to-left script).
func dominantTurn(frags []*lfrag) int {
	var n [5]int
	total := 0
	for _, f := range frags {
		// Steps from one glyph to the next (a glyph that stands for several
		// code points, as a ligature or a shaped word, is one).
		steps := 0
		for k := 1; k < len(f.gs); k++ {
			if f.gs[k].b != f.gs[k-1].b {
				steps++
			}
		}
		d := f.dir
		if d == dirLeft && f.rtl {
			d = dirRight
		}
		n[d] += steps
		total += steps
	}
	if total < 5 {
		return 0
	}
	for d, turn := range map[int]int{dirLeft: 180, dirDown: 270, dirUp: 90} {
		if 3*n[d] > 2*total {
			return turn
		}
	}
	return 0
}

// isRTLLetter reports letters of right-to-left scripts.
func isRTLLetter(r rune) bool {
	if r < 0x0590 {
		return false
	}
	return unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) &&
		!unicode.Is(unicode.Mn, r)
}

// fragContinues tells whether g carries on fragment f, and in which direction.
func fragContinues(f *lfrag, g lglyph) (int, bool) {
	p := f.gs[len(f.gs)-1].b
	b := g.b
	// Boxes of one glyph (a ligature spelled out) or of marks stacked on it.
	if b == p {
		return f.dir, true
	}
	hs := max(min(p.h(), b.h()), 0.1)
	ws := max(min(p.w(), b.w()), 0.1)
	sameRow := spanOverlap(p.y0, p.y1, b.y0, b.y1) >= 0.5*hs || centreWithin(b.y0, b.y1, p.y0, p.y1) || centreWithin(p.y0, p.y1, b.y0, b.y1)
	sameCol := spanOverlap(p.x0, p.x1, b.x0, b.x1) >= 0.5*ws
	hsize := max(p.h(), b.h())
	vsize := max(p.w(), b.w())
	pc, bc := (p.x0+p.x1)/2, (b.x0+b.x1)/2
	try := func(dir int) bool {
		switch dir {
		case dirRight:
			return sameRow && bc >= pc-0.25*hs && b.x0-p.x1 <= hsize
		case dirLeft:
			return sameRow && bc <= pc+0.25*hs && p.x0-b.x1 <= hsize
		case dirDown:
			return sameCol && !sameRow && b.y0 >= p.y0 && b.y0-p.y1 <= vsize
		case dirUp:
			return sameCol && !sameRow && b.y1 <= p.y1 && p.y0-b.y1 <= vsize
		}
		return false
	}
	if f.dir != dirNone {
		return f.dir, try(f.dir)
	}
	for _, dir := range []int{dirRight, dirLeft, dirDown, dirUp} {
		if try(dir) {
			// A pen that moved left on a row is right-to-left text only if
			// it is a right-to-left script; otherwise a new fragment.
			if dir == dirLeft && !isRTLLetter(g.r) && !isRTLLetter(f.gs[0].r) &&
				(b.x1 > p.x0+0.1*hs || p.x0-b.x1 > 0.3*hs) {
				// Leftwards Latin text is upside-down text, whose glyphs
				// touch; anything else is a new fragment.
				continue
			}
			return dir, true
		}
	}
	return dirNone, false
}

// pdfiumBreakInLine tells a line break PDFium made inside a line (it does so in
// text with odd glyph boxes) from a real one: the glyph after it goes on
// along the row, close by.
func pdfiumBreakInLine(f *lfrag, g lglyph) bool {
	if f.dir != dirRight {
		return false
	}
	p := f.gs[len(f.gs)-1].b
	b := g.b
	h := max(p.h(), b.h())
	return spanOverlap(p.y0, p.y1, b.y0, b.y1) >= 0.6*min(p.h(), b.h()) && b.x0 >= p.x1-0.1*h && b.x0-p.x1 <= 0.6*h
}

func centreWithin(a0, a1, b0, b1 float32) bool {
	c := (a0 + a1) / 2
	return c >= b0 && c <= b1
}

// buildBlocks groups fragments into blocks (union-find over pairs that are
// near each other; fragments are sorted by top so the scan stops early).
func buildBlocks(frags []*lfrag) []*lblock {
	n := len(frags)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byTop := make([]int, n)
	for i := range byTop {
		byTop[i] = i
	}
	sort.SliceStable(byTop, func(a, b int) bool { return frags[byTop[a]].b.y0 < frags[byTop[b]].b.y0 })
	for a := 0; a < n; a++ {
		fa := frags[byTop[a]]
		for c := a + 1; c < n; c++ {
			fb := frags[byTop[c]]
			if fb.b.y0 > fa.b.y1+2*max(fa.b.h(), 1) && fb.b.y0 > fa.b.y1+2*fa.size() {
				break
			}
			if fragsJoin(fa, fb, frags) {
				ra, rb := find(byTop[a]), find(byTop[c])
				if ra != rb {
					parent[max(ra, rb)] = min(ra, rb)
				}
			}
		}
	}
	groups := map[int]*lblock{}
	var blocks []*lblock
	for i, f := range frags {
		r := find(i)
		bl := groups[r]
		if bl == nil {
			bl = &lblock{b: f.b, first: f.first, vert: f.vertical()}
			groups[r] = bl
			blocks = append(blocks, bl)
		}
		bl.fs = append(bl.fs, f)
		bl.b = bl.b.union(f.b)
		bl.first = min(bl.first, f.first)
	}
	for _, bl := range blocks {
		bl.nrows = len(blockRows(bl))
	}
	return blocks
}

// fragsJoin tells whether two fragments (a no lower than b) belong to one
// block.
func fragsJoin(a, b *lfrag, all []*lfrag) bool {
	if a.vertical() || b.vertical() {
		if !(a.vertical() && b.vertical()) {
			return false
		}
		// Rotated text: lines side by side, much the same extent.
		gap := -spanOverlap(a.b.x0, a.b.x1, b.b.x0, b.b.x1)
		s := min(a.size(), b.size())
		return gap <= 0.6*s && spanOverlap(a.b.y0, a.b.y1, b.b.y0, b.b.y1) >= 0.7*max(a.b.h(), b.b.h())
	}
	ha, hb := a.b.h(), b.b.h()
	hmin, hmax := min(ha, hb), max(ha, hb)
	if hmin <= 0 || hmax > 2*hmin {
		return false
	}
	// On one row, a little apart: one line PDFium split, or pieces drawn
	// separately.
	if spanOverlap(a.b.y0, a.b.y1, b.b.y0, b.b.y1) >= 0.6*hmin {
		gap := -spanOverlap(a.b.x0, a.b.x1, b.b.x0, b.b.x1)
		if gap <= 0.6*hmax {
			return true
		}
		// A wide space of a justified line, not a gutter: the lines just
		// above and below run across it.
		if gap > 3*hmax {
			return false
		}
		l, r := min(a.b.x1, b.b.x1), max(a.b.x0, b.b.x0)
		y0, y1 := min(a.b.y0, b.b.y0), max(a.b.y1, b.b.y1)
		above, below := false, false
		for _, f := range all {
			if f == a || f == b || f.vertical() || f.b.x0 >= l || f.b.x1 <= r {
				continue
			}
			c := (f.b.y0 + f.b.y1) / 2
			above = above || (c < y0 && c > y0-2*hmax)
			below = below || (c > y1 && c < y1+2*hmax)
		}
		return above && below
	}
	// Stacked lines of one paragraph.
	if hmax > 1.4*hmin {
		return false
	}
	vgap := b.b.y0 - a.b.y1
	if vgap > 0.6*hmin || vgap < -0.6*hmin {
		return false
	}
	wa, wb := a.b.w(), b.b.w()
	ov := spanOverlap(a.b.x0, a.b.x1, b.b.x0, b.b.x1)
	if ov >= 0.7*max(wa, wb) {
		return true
	}
	// The short last line of a paragraph under a full one, aligned at the
	// start of the line (the right edge in a right-to-left script).
	edge := absF32(a.b.x0 - b.b.x0)
	if a.rtl && b.rtl {
		edge = absF32(a.b.x1 - b.b.x1)
	}
	return wb < wa && ov > 0 && edge <= 0.5*hmin
}

func absF32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
