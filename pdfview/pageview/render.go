package pageview

// The page view's render worker: which pages near the viewport keep an
// image, the queue of renders asked for, the goroutine that draws them with
// PDFium, and their delivery to the UI goroutine.

import (
	"image"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// pageSlot is a page near the viewport: its frame and image.
type pageSlot struct {
	n      int
	frame  *canvas.Rectangle
	img    *canvas.Image
	note   *canvas.Text
	dpi    float64 // of the image shown; 0 when none
	want   float64 // of the render asked for
	failed bool    // the render at want failed: not asked again
}

type renderReq struct {
	gen  int
	page int
	dpi  float64
	src  *Source
}

// visibleRange is the first and last page in the viewport.
func (v *View) visibleRange() (int, int) {
	top := v.scroll.Offset.Y
	bottom := top + max(v.scroll.Size().Height, 1)
	first := v.pageAtY(top)
	last := first
	for last < len(v.tops) && v.tops[last] < bottom {
		last++
	}
	return first, last
}

// update keeps images for the pages near the viewport only, asks for the
// renders missing, and reports the page at the top.
func (v *View) update() {
	if len(v.tops) == 0 {
		return
	}
	first, last := v.visibleRange()
	lo, hi := max(first-pagesBehind, 1), min(last+pagesAhead, len(v.tops))
	changed := false
	for n, s := range v.slots {
		if n < lo || n > hi {
			s.img.Image = nil // the texture goes with the object
			delete(v.slots, n)
			delete(v.boxes, n) // read again when the page comes back
			changed = true
		}
	}
	dpi := v.deviceDPI()
	var want []renderReq
	add := func(n int) {
		s := v.slots[n]
		if s == nil {
			s = v.newSlot(n)
			v.slots[n] = s
			changed = true
		}
		d := v.pageDPI(n, dpi)
		if !closeEnough(s.dpi, d) && !(s.failed && closeEnough(s.want, d)) {
			want = append(want, renderReq{gen: v.gen, page: n, dpi: d, src: v.src})
		}
	}
	for n := first; n <= last; n++ {
		add(n)
	}
	for n := last + 1; n <= hi; n++ {
		add(n)
	}
	for n := first - 1; n >= lo; n-- {
		add(n)
	}
	for _, r := range want {
		v.slots[r.page].want, v.slots[r.page].failed = r.dpi, false
	}
	v.mu.Lock()
	// The page being drawn now is not asked for twice.
	want = slices.DeleteFunc(want, func(r renderReq) bool {
		return r.gen == v.inflight.gen && r.page == v.inflight.page && closeEnough(v.inflight.dpi, r.dpi)
	})
	v.want = want
	closed := v.closed
	v.mu.Unlock()
	if len(want) > 0 && !closed {
		select {
		case v.kick <- struct{}{}:
		default:
		}
	}
	if page := v.pageAtY(v.scroll.Offset.Y + v.scroll.Size().Height/3); page != v.page {
		v.page = page
		if v.OnPageChanged != nil {
			v.OnPageChanged(page, len(v.tops))
		}
	}
	if changed {
		v.rebuild()
	}
}

// maxTextureSide is the largest image side drawn (the GL texture limit
// under Xvfb's llvmpipe is 16384): a page zoomed beyond it is drawn from a
// smaller image, scaled up.
const maxTextureSide = 16000

// pageDPI is dpi, lowered when page n's image would exceed maxTextureSide.
func (v *View) pageDPI(n int, dpi float64) float64 {
	w, h := v.geoms[n-1].PointSize()
	if side := float64(max(w, h)) * dpi / 72; side > maxTextureSide {
		return dpi * maxTextureSide / side
	}
	return dpi
}

func closeEnough(a, b float64) bool { return a > 0 && math.Abs(a-b) <= 0.02*b }

// deviceDPI is the resolution that fills the screen's pixels at the
// current zoom.
func (v *View) deviceDPI() float64 {
	scale := float32(1)
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(v); c != nil {
			scale = c.Scale()
		}
	}
	return float64(72 * v.zoom * scale)
}

func (v *View) newSlot(n int) *pageSlot {
	frame := canvas.NewRectangle(pageColour)
	frame.StrokeColor = pageEdgeColour
	frame.StrokeWidth = 1
	img := canvas.NewImageFromImage(nil)
	img.ScaleMode = canvas.ImageScaleFastest
	img.FillMode = canvas.ImageFillStretch
	return &pageSlot{n: n, frame: frame, img: img}
}

// runOnUI hands work to the UI goroutine. Fyne's test driver runs
// fyne.Do at once on the calling goroutine, so the tests replace it with
// a queue they drain on theirs.
var runOnUI = fyne.Do

// onUI hands f to the UI goroutine (RunOnUI, else runOnUI).
func (v *View) onUI(f func()) {
	if v.RunOnUI != nil {
		v.RunOnUI(f)
		return
	}
	runOnUI(f)
}

// worker renders the pages asked for, nearest first, one at a time, and
// hands the images to the UI goroutine.
func (v *View) worker() {
	for range v.kick {
		for {
			v.mu.Lock()
			if len(v.want) == 0 {
				v.mu.Unlock()
				break
			}
			req := v.want[0]
			v.want = v.want[1:]
			v.inflight = req
			ctx := v.ctx
			v.mu.Unlock()
			if req.src == nil || req.src.Render == nil {
				continue
			}
			img, err := req.src.Render(ctx, req.page, req.dpi)
			v.onUI(func() {
				v.mu.Lock()
				if v.inflight == req {
					v.inflight = renderReq{}
				}
				v.mu.Unlock()
				v.deliver(req, img, err)
			})
		}
	}
}

// deliver shows a rendered page, unless it is no longer wanted.
func (v *View) deliver(req renderReq, img *image.RGBA, err error) {
	if req.gen != v.gen {
		return
	}
	s := v.slots[req.page]
	if s == nil {
		return
	}
	if err != nil {
		s.want, s.failed = req.dpi, true
		if v.ctx.Err() == nil {
			s.note = canvas.NewText("This page could not be drawn: "+err.Error(), color.NRGBA{R: 0xb0, A: 0xff})
			s.note.TextSize = 11
			v.rebuild()
		}
		return
	}
	s.img.Image = img
	s.dpi = req.dpi
	s.img.Refresh()
	v.rendered++
	if v.rendered == 1 {
		close(v.firstPage)
	}
}

// Rendered is how many page images have reached the view.
func (v *View) Rendered() int { return v.rendered }

// FirstPageShown is closed once the first page image reaches the view.
func (v *View) FirstPageShown() <-chan struct{} { return v.firstPage }
