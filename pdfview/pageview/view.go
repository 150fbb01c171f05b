package pageview

// The page view itself: the widget, its document, the layout of the pages
// one under the other, scrolling and zoom. Its render worker is in
// render.go, what it draws over the pages in overlays.go,
// and the mouse and keys in input.go.

import (
	"context"
	"image"
	"image/color"
	"math"
	"sort"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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

// View shows a document's real pages in a continuous vertical scroll,
// rendered in the background at the screen's pixel size, with highlights
// drawn from the stored character boxes, and lets the reader select a
// passage by dragging across the text. Use it from the UI goroutine only.
type View struct {
	widget.BaseWidget

	// RunOnUI hands the render worker's results to the UI goroutine;
	// nil is fyne.Do. Fyne's test driver runs fyne.Do at once on the
	// calling goroutine, so the tests of a package that embeds the view
	// set their own queue here, as this package's tests do with runOnUI.
	RunOnUI func(func())

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
	altUsed    bool      // the mouse used the Alt held down: its release must not open the menu
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

// New makes an empty page view; give it a document with
// SetSource.
func New() *View {
	v := &View{zoom: 1, fit: true, boxes: map[int][]coding.Box{}, slots: map[int]*pageSlot{},
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
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return &viewRenderer{v: v}
}

type viewRenderer struct{ v *View }

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
func (v *View) SetSource(src *Source) {
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
func (v *View) Close() {
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
func (v *View) Source() *Source { return v.src }

// Pages is the number of pages of the document shown.
func (v *View) Pages() int { return len(v.geoms) }

// Page is the page at the top of the view (1-based; 0 without a document).
func (v *View) Page() int { return v.page }

// Zoom is the current zoom: view units per PDF point.
func (v *View) Zoom() float32 { return v.zoom }

// SetHighlights replaces the highlights of coded fragments.
func (v *View) SetHighlights(h []Highlight) {
	v.highlights = h
	v.rebuild()
}

// SetSearchHits replaces the highlighted search hits.
func (v *View) SetSearchHits(h []Highlight) {
	v.search = h
	v.rebuild()
}

// Selection is the selected span [start, end); start == end when none.
func (v *View) Selection() (start, end int) { return v.selStart, v.selEnd }

// SetSelection selects [start, end) and tells OnSelectionChanged.
func (v *View) SetSelection(start, end int) {
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
func (v *View) ClearSelection() { v.SetSelection(0, 0) }

// ZoomIn, ZoomOut and FitWidth change the zoom, keeping the page at the
// top of the view where it is.
func (v *View) ZoomIn()  { v.SetZoom(v.zoom * 1.25) }
func (v *View) ZoomOut() { v.SetZoom(v.zoom / 1.25) }
func (v *View) FitWidth() {
	v.fit = true
	v.relayout(true)
}

// SetZoom sets the zoom (view units per PDF point) and leaves fit-width.
func (v *View) SetZoom(z float32) {
	v.fit = false
	v.setZoom(z, true)
}

func (v *View) setZoom(z float32, keep bool) {
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
func (v *View) anchorPoint() (int, float32) {
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
func (v *View) relayout(keep bool) {
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
func (v *View) layoutPages() {
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
func (v *View) pageOrigin(n int) fyne.Position {
	w, _ := v.geoms[n-1].Size()
	cw := max(v.contentW, v.scroll.Size().Width)
	return fyne.NewPos(float32(math.Floor(float64((cw-w)/2))), v.tops[n-1])
}

func (v *View) pageHeight(n int) float32 {
	_, h := v.geoms[n-1].Size()
	return h
}

// pageAtY is the page at content height y, or the nearest one.
func (v *View) pageAtY(y float32) int {
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
func (v *View) PageOrigin(n int) fyne.Position {
	o := v.pageOrigin(n)
	return fyne.NewPos(o.X-v.scroll.Offset.X, o.Y-v.scroll.Offset.Y)
}

// GoToPage scrolls page n to the top of the view.
func (v *View) GoToPage(n int) {
	if len(v.tops) == 0 {
		return
	}
	n = min(max(n, 1), len(v.tops))
	v.scroll.ScrollToOffset(fyne.Position{X: v.scroll.Offset.X, Y: max(v.tops[n-1]-pageGap/2, 0)})
	v.update()
}

// NextPage and PreviousPage move by one page.
func (v *View) NextPage()     { v.GoToPage(v.page + 1) }
func (v *View) PreviousPage() { v.GoToPage(v.page - 1) }

// ShowOffset scrolls so that the character at offset off is in view, a
// third of the way down, unless it is in view already.
func (v *View) ShowOffset(off int) {
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

// pageBoxes returns page n's character boxes, read once.
func (v *View) pageBoxes(n int) []coding.Box {
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

// pageContent is the scrolled canvas of pages: it takes the mouse (to
// select text) and the keys.
type pageContent struct {
	widget.BaseWidget
	v       *View
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
