package pdfview

import (
	"context"
	"image"
	"image/color"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// Source is a document as the page view reads it: its text (pages with
// their geometry; offsets are code points, pages joined by '\f'), the
// stored character boxes of a page, and a renderer of page images.
type Source struct {
	Text   *coding.Text
	Boxes  func(page int) ([]coding.Box, error)
	Render func(ctx context.Context, page int, dpi float64) (*image.RGBA, error)
}

// Highlight is a span of the document drawn over the pages: a coded
// fragment or a search hit.
type Highlight struct {
	ID         string
	Start, End int         // code-point offsets, end exclusive
	Colour     color.NRGBA // the fill is drawn translucent, the tag opaque
	Tag        string      // a short tag at its start ("C", "M res+"), so colour is not the only cue
	Outline    bool        // draw a border too (search hits)
}

// Layout constants of the view, in units.
const (
	pageMargin = 16
	pageGap    = 14
	minZoom    = 0.25
	maxZoom    = 5
	// pagesAhead and pagesBehind are how many pages beyond the visible ones
	// are kept rendered; the images of all other pages are dropped.
	pagesAhead  = 2
	pagesBehind = 1
)

// Colours of the view.
var (
	backdropColour = color.NRGBA{R: 0x5b, G: 0x60, B: 0x66, A: 0xff}
	pageColour     = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	pageEdgeColour = color.NRGBA{R: 0x30, G: 0x33, B: 0x36, A: 0xff}
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

// PageView shows a document's real pages in a continuous vertical scroll,
// rendered in the background at the screen's pixel size, with highlights
// drawn from the stored character boxes, and lets the reader select a
// passage by dragging across the text. Use it from the UI goroutine only.
type PageView struct {
	widget.BaseWidget

	// OnSelectionChanged is called when a drag ends, and when the
	// selection is set or cleared.
	OnSelectionChanged func(start, end int)
	// OnPageChanged reports the page at the top of the view.
	OnPageChanged func(page, pages int)
	// OnZoomChanged reports the zoom (1 = 72 units an inch).
	OnZoomChanged func(zoom float32)
	// OnHighlightTapped is called when a click falls on a highlight.
	OnHighlightTapped func(id string)
	// OnTypedKey, OnTypedRune and OnShortcut receive what the view does not
	// use itself while it has the keyboard focus.
	OnTypedKey  func(*fyne.KeyEvent)
	OnTypedRune func(rune)
	OnShortcut  func(fyne.Shortcut)
	// SelectCharacters makes a drag select exactly the characters it
	// crosses; by default a drag snaps to whole words, and holding Alt
	// gives character precision for one drag.
	SelectCharacters bool

	src      *Source
	gen      int
	zoom     float32
	fit      bool
	geoms    []Geometry
	tops     []float32
	contentW float32
	contentH float32
	boxes    map[int][]coding.Box

	highlights []Highlight
	search     []Highlight
	selStart   int
	selEnd     int
	anchor     int
	dragging   bool
	downAt     *fyne.Position
	altHeld    bool      // Alt is down: a drag selects characters
	clicks     int       // presses in a row at one spot (3: a triple click)
	lastPress  time.Time // when the last of them was
	pressAt    fyne.Position
	page       int
	flash      *flash

	scroll   *container.Scroll
	content  *pageContent
	backdrop *canvas.Rectangle
	slots    map[int]*pageSlot
	lastSize fyne.Size

	// The render worker's queue, guarded by mu.
	mu       sync.Mutex
	want     []renderReq
	inflight renderReq
	kick     chan struct{}
	closed   bool // Close was called: the worker is gone
	ctx      context.Context
	cancel   context.CancelFunc
	started  bool
	// Rendered counts pages delivered to the screen (for tests and
	// benchmarks); FirstPage is closed when the first one is.
	rendered  int
	firstPage chan struct{}
}

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

type flash struct {
	start, end int
	alpha      uint8
}

// NewPageView makes an empty page view; give it a document with
// SetSource.
func NewPageView() *PageView {
	v := &PageView{zoom: 1, fit: true, boxes: map[int][]coding.Box{}, slots: map[int]*pageSlot{},
		kick: make(chan struct{}, 1), firstPage: make(chan struct{})}
	v.content = &pageContent{v: v}
	v.content.ExtendBaseWidget(v.content)
	v.scroll = container.NewScroll(v.content)
	v.scroll.OnScrolled = func(fyne.Position) { v.update() }
	v.backdrop = canvas.NewRectangle(backdropColour)
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *PageView) CreateRenderer() fyne.WidgetRenderer {
	return &viewRenderer{v: v}
}

type viewRenderer struct{ v *PageView }

func (r *viewRenderer) Layout(size fyne.Size) {
	v := r.v
	v.backdrop.Resize(size)
	v.scroll.Resize(size)
	if size != v.lastSize {
		v.lastSize = size
		v.relayout(true)
	}
}
func (r *viewRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }
func (r *viewRenderer) Refresh() {
	r.v.backdrop.Refresh()
	r.v.content.Refresh()
}
func (r *viewRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.v.backdrop, r.v.scroll}
}
func (r *viewRenderer) Destroy() {}

// SetSource shows a document (nil shows none) from its first page.
func (v *PageView) SetSource(src *Source) {
	v.gen++
	v.mu.Lock()
	if v.cancel != nil {
		v.cancel()
	}
	v.ctx, v.cancel = context.WithCancel(context.Background())
	v.want = nil
	v.mu.Unlock()
	for _, s := range v.slots {
		s.img.Image = nil
	}
	v.src = src
	v.slots = map[int]*pageSlot{}
	v.boxes = map[int][]coding.Box{}
	v.highlights, v.search = nil, nil
	v.selStart, v.selEnd, v.flash = 0, 0, nil
	v.page = 0
	v.geoms = nil
	if src != nil && src.Text != nil {
		for _, p := range src.Text.Pages {
			v.geoms = append(v.geoms, PageGeometry(p, v.zoom))
		}
	}
	if src != nil && !v.started {
		v.started = true
		go v.worker()
	}
	v.scroll.ScrollToOffset(fyne.Position{})
	v.relayout(false)
}

// Close stops the view's render worker, for a view that is going away
// (another project opened). A closed view shows nothing.
func (v *PageView) Close() {
	v.SetSource(nil)
	v.mu.Lock()
	wasClosed := v.closed
	v.closed = true
	v.mu.Unlock()
	if !wasClosed && v.started {
		close(v.kick)
	}
}

// Source is the document shown, or nil.
func (v *PageView) Source() *Source { return v.src }

// Pages is the number of pages of the document shown.
func (v *PageView) Pages() int { return len(v.geoms) }

// Page is the page at the top of the view (1-based; 0 without a document).
func (v *PageView) Page() int { return v.page }

// Zoom is the current zoom: view units per PDF point.
func (v *PageView) Zoom() float32 { return v.zoom }

// SetHighlights replaces the highlights of coded fragments.
func (v *PageView) SetHighlights(h []Highlight) {
	v.highlights = h
	v.rebuild()
}

// SetSearchHits replaces the highlighted search hits.
func (v *PageView) SetSearchHits(h []Highlight) {
	v.search = h
	v.rebuild()
}

// Selection is the selected span [start, end); start == end when none.
func (v *PageView) Selection() (start, end int) { return v.selStart, v.selEnd }

// SetSelection selects [start, end) and tells OnSelectionChanged.
func (v *PageView) SetSelection(start, end int) {
	if start > end {
		start, end = end, start
	}
	v.selStart, v.selEnd = start, end
	v.rebuild()
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(start, end)
	}
}

// ClearSelection drops the selection.
func (v *PageView) ClearSelection() { v.SetSelection(0, 0) }

// ZoomIn, ZoomOut and FitWidth change the zoom, keeping the page at the
// top of the view where it is.
func (v *PageView) ZoomIn()  { v.SetZoom(v.zoom * 1.25) }
func (v *PageView) ZoomOut() { v.SetZoom(v.zoom / 1.25) }
func (v *PageView) FitWidth() {
	v.fit = true
	v.relayout(true)
}

// SetZoom sets the zoom (view units per PDF point) and leaves fit-width.
func (v *PageView) SetZoom(z float32) {
	v.fit = false
	v.setZoom(z, true)
}

func (v *PageView) setZoom(z float32, keep bool) {
	z = min(max(z, minZoom), maxZoom)
	if len(v.geoms) == 0 {
		v.zoom = z
		return
	}
	// Keep the point at the top of the view on the same spot of its page.
	page, frac := v.anchorPoint()
	v.zoom = z
	v.layoutPages()
	if keep && page > 0 {
		y := v.tops[page-1] + frac*v.pageHeight(page) - pageGap/2
		v.scroll.Refresh()
		v.scroll.ScrollToOffset(fyne.Position{X: v.scroll.Offset.X, Y: max(y, 0)})
	}
	if v.OnZoomChanged != nil {
		v.OnZoomChanged(v.zoom)
	}
	v.update()
	v.rebuild()
}

// anchorPoint is the page at the top of the viewport and how far down it
// the top is (0..1).
func (v *PageView) anchorPoint() (int, float32) {
	if len(v.tops) == 0 {
		return 0, 0
	}
	y := v.scroll.Offset.Y + pageGap/2
	n := v.pageAtY(y)
	h := v.pageHeight(n)
	if h <= 0 {
		return n, 0
	}
	return n, min(max((y-v.tops[n-1])/h, 0), 1)
}

// relayout recomputes the fit-width zoom (when on) and the page layout.
func (v *PageView) relayout(keep bool) {
	if v.fit && len(v.geoms) > 0 && v.Size().Width > 0 {
		var widest float32
		for _, g := range v.geoms {
			w, _ := g.PointSize()
			widest = max(widest, w)
		}
		avail := v.Size().Width - 2*pageMargin - 12 // room for the scroll bar
		v.setZoom(avail/widest, keep)
		return
	}
	v.setZoom(v.zoom, keep)
}

// layoutPages places the pages one under the other, centred.
func (v *PageView) layoutPages() {
	v.tops = v.tops[:0]
	var widest float32
	y := float32(pageMargin)
	for i := range v.geoms {
		v.geoms[i].Zoom = v.zoom
		w, h := v.geoms[i].Size()
		widest = max(widest, w)
		v.tops = append(v.tops, y)
		y += h + pageGap
	}
	v.contentW = max(widest+2*pageMargin, v.Size().Width)
	v.contentH = y - pageGap + pageMargin
	v.content.Resize(fyne.NewSize(max(v.contentW, v.scroll.Size().Width), max(v.contentH, v.scroll.Size().Height)))
}

// pageOrigin is the top left corner of page n in content coordinates.
func (v *PageView) pageOrigin(n int) fyne.Position {
	w, _ := v.geoms[n-1].Size()
	cw := max(v.contentW, v.scroll.Size().Width)
	return fyne.NewPos(float32(math.Floor(float64((cw-w)/2))), v.tops[n-1])
}

func (v *PageView) pageHeight(n int) float32 {
	_, h := v.geoms[n-1].Size()
	return h
}

// pageAtY is the page at content height y, or the nearest one.
func (v *PageView) pageAtY(y float32) int {
	i := sort.Search(len(v.tops), func(i int) bool { return v.tops[i] > y })
	if i == 0 {
		return 1
	}
	// Page i (1-based) starts at or above y; below its bottom half the gap
	// belongs to the next page.
	if i < len(v.tops) && y > v.tops[i-1]+v.pageHeight(i)+pageGap/2 {
		return i + 1
	}
	return i
}

// PageOrigin is where page n's top left corner is drawn, relative to the
// view's top left corner (for tests and hit tests).
func (v *PageView) PageOrigin(n int) fyne.Position {
	o := v.pageOrigin(n)
	return fyne.NewPos(o.X-v.scroll.Offset.X, o.Y-v.scroll.Offset.Y)
}

// GoToPage scrolls page n to the top of the view.
func (v *PageView) GoToPage(n int) {
	if len(v.tops) == 0 {
		return
	}
	n = min(max(n, 1), len(v.tops))
	v.scroll.ScrollToOffset(fyne.Position{X: v.scroll.Offset.X, Y: max(v.tops[n-1]-pageGap/2, 0)})
	v.update()
}

// NextPage and PreviousPage move by one page.
func (v *PageView) NextPage()     { v.GoToPage(v.page + 1) }
func (v *PageView) PreviousPage() { v.GoToPage(v.page - 1) }

// ShowOffset scrolls so that the character at offset off is in view, a
// third of the way down, unless it is in view already.
func (v *PageView) ShowOffset(off int) {
	if v.src == nil || len(v.tops) == 0 {
		return
	}
	n := v.src.Text.PageAt(off)
	y := v.tops[n-1]
	if boxes := v.pageBoxes(n); len(boxes) > 0 {
		i := min(max(off-v.src.Text.PageStart(n), 0), len(boxes)-1)
		y += v.geoms[n-1].Box(boxes[i]).Y
	}
	top, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if y >= top+20 && y <= top+h-40 {
		return
	}
	v.scroll.ScrollToOffset(fyne.Position{X: v.scroll.Offset.X, Y: max(y-h/3, 0)})
	v.update()
}

// Flash scrolls to the span [start, end) and makes it blink, so that the
// eye finds it.
func (v *PageView) Flash(start, end int) {
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

// pageBoxes returns page n's character boxes, read once.
func (v *PageView) pageBoxes(n int) []coding.Box {
	if b, ok := v.boxes[n]; ok {
		return b
	}
	var b []coding.Box
	if v.src != nil && v.src.Boxes != nil {
		b, _ = v.src.Boxes(n)
	}
	v.boxes[n] = b
	return b
}

// CaretAt is the document offset nearest to a point of the view (relative
// to the view's top left corner).
func (v *PageView) CaretAt(p fyne.Position) int {
	return v.caretAtContent(fyne.NewPos(p.X+v.scroll.Offset.X, p.Y+v.scroll.Offset.Y))
}

func (v *PageView) caretAtContent(p fyne.Position) int {
	if v.src == nil || len(v.tops) == 0 {
		return 0
	}
	n := v.pageAtY(p.Y)
	o := v.pageOrigin(n)
	boxes := v.pageBoxes(n)
	return v.src.Text.PageStart(n) + NearestCaret(v.geoms[n-1], boxes, p.X-o.X, p.Y-o.Y)
}

// visibleRange is the first and last page in the viewport.
func (v *PageView) visibleRange() (int, int) {
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
func (v *PageView) update() {
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
func (v *PageView) pageDPI(n int, dpi float64) float64 {
	w, h := v.geoms[n-1].PointSize()
	if side := float64(max(w, h)) * dpi / 72; side > maxTextureSide {
		return dpi * maxTextureSide / side
	}
	return dpi
}

func closeEnough(a, b float64) bool { return a > 0 && math.Abs(a-b) <= 0.02*b }

// deviceDPI is the resolution that fills the screen's pixels at the
// current zoom.
func (v *PageView) deviceDPI() float64 {
	scale := float32(1)
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(v); c != nil {
			scale = c.Scale()
		}
	}
	return float64(72 * v.zoom * scale)
}

func (v *PageView) newSlot(n int) *pageSlot {
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

// worker renders the pages asked for, nearest first, one at a time, and
// hands the images to the UI goroutine.
func (v *PageView) worker() {
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
			runOnUI(func() {
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
func (v *PageView) deliver(req renderReq, img *image.RGBA, err error) {
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
func (v *PageView) Rendered() int { return v.rendered }

// FirstPageShown is closed once the first page image reaches the view.
func (v *PageView) FirstPageShown() <-chan struct{} { return v.firstPage }

// rebuild lays out the live pages and their overlays.
func (v *PageView) rebuild() {
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
func (v *PageView) appendOverlays(objs []fyne.CanvasObject, n int) []fyne.CanvasObject {
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

func (v *PageView) pageBoxesOrNil(n int) []coding.Box { return v.pageBoxes(n) }

// textOn picks black or white text for a background colour.
func textOn(c color.NRGBA) color.Color {
	if int(c.R)*3+int(c.G)*6+int(c.B) > 1280 {
		return color.Black
	}
	return color.White
}

// pageContent is the scrolled canvas of pages: it takes the mouse (to
// select text) and the keys.
type pageContent struct {
	widget.BaseWidget
	v       *PageView
	objects []fyne.CanvasObject
	focused bool
}

func (c *pageContent) CreateRenderer() fyne.WidgetRenderer { return &contentRenderer{c: c} }

type contentRenderer struct{ c *pageContent }

func (r *contentRenderer) Layout(fyne.Size) {}
func (r *contentRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.c.v.contentW, r.c.v.contentH)
}
func (r *contentRenderer) Refresh()                     { canvas.Refresh(r.c) }
func (r *contentRenderer) Objects() []fyne.CanvasObject { return r.c.objects }
func (r *contentRenderer) Destroy()                     {}

// MouseDown starts a selection where the pointer is and takes the focus,
// so that the role keys reach the view. The third press of a triple click
// selects the sentence under the pointer.
func (c *pageContent) MouseDown(e *desktop.MouseEvent) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Focus(c)
	}
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	v := c.v
	p := e.Position
	v.downAt = &p
	v.altHeld = e.Modifier&fyne.KeyModifierAlt != 0
	v.countClick(p)
	if v.clicks == 3 {
		v.selectSentenceAt(p)
	}
}

// countClick counts the presses in a row: within the double-click delay
// of the last one and close to it.
func (v *PageView) countClick(p fyne.Position) {
	now := time.Now()
	near := math.Abs(float64(p.X-v.pressAt.X)) <= 4 && math.Abs(float64(p.Y-v.pressAt.Y)) <= 4
	if v.clicks > 0 && near && now.Sub(v.lastPress) <= fyne.CurrentApp().Driver().DoubleTapDelay() {
		v.clicks++
	} else {
		v.clicks = 1
	}
	v.lastPress, v.pressAt = now, p
}

// charAt is the document offset of the character under a point of the
// content, or -1 when there is none.
func (v *PageView) charAt(p fyne.Position) int {
	if v.src == nil || len(v.tops) == 0 {
		return -1
	}
	n := v.pageAtY(p.Y)
	o := v.pageOrigin(n)
	i := NearestChar(v.geoms[n-1], v.pageBoxes(n), p.X-o.X, p.Y-o.Y)
	if i < 0 {
		return -1
	}
	return v.src.Text.PageStart(n) + i
}

// selectSentenceAt selects the sentence (or the line) under a point.
func (v *PageView) selectSentenceAt(p fyne.Position) {
	if off := v.charAt(p); off >= 0 {
		v.SetSelection(v.src.Text.SentenceAt(off))
	}
}

// MouseUp implements desktop.Mouseable.
func (c *pageContent) MouseUp(*desktop.MouseEvent) { c.v.downAt = nil }

// Dragged extends the selection to the character nearest the pointer.
func (c *pageContent) Dragged(e *fyne.DragEvent) {
	v := c.v
	if !v.dragging {
		v.dragging = true
		start := fyne.NewPos(e.Position.X-e.Dragged.DX, e.Position.Y-e.Dragged.DY)
		if v.downAt != nil {
			start = *v.downAt
		}
		v.anchor = v.caretAtContent(start)
	}
	caret := v.caretAtContent(e.Position)
	v.selStart, v.selEnd = min(v.anchor, caret), max(v.anchor, caret)
	if !v.SelectCharacters && !v.altHeld && v.src != nil {
		v.selStart, v.selEnd = v.src.Text.SnapToWords(v.selStart, v.selEnd)
	}
	// Scroll when the pointer leaves the viewport above or below.
	top, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if y := e.Position.Y - top; y < 0 || y > h {
		dy := y
		if y > h {
			dy = y - h
		}
		v.scroll.ScrollToOffset(fyne.NewPos(v.scroll.Offset.X, min(max(top+dy/2, 0), max(v.contentH-h, 0))))
		v.update()
	}
	v.rebuild()
}

// DragEnd reports the selection.
func (c *pageContent) DragEnd() {
	v := c.v
	v.dragging = false
	v.downAt = nil
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(v.selStart, v.selEnd)
	}
}

// Tapped clears the selection, or reports the highlight clicked on. The
// tap that ends a triple click keeps the sentence it selected.
func (c *pageContent) Tapped(e *fyne.PointEvent) {
	v := c.v
	if v.clicks >= 3 {
		return
	}
	if v.selEnd > v.selStart {
		v.ClearSelection()
	}
	if v.OnHighlightTapped == nil {
		return
	}
	off := v.caretAtContent(e.Position)
	best, bestLen := "", math.MaxInt
	for _, h := range v.highlights {
		if off >= h.Start && off < h.End && h.End-h.Start < bestLen {
			best, bestLen = h.ID, h.End-h.Start
		}
	}
	if best != "" {
		v.OnHighlightTapped(best)
	}
}

// DoubleTapped selects the word under the pointer.
func (c *pageContent) DoubleTapped(e *fyne.PointEvent) {
	v := c.v
	if v.clicks >= 3 {
		return // a fourth click keeps the sentence
	}
	if off := v.charAt(e.Position); off >= 0 {
		v.SetSelection(v.src.Text.WordAt(off))
	}
}

// KeyDown and KeyUp follow Alt, which a drag may press after it began.
func (c *pageContent) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyAltLeft || e.Name == desktop.KeyAltRight {
		c.v.altHeld = true
	}
}
func (c *pageContent) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyAltLeft || e.Name == desktop.KeyAltRight {
		c.v.altHeld = false
	}
}

// FocusGained, FocusLost implement fyne.Focusable.
func (c *pageContent) FocusGained() { c.focused = true }
func (c *pageContent) FocusLost()   { c.focused = false }

// TypedRune hands runes on (role and valence keys are the app's).
func (c *pageContent) TypedRune(r rune) {
	if c.v.OnTypedRune != nil {
		c.v.OnTypedRune(r)
	}
}

// TypedKey moves through the document; other keys go to OnTypedKey.
func (c *pageContent) TypedKey(e *fyne.KeyEvent) {
	v := c.v
	step := float32(48)
	switch e.Name {
	case fyne.KeyPageDown:
		v.NextPage()
	case fyne.KeyPageUp:
		v.PreviousPage()
	case fyne.KeyHome:
		v.GoToPage(1)
	case fyne.KeyEnd:
		v.GoToPage(len(v.tops))
	case fyne.KeyDown:
		v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -step}})
	case fyne.KeyUp:
		v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: step}})
	case fyne.KeyEscape:
		v.ClearSelection()
	default:
		if v.OnTypedKey != nil {
			v.OnTypedKey(e)
		}
	}
}

// TypedShortcut copies the selection (Ctrl+C) and hands the rest on: a
// focused widget gets every shortcut, so the app's must pass through here.
func (c *pageContent) TypedShortcut(s fyne.Shortcut) {
	v := c.v
	if cp, ok := s.(*fyne.ShortcutCopy); ok && v.selEnd > v.selStart && v.src != nil {
		if cp.Clipboard != nil {
			cp.Clipboard.SetContent(v.src.Text.Slice(v.selStart, v.selEnd))
		}
		return
	}
	if v.OnShortcut != nil {
		v.OnShortcut(s)
	}
}

// Focus gives the view the keyboard focus.
func (v *PageView) Focus() {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(v.content); cv != nil {
		cv.Focus(v.content)
	}
}

// Content is the object that takes the mouse and keys (for tests).
func (v *PageView) Content() fyne.CanvasObject { return v.content }

var (
	_ fyne.Focusable      = (*pageContent)(nil)
	_ fyne.Shortcutable   = (*pageContent)(nil)
	_ fyne.Draggable      = (*pageContent)(nil)
	_ fyne.Tappable       = (*pageContent)(nil)
	_ fyne.DoubleTappable = (*pageContent)(nil)
	_ desktop.Mouseable   = (*pageContent)(nil)
	_ desktop.Keyable     = (*pageContent)(nil)
)

// PointOf is where the character at offset off is drawn, frac of the way
// across it and half way down, in the coordinates of Content (for tests
// and automation); false when the character has no box.
func (v *PageView) PointOf(off int, frac float32) (fyne.Position, bool) {
	if v.src == nil || len(v.tops) == 0 || off < 0 || off >= v.src.Text.Len() {
		return fyne.Position{}, false
	}
	n := v.src.Text.PageAt(off)
	boxes := v.pageBoxes(n)
	i := off - v.src.Text.PageStart(n)
	if i < 0 || i >= len(boxes) {
		return fyne.Position{}, false
	}
	r := v.geoms[n-1].Box(boxes[i])
	o := v.pageOrigin(n)
	return fyne.NewPos(o.X+r.X+frac*r.W, o.Y+r.Y+r.H/2), true
}
