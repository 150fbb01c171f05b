package pageview

import (
	"context"
	"image"
	"math"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// A page 200 x 100 points with its media box at (10, 20): a point near
// its bottom left corner lands where each /Rotate puts it when the page is
// turned upright.
func TestGeometryRotations(t *testing.T) {
	base := Geometry{X0: 10, Y0: 20, X1: 210, Y1: 120, Zoom: 2}
	for _, c := range []struct {
		rot    int
		w, h   float32
		px, py float32 // where PDF point (20, 30) lands
	}{
		{0, 400, 200, 20, 180},   // 10 pt right of the left edge, 10 pt above the bottom
		{90, 200, 400, 20, 20},   // turned clockwise: the bottom left comes to the top left
		{180, 400, 200, 380, 20}, // upside down: to the top right
		{270, 200, 400, 180, 380},
	} {
		g := base
		g.Rotation = c.rot
		if w, h := g.Size(); w != c.w || h != c.h {
			t.Errorf("rotation %d: size %gx%g, want %gx%g", c.rot, w, h, c.w, c.h)
		}
		if x, y := g.Point(20, 30); x != c.px || y != c.py {
			t.Errorf("rotation %d: (20,30) at (%g,%g), want (%g,%g)", c.rot, x, y, c.px, c.py)
		}
		r := g.Box(coding.Box{X0: 20, Y0: 30, X1: 30, Y1: 40})
		if r.W <= 0 || r.H <= 0 {
			t.Errorf("rotation %d: box %+v", c.rot, r)
		}
	}
}

// line makes boxes for text set on one line at baseline y, 6 pt a
// character starting at x, with a zero-area box for each space as PDFium
// gives generated characters.
func line(s string, x, y float32) []coding.Box {
	var out []coding.Box
	for _, r := range s {
		if r == ' ' {
			out = append(out, coding.Box{X0: x, Y0: y, X1: x, Y1: y})
		} else {
			out = append(out, coding.Box{X0: x, Y0: y, X1: x + 5, Y1: y + 10})
		}
		x += 6
	}
	return out
}

func TestNearestCaretAndRuns(t *testing.T) {
	g := Geometry{X0: 0, Y0: 0, X1: 200, Y1: 100, Zoom: 1}
	boxes := append(line("hello world", 10, 80), line("second line", 10, 60)...)
	// Shown y of the first line: 100-90 .. 100-80 = 10..20; second 30..40.
	for _, c := range []struct {
		x, y float32
		want int
	}{
		{11, 15, 0},   // first half of 'h'
		{14, 15, 1},   // second half of 'h'
		{500, 15, 11}, // far right of line 1: after its last character
		{0, 35, 11},   // left of line 2: before its first character
		{13, 37, 12},  // second half of 's'
		{75, 200, 22}, // below everything: the end of the last line
	} {
		if got := NearestCaret(g, boxes, c.x, c.y); got != c.want {
			t.Errorf("caret at (%g,%g) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	if got := NearestCaret(g, nil, 5, 5); got != 0 {
		t.Errorf("caret on an empty page = %d", got)
	}
	// A span over both lines draws one rectangle per line.
	runs := Runs(g, boxes, 6, 17)
	if len(runs) != 2 {
		t.Fatalf("runs %+v, want 2", runs)
	}
	if runs[0].Y != 10 || runs[1].Y != 30 || runs[0].X != 46 || runs[1].X != 10 {
		t.Errorf("runs %+v", runs)
	}
	// Two columns on the same baseline are two runs.
	cols := append(line("left", 10, 80), line("right", 150, 80)...)
	if runs := Runs(g, cols, 0, len(cols)); len(runs) != 2 {
		t.Errorf("two columns gave %d runs", len(runs))
	}
}

// On the rotated pages of the shared corpus (90, 180, 270 and 0 degrees),
// every glyph box mapped by Geometry onto the page rendered by PDFium at
// the same scale covers ink: highlights land on their text however the
// page is turned.
func TestGeometryBoxesCoverInkOnRotatedPages(t *testing.T) {
	data, pages := extractCorpus(t, "habibi-arabic-rotated-pages.pdf")
	eng := testEngine(t)
	const dpi = 144
	for _, p := range pages {
		img, err := eng.RenderPage(context.Background(), data, "", p.Number, dpi)
		if err != nil {
			t.Fatal(err)
		}
		g := PageGeometry(p, dpi/72.0)
		w, h := g.Size()
		if math.Abs(float64(w)-float64(img.Rect.Dx())) > 1.5 || math.Abs(float64(h)-float64(img.Rect.Dy())) > 1.5 {
			t.Errorf("page %d (rotation %d): geometry %gx%g, image %v", p.Number, p.Rotation, w, h, img.Rect)
		}
		glyphs, inked := 0, 0
		for i, b := range p.Boxes {
			if empty(b) || p.Text != "" && []rune(p.Text)[i] == ' ' {
				continue
			}
			glyphs++
			r := g.Box(b)
			if hasInk(img, r) {
				inked++
			}
		}
		if glyphs == 0 || inked < glyphs*9/10 {
			t.Errorf("page %d (rotation %d): %d of %d glyph boxes cover ink", p.Number, p.Rotation, inked, glyphs)
		}
	}
}

func hasInk(img *image.RGBA, r Rect) bool {
	for y := int(r.Y); y <= int(r.Y+r.H); y++ {
		for x := int(r.X); x <= int(r.X+r.W); x++ {
			if !(image.Point{x, y}.In(img.Rect)) {
				continue
			}
			c := img.RGBAAt(x, y)
			if int(c.R)+int(c.G)+int(c.B) < 3*160 {
				return true
			}
		}
	}
	return false
}
