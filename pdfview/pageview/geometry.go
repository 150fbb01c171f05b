package pageview

import (
	"math"

	"cmocoder.org/cmocoder/coding"
)

// This file maps stored character boxes (PDF points, the page's own
// unrotated user space) onto a page as it is shown (rotated upright,
// origin top left, y down), and back for hit testing. It is plain Go so
// that the page widget's geometry is tested without a window.

// Rect is a rectangle on a shown page, in units of the view (points times
// the zoom), origin at the page's top left corner.
type Rect struct {
	X, Y, W, H float32
}

// Contains reports whether (x, y) lies inside r.
func (r Rect) Contains(x, y float32) bool {
	return x >= r.X && x <= r.X+r.W && y >= r.Y && y <= r.Y+r.H
}

// Geometry maps one page's PDF space onto the page as shown at a zoom
// (view units per PDF point), rotated as its /Rotate says.
type Geometry struct {
	X0, Y0, X1, Y1 float32 // media box
	Rotation       int     // degrees: 0, 90, 180, 270
	Zoom           float32
}

// PageGeometry is the geometry of p at zoom.
func PageGeometry(p coding.Page, zoom float32) Geometry {
	return Geometry{X0: p.X0, Y0: p.Y0, X1: p.X1, Y1: p.Y1, Rotation: p.Rotation, Zoom: zoom}
}

func (g Geometry) quarter() int { return ((g.Rotation/90)%4 + 4) % 4 }

// PointSize is the page's size in PDF points as shown (rotated).
func (g Geometry) PointSize() (w, h float32) {
	w, h = g.X1-g.X0, g.Y1-g.Y0
	if w <= 0 || h <= 0 {
		w, h = 612, 792 // a page without a box: US Letter
	}
	if g.quarter()%2 == 1 {
		w, h = h, w
	}
	return w, h
}

// Size is the page's size in view units.
func (g Geometry) Size() (w, h float32) {
	w, h = g.PointSize()
	return w * g.Zoom, h * g.Zoom
}

// Point maps a point of PDF space onto the shown page (STACK.md: the
// formula per rotation, with sx = sy = zoom).
func (g Geometry) Point(x, y float32) (float32, float32) {
	z := g.Zoom
	switch g.quarter() {
	case 1:
		return (y - g.Y0) * z, (x - g.X0) * z
	case 2:
		return (g.X1 - x) * z, (y - g.Y0) * z
	case 3:
		return (g.Y1 - y) * z, (g.X1 - x) * z
	}
	return (x - g.X0) * z, (g.Y1 - y) * z
}

// Box maps a character box onto the shown page.
func (g Geometry) Box(b coding.Box) Rect {
	ax, ay := g.Point(b.X0, b.Y0)
	bx, by := g.Point(b.X1, b.Y1)
	x0, x1 := min(ax, bx), max(ax, bx)
	y0, y1 := min(ay, by), max(ay, by)
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

func empty(b coding.Box) bool { return b.X1-b.X0 <= 0 || b.Y1-b.Y0 <= 0 }

// NearestCaret returns the caret position (0..len(boxes)) nearest to the
// point (x, y) of the shown page: before the nearest character when the
// point is on its first half, after it otherwise. Characters on the
// point's line are preferred to those above or below, and characters with
// ink to the zero-area boxes of generated spaces and line breaks. A page
// without boxes answers 0.
func NearestCaret(g Geometry, boxes []coding.Box, x, y float32) int {
	lo, hi := nearest(g, boxes, x, y)
	if lo < 0 {
		return 0
	}
	r := g.Box(boxes[lo])
	if x < r.X+r.W/2 {
		return lo
	}
	return hi + 1
}

// NearestChar is the index of the character nearest to (x, y), or -1 on a
// page without boxes.
func NearestChar(g Geometry, boxes []coding.Box, x, y float32) int {
	lo, _ := nearest(g, boxes, x, y)
	return lo
}

// nearest finds the run of characters [lo, hi] nearest to the point
// (several when their boxes coincide, as a ligature's do); -1 when none.
func nearest(g Geometry, boxes []coding.Box, x, y float32) (int, int) {
	best := float32(math.MaxFloat32)
	lo, hi := -1, -1
	for i, b := range boxes {
		r := g.Box(b)
		dx := max(r.X-x, 0, x-(r.X+r.W))
		dy := max(r.Y-y, 0, y-(r.Y+r.H))
		d := dx*dx + 9*dy*dy
		if empty(b) {
			d += 4 // a generated character: only when nothing else is near
		}
		switch {
		case d < best-1e-3:
			best, lo, hi = d, i, i
		case d <= best+1e-3 && i == hi+1:
			hi = i // several boxes under the point (a ligature): a run
		}
	}
	return lo, hi
}

// Runs returns the rectangles covering the characters [from, to) of a
// page, one per run of characters on one line, in the shown page's units.
// Zero-area boxes (generated spaces and line breaks) draw nothing.
func Runs(g Geometry, boxes []coding.Box, from, to int) []Rect {
	from, to = max(from, 0), min(to, len(boxes))
	var out []Rect
	var cur Rect
	have := false
	for i := from; i < to; i++ {
		if empty(boxes[i]) {
			continue
		}
		r := g.Box(boxes[i])
		if have && sameLine(cur, r) {
			x0, y0 := min(cur.X, r.X), min(cur.Y, r.Y)
			x1, y1 := max(cur.X+cur.W, r.X+r.W), max(cur.Y+cur.H, r.Y+r.H)
			cur = Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
			continue
		}
		if have {
			out = append(out, cur)
		}
		cur, have = r, true
	}
	if have {
		out = append(out, cur)
	}
	return out
}

// sameLine tells whether r continues the run cur: it overlaps it
// vertically by half the smaller height, starts no further back than a
// character's width and not across a column gap.
func sameLine(cur, r Rect) bool {
	h := min(cur.H, r.H)
	overlap := min(cur.Y+cur.H, r.Y+r.H) - max(cur.Y, r.Y)
	if overlap < h/2 {
		return false
	}
	lineH := max(cur.H, r.H)
	return r.X >= cur.X+cur.W-lineH && r.X-(cur.X+cur.W) < 2.5*lineH
}
