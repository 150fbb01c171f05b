package pageview

// What the page view draws over the page images: coded fragments'
// highlights with their margin stripes and tags, search hits, the
// selection and the flash that shows where a jump landed.

import (
	"image/color"
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"cmocoder.org/cmocoder/coding"
)

// SelectionColour fills the selected text: a violet that no role's
// highlight (sky blue, orange, reddish purple, bluish green, all of
// Okabe & Ito's palette) nor a search hit (yellow) comes near, for normal
// and colour-blind sight alike, so that a selection inside a Context
// highlight is still seen as a selection.
var SelectionColour = color.NRGBA{R: 0xdd, G: 0x00, B: 0xff, A: 0x70}

// HighlightFill is how a highlight of colour c fills its text:
// translucent, so the text stays readable (its underline and margin
// stripe are opaque).
func HighlightFill(c color.NRGBA) color.NRGBA {
	c.A = 0x48
	return c
}

type flash struct {
	start, end int
	alpha      uint8
}

// Flash scrolls to the span [start, end) and makes it blink, so that the
// eye finds it.
func (v *View) Flash(start, end int) {
	v.ShowOffset(start)
	f := &flash{start: start, end: end, alpha: 0xff}
	v.flash = f
	v.rebuild()
	anim := fyne.NewAnimation(1200*time.Millisecond, func(p float32) {
		if v.flash != f {
			return
		}
		// Three pulses, fading out.
		a := (1 - p) * float32(math.Abs(math.Cos(float64(p)*3*math.Pi)))
		f.alpha = uint8(255 * a)
		if p >= 1 {
			v.flash = nil
		}
		v.rebuild()
	})
	anim.Curve = fyne.AnimationLinear
	anim.Start()
}

// rebuild lays out the live pages and their overlays.
func (v *View) rebuild() {
	c := v.content
	c.objects = c.objects[:0]
	if v.src == nil || len(v.tops) == 0 {
		c.Refresh()
		return
	}
	pages := make([]int, 0, len(v.slots))
	for n := range v.slots {
		pages = append(pages, n)
	}
	sort.Ints(pages)
	for _, n := range pages {
		s := v.slots[n]
		o := v.pageOrigin(n)
		w, h := v.geoms[n-1].Size()
		s.frame.Move(fyne.NewPos(o.X-1, o.Y-1))
		s.frame.Resize(fyne.NewSize(w+2, h+2))
		s.img.Move(o)
		s.img.Resize(fyne.NewSize(w, h))
		c.objects = append(c.objects, s.frame, s.img)
		if s.note != nil {
			s.note.Move(fyne.NewPos(o.X+12, o.Y+12))
			c.objects = append(c.objects, s.note)
		}
	}
	for _, n := range pages {
		c.objects = v.appendOverlays(c.objects, n)
	}
	c.Refresh()
}

// appendOverlays adds page n's highlights, search hits, selection and
// flash as rectangles over its image.
func (v *View) appendOverlays(objs []fyne.CanvasObject, n int) []fyne.CanvasObject {
	text := v.src.Text
	pstart := text.PageStart(n)
	pend := pstart + len(v.pageBoxesOrNil(n))
	if pend == pstart {
		return objs
	}
	g := v.geoms[n-1]
	o := v.pageOrigin(n)
	boxes := v.pageBoxes(n)
	rects := func(start, end int) []Rect {
		if end <= pstart || start >= pend {
			return nil
		}
		return Runs(g, boxes, start-pstart, end-pstart)
	}
	var objsTags []fyne.CanvasObject // drawn last, over everything
	// Each highlight gets a stripe in the page's left margin beside its
	// lines (overlapping ones side by side, in lanes) and a tag with its
	// role letters where it starts: colour is never the only cue.
	type mark struct {
		colour      color.NRGBA
		tag         string
		top, bottom float32
		tagY        float32
		lane        int
	}
	var marks []mark
	var lanes []float32 // the bottom of the last stripe in each lane
	for _, h := range v.highlights {
		rs := rects(h.Start, h.End)
		if len(rs) == 0 {
			continue
		}
		fill := HighlightFill(h.Colour)
		line := h.Colour
		line.A = 0xff
		top, bottom := rs[0].Y, rs[0].Y+rs[0].H
		for _, r := range rs {
			rect := canvas.NewRectangle(fill)
			rect.Move(fyne.NewPos(o.X+r.X, o.Y+r.Y))
			rect.Resize(fyne.NewSize(r.W, r.H))
			under := canvas.NewRectangle(line) // an underline in the role's colour
			under.Move(fyne.NewPos(o.X+r.X, o.Y+r.Y+r.H))
			under.Resize(fyne.NewSize(r.W, max(1, v.zoom*0.9)))
			objs = append(objs, rect, under)
			top, bottom = min(top, r.Y), max(bottom, r.Y+r.H)
		}
		lane := 0
		for lane < len(lanes) && lanes[lane] > top {
			lane++
		}
		if lane == len(lanes) {
			lanes = append(lanes, 0)
		}
		lanes[lane] = bottom + 2
		m := mark{colour: line, top: top, bottom: bottom, tagY: rs[0].Y, lane: lane}
		if h.Start >= pstart {
			m.tag = h.Tag
		}
		marks = append(marks, m)
	}
	if len(marks) > 0 {
		const laneW = 5
		size := min(max(8*v.zoom, 9), 12)
		style := fyne.TextStyle{Bold: true}
		tagX := o.X + 3 + float32(len(lanes))*laneW
		sort.SliceStable(marks, func(i, j int) bool { return marks[i].tagY < marks[j].tagY })
		var tags []fyne.CanvasObject
		nextFree := float32(-1e9)
		for _, m := range marks {
			stripe := canvas.NewRectangle(m.colour)
			stripe.Move(fyne.NewPos(o.X+3+float32(m.lane)*laneW, o.Y+m.top))
			stripe.Resize(fyne.NewSize(3, max(m.bottom-m.top, 4)))
			objs = append(objs, stripe)
			if m.tag == "" {
				continue
			}
			ts := fyne.MeasureText(m.tag, size, style)
			y := max(o.Y+m.tagY, nextFree)
			nextFree = y + ts.Height + 1
			bg := canvas.NewRectangle(m.colour)
			bg.CornerRadius = 2
			bg.Move(fyne.NewPos(tagX, y))
			bg.Resize(fyne.NewSize(ts.Width+4, ts.Height))
			t := canvas.NewText(m.tag, textOn(m.colour))
			t.TextSize = size
			t.TextStyle = style
			t.Move(fyne.NewPos(tagX+2, y))
			tags = append(tags, bg, t)
		}
		objsTags = tags
	}
	for _, h := range v.search {
		for _, r := range rects(h.Start, h.End) {
			rect := canvas.NewRectangle(h.Colour)
			rect.StrokeColor = color.NRGBA{R: 0xc0, G: 0x80, A: 0xff}
			rect.StrokeWidth = 1
			rect.Move(fyne.NewPos(o.X+r.X-1, o.Y+r.Y-1))
			rect.Resize(fyne.NewSize(r.W+2, r.H+2))
			objs = append(objs, rect)
		}
	}
	if v.selEnd > v.selStart {
		for _, r := range rects(v.selStart, v.selEnd) {
			rect := canvas.NewRectangle(SelectionColour)
			rect.Move(fyne.NewPos(o.X+r.X, o.Y+r.Y))
			rect.Resize(fyne.NewSize(r.W, r.H))
			objs = append(objs, rect)
		}
	}
	if f := v.flash; f != nil {
		for _, r := range rects(f.start, f.end) {
			rect := canvas.NewRectangle(color.Transparent)
			rect.StrokeColor = color.NRGBA{R: 0xd0, G: 0x10, B: 0x10, A: f.alpha}
			rect.StrokeWidth = 2
			rect.Move(fyne.NewPos(o.X+r.X-3, o.Y+r.Y-3))
			rect.Resize(fyne.NewSize(r.W+6, r.H+6))
			objs = append(objs, rect)
		}
	}
	return append(objs, objsTags...)
}

func (v *View) pageBoxesOrNil(n int) []coding.Box { return v.pageBoxes(n) }

// textOn picks black or white text for a background colour.
func textOn(c color.NRGBA) color.Color {
	if int(c.R)*3+int(c.G)*6+int(c.B) > 1280 {
		return color.Black
	}
	return color.White
}
