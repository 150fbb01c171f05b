package textdoc

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/math/fixed"
)

// Ink is the colour text is drawn in: near black, as print is.
var Ink = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}

// Render draws a page at scale pixels per point: white paper, each glyph
// at its box with the metrics Lay measured it with, list markers before
// their items. A character the fonts lack is drawn as an outlined box.
func Render(p *Page, scale float64) *image.RGBA {
	if scale <= 0 || math.IsNaN(scale) {
		scale = 1
	}
	w, h := int(math.Ceil(PageWidth*scale)), int(math.Ceil(PageHeight*scale))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	ink := image.NewUniform(Ink)

	var faces [nStyles]*metrics
	face := func(s style) *metrics {
		if faces[s] == nil {
			faces[s] = newMetrics(s, scale)
		}
		return faces[s]
	}
	for _, mk := range p.marks {
		m := face(body)
		x := mk.x * scale
		for _, r := range mk.text {
			x += drawGlyph(img, ink, m, r, x, mk.baseline*scale)
		}
	}
	ri := 0
	i := 0
	for _, r := range p.Text {
		for ri+1 < len(p.runs) && p.runs[ri+1].start <= i {
			ri++
		}
		b := p.Boxes[i]
		i++
		if r == ' ' || r == '\t' || r == '\n' || b.X1 <= b.X0 || len(p.runs) == 0 {
			continue
		}
		m := face(p.runs[ri].style)
		// The box's bottom is the baseline less the descent (at scale 1).
		baseline := (PageHeight-float64(b.Y0))*scale - m.descent
		drawGlyph(img, ink, m, r, float64(b.X0)*scale, baseline)
	}
	return img
}

// drawGlyph draws r with its origin at (x, baseline) in pixels and returns
// its advance.
func drawGlyph(dst *image.RGBA, ink image.Image, m *metrics, r rune, x, baseline float64) float64 {
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(baseline * 64))}
	dr, mask, maskp, adv, ok := m.face.Glyph(dot, r)
	if ok && !dr.Empty() {
		draw.DrawMask(dst, dr, ink, image.Point{}, mask, maskp, draw.Over)
		return fix(adv)
	}
	if ok {
		return fix(adv)
	}
	// No glyph: an outlined box the width Lay gave it.
	a := m.advance(r)
	x0, x1 := int(x+a*0.1), int(x+a*0.9)
	y0, y1 := int(baseline-m.ascent*0.7), int(baseline)
	for xx := x0; xx <= x1; xx++ {
		dst.Set(xx, y0, Ink)
		dst.Set(xx, y1, Ink)
	}
	for yy := y0; yy <= y1; yy++ {
		dst.Set(x0, yy, Ink)
		dst.Set(x1, yy, Ink)
	}
	return a
}
