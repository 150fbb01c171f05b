package pdfview

import (
	"slices"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// writeBlocks writes the blocks' glyphs with spaces and line breaks.
func writeBlocks(pt pageText, d dispFrame, blocks []*lblock) pageText {
	out := pageText{text: make([]rune, 0, len(pt.text)), boxes: make([]coding.Box, 0, len(pt.boxes))}
	var last dbox
	have := false
	sep := func(r rune) {
		if !have {
			return
		}
		n := len(out.text)
		if n > 0 && (out.text[n-1] == '\n' || (r == ' ' && out.text[n-1] == ' ')) {
			return
		}
		if n > 0 && r == '\n' && out.text[n-1] == ' ' {
			out.text[n-1] = '\n'
			out.boxes[n-1] = d.point(last.x1, last.y1)
			return
		}
		out.text = append(out.text, r)
		out.boxes = append(out.boxes, d.point(last.x1, last.y1))
	}
	for _, bl := range blocks {
		sep('\n')
		for ri, row := range blockRows(bl) {
			if ri > 0 {
				sep('\n')
			}
			for fi, f := range row {
				if fi > 0 {
					sep(' ')
				}
				for gi, g := range f.gs {
					if gi > 0 {
						p := f.gs[gi-1]
						switch {
						case g.space >= 0 && !zeroArea(pt.boxes[g.space]):
							// The PDF drew a space: keep it with its box.
							if n := len(out.text); n > 0 && out.text[n-1] != ' ' {
								out.text = append(out.text, ' ')
								out.boxes = append(out.boxes, pt.boxes[g.space])
							}
						case g.space >= 0 || wordGap(f, p.b, g.b):
							sep(' ')
						}
					}
					r := g.r
					if r == 0xAD { // soft hyphen
						if fi < len(row)-1 || gi < len(f.gs)-1 {
							continue
						}
						r = '-'
					}
					out.text = append(out.text, r)
					out.boxes = append(out.boxes, g.ub)
					last, have = g.b, true
				}
			}
		}
	}
	// No trailing white space.
	for n := len(out.text); n > 0 && unicode.IsSpace(out.text[n-1]); n-- {
		out.text, out.boxes = out.text[:n-1], out.boxes[:n-1]
	}
	out.recount()
	return out
}

// wordGap tells whether two glyphs of a fragment are far enough apart to
// be two words though PDFium put no space between them.
func wordGap(f *lfrag, p, g dbox) bool {
	s := f.size()
	switch f.dir {
	case dirRight:
		return g.x0-p.x1 > 0.2*s
	case dirLeft:
		return p.x0-g.x1 > 0.2*s
	case dirDown:
		return g.y0-p.y1 > 0.2*s
	case dirUp:
		return p.y0-g.y1 > 0.2*s
	}
	return false
}

// blockRows splits a block into rows of fragments in reading order.
func blockRows(bl *lblock) [][]*lfrag {
	if bl.rows != nil {
		return bl.rows
	}
	fs := slices.Clone(bl.fs)
	if bl.vert {
		// Rotated text: each fragment a row, in stream order.
		slices.SortStableFunc(fs, func(a, b *lfrag) int { return a.first - b.first })
		out := make([][]*lfrag, len(fs))
		for i, f := range fs {
			out[i] = []*lfrag{f}
		}
		return out
	}
	slices.SortStableFunc(fs, func(a, b *lfrag) int { return cmpF32(a.b.y0, b.b.y0) })
	var out [][]*lfrag
	var cur []*lfrag
	var band dbox
	for _, f := range fs {
		if len(cur) > 0 && spanOverlap(band.y0, band.y1, f.b.y0, f.b.y1) >= 0.5*min(band.h(), f.b.h()) {
			cur = append(cur, f)
			band = band.union(f.b)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur, band = []*lfrag{f}, f.b
	}
	out = append(out, cur)
	for _, row := range out {
		rtl := 0
		for _, f := range row {
			if f.rtl {
				rtl++
			}
		}
		if rtl*2 > len(row) {
			slices.SortStableFunc(row, func(a, b *lfrag) int { return cmpF32(b.b.x1, a.b.x1) })
		} else {
			slices.SortStableFunc(row, func(a, b *lfrag) int { return cmpF32(a.b.x0, b.b.x0) })
		}
	}
	return out
}
