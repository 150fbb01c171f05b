package pageview

import (
	"context"
	"image"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testtext"
	"cmocoder.org/cmocoder/internal/uiqueue"
)

// uiQueue holds what the render worker hands to the UI goroutine; the
// tests run it (pump) so that nothing races.
var uiQueue = uiqueue.New()

func init() { runOnUI = uiQueue.Post }

// pump runs what the worker handed over so far.
func pump() { uiQueue.Pump() }

var (
	articleOnce  sync.Once
	articlePages []coding.Page
	articleData  []byte
)

// article is the demo article extracted once: its pages with their boxes.
func article(t *testing.T) ([]coding.Page, []byte) {
	t.Helper()
	data := readCorpus(t, "bmc-hsr-2014-agyeman-duah.pdf")
	articleOnce.Do(func() {
		ex, err := testEngine(t).Extract(context.Background(), data, "")
		if err != nil {
			t.Fatal(err)
		}
		articlePages, articleData = ex.Pages, data
	})
	if articlePages == nil {
		t.Fatal("the article could not be read")
	}
	return articlePages, articleData
}

// articleSource shows the article; with render the pages are drawn by
// PDFium, without it only their frames.
func articleSource(t *testing.T, render bool) *Source {
	pages, data := article(t)
	src := &Source{
		Text:  coding.NewText(pages),
		Boxes: func(n int) ([]coding.Box, error) { return pages[n-1].Boxes, nil },
	}
	if render {
		eng := testEngine(t)
		src.Render = func(ctx context.Context, n int, dpi float64) (*image.RGBA, error) {
			return eng.RenderPage(ctx, data, "", n, dpi)
		}
	}
	return src
}

// find returns the offsets (within the page) of s in page text, white
// space between its words matching any white space.
func find(t *testing.T, text, s string) (int, int) {
	t.Helper()
	i, j, ok := testtext.FindWords(text, s)
	if !ok {
		t.Fatalf("%q not found", s)
	}
	return i, j
}

// charPoint is where to point at a character of a page in the content's
// coordinates: frac of the way across it, half way down.
func charPoint(v *View, page, i int, frac float32) fyne.Position {
	g := v.geoms[page-1]
	r := g.Box(v.pageBoxes(page)[i])
	o := v.pageOrigin(page)
	return fyne.NewPos(o.X+r.X+frac*r.W, o.Y+r.Y+r.H/2)
}

// drag sends what a mouse drag from a to b sends, as the GLFW driver does.
func drag(v *View, a, b fyne.Position) { dragWith(v, a, b, 0) }

// dragWith is drag with modifier keys held.
func dragWith(v *View, a, b fyne.Position, mod fyne.KeyModifier) {
	c := v.content
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	mid := fyne.NewPos((a.X+b.X)/2, (a.Y+b.Y)/2)
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-a.X, mid.Y-a.Y)})
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: b}, Dragged: fyne.NewDelta(b.X-mid.X, b.Y-mid.Y)})
	c.DragEnd()
	c.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: b}, Button: desktop.MouseButtonPrimary})
}

func newTestView(t *testing.T, src *Source, size fyne.Size) *View {
	test.NewTempApp(t)
	v := New()
	w := test.NewWindow(v)
	t.Cleanup(w.Close)
	w.Resize(size)
	v.SetSource(src)
	return v
}

// Dragging across a sentence that runs over a line break selects exactly
// its characters, draws the selection over its two lines, and gives the
// view the focus, so that the keys reach it.
func TestPageViewDragSelectsSentence(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	var got [2]int
	calls := 0
	v.OnSelectionChanged = func(s, e int) { got = [2]int{s, e}; calls++ }
	page := src.Text.Pages[0]
	i, j := find(t, page.Text, "Efforts in the past to achieve these objectives were short-lived, and largely unsuccessful.")
	drag(v, charPoint(v, 1, i, 0.25), charPoint(v, 1, j-1, 0.75))
	start := src.Text.PageStart(1)
	if got != [2]int{start + i, start + j} || calls != 1 {
		t.Fatalf("selection %v after %d calls, want [%d %d]", got, calls, start+i, start+j)
	}
	if s := strings.Join(strings.Fields(src.Text.Slice(got[0], got[1])), " "); !strings.HasPrefix(s, "Efforts") || !strings.HasSuffix(s, "unsuccessful.") {
		t.Errorf("selected %q", s)
	}
	// The selection is drawn: one translucent rectangle per line.
	n := 0
	for _, o := range v.content.objects {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == SelectionColour {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d selection rectangles, want 2 (the sentence spans two lines)", n)
	}
	if !v.content.focused {
		t.Error("the view did not take the focus on the mouse press")
	}

	// Dragging backwards selects the same characters.
	drag(v, charPoint(v, 1, j-1, 0.75), charPoint(v, 1, i, 0.25))
	if got != [2]int{start + i, start + j} {
		t.Errorf("backwards: selection %v", got)
	}

	// Escape clears it.
	v.content.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s, e := v.Selection(); s != e {
		t.Errorf("after Esc: selection %d-%d", s, e)
	}
}

// A drag from the end of page 1 to the start of page 2 selects across the
// page break, which counts as one code point.
func TestPageViewSelectsAcrossPages(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 700))
	p1 := v.pageBoxes(1)
	last := len(p1) - 1
	for last > 0 && empty(p1[last]) {
		last--
	}
	first := 0
	for empty(v.pageBoxes(2)[first]) {
		first++
	}
	v.SelectCharacters = true // the end on page 2 is mid-word
	drag(v, charPoint(v, 1, last, 0.25), charPoint(v, 2, first, 0.75))
	s, e := v.Selection()
	if want := src.Text.PageStart(2) + first + 1; s != last || e != want {
		t.Fatalf("selection %d-%d, want %d-%d", s, e, last, want)
	}
	if !strings.ContainsRune(src.Text.Slice(s, e), coding.PageSeparator) {
		t.Error("the selection does not hold the page break")
	}
}

// Highlights are drawn over the lines of their span with their tag, and a
// click on one reports it.
func TestPageViewHighlights(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	page := src.Text.Pages[0]
	i, j := find(t, page.Text, "Human resource shortages, staff attitudes and shortage of equipment")
	start := src.Text.PageStart(1)
	v.SetHighlights([]Highlight{{ID: "f1", Start: start + i, End: start + j, Colour: SelectionColour, Tag: "C"}})
	tags := 0
	for _, o := range v.content.objects {
		if tx, ok := o.(*canvas.Text); ok && tx.Text == "C" {
			tags++
		}
	}
	if tags != 1 {
		t.Errorf("%d tags drawn, want 1", tags)
	}
	tapped := ""
	v.OnHighlightTapped = func(id string) { tapped = id }
	v.content.Tapped(&fyne.PointEvent{Position: charPoint(v, 1, i+3, 0.5)})
	if tapped != "f1" {
		t.Errorf("tapped %q, want f1", tapped)
	}
}

// The pages near the viewport are rendered in the background and the
// images of pages scrolled far away are dropped.
func TestPageViewRendersNearPagesOnly(t *testing.T) {
	src := articleSource(t, true)
	v := newTestView(t, src, fyne.NewSize(700, 500))
	waitFor(t, func() bool { s := v.slots[1]; return s != nil && s.img.Image != nil })
	select {
	case <-v.FirstPageShown():
	default:
		t.Fatal("FirstPageShown is not closed")
	}
	img1 := v.slots[1].img
	if b := img1.Image.Bounds(); b.Dx() < 100 {
		t.Errorf("page 1 image %v", b)
	}
	v.GoToPage(10)
	if _, ok := v.slots[1]; ok {
		t.Error("page 1 is still kept after scrolling to page 10")
	}
	if img1.Image != nil {
		t.Error("page 1's image was not dropped")
	}
	if len(v.slots) > 1+pagesBehind+pagesAhead+1 {
		t.Errorf("%d pages kept", len(v.slots))
	}
	if v.Page() != 10 {
		t.Errorf("page %d at the top, want 10", v.Page())
	}
	waitFor(t, func() bool { s := v.slots[10]; return s != nil && s.img.Image != nil })

	// Zooming in renders again at the new size.
	v.SetZoom(v.Zoom() * 2)
	waitFor(t, func() bool {
		s := v.slots[v.Page()]
		return s != nil && s.img.Image != nil && closeEnough(s.dpi, v.deviceDPI())
	})
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	uiQueue.WaitFor(t, "the page to be drawn", 30*time.Second, cond)
}

// Scrolling through 50 pages of the 352-page book, with PDFium drawing
// the pages in the background, never holds the UI goroutine for more than
// 100 ms in one scroll step (the goal), and keeps only the pages
// near the viewport.
func TestPageViewScrollingStaysResponsive(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the 352-page book")
	}
	data, pages := extractCorpus(t, "freeculture-lessig-352p.pdf")
	eng := testEngine(t)
	src := &Source{
		Text:  coding.NewText(pages),
		Boxes: func(n int) ([]coding.Box, error) { return pages[n-1].Boxes, nil },
		Render: func(ctx context.Context, n int, dpi float64) (*image.RGBA, error) {
			return eng.RenderPage(ctx, data, "", n, dpi)
		},
	}
	v := newTestView(t, src, fyne.NewSize(900, 800))
	v.SetHighlights([]Highlight{{ID: "a", Start: 100, End: 5000, Colour: SelectionColour, Tag: "C"}})
	var worst time.Duration
	for v.Page() < 51 {
		start := time.Now()
		v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -120)})
		worst = max(worst, time.Since(start))
		// The images that came meanwhile, as the UI goroutine would take them.
		start = time.Now()
		pump()
		worst = max(worst, time.Since(start))
		if len(v.slots) > 8 {
			t.Fatalf("%d pages kept at page %d", len(v.slots), v.Page())
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("worst scroll step: %v; %d page images delivered", worst, v.Rendered())
	if worst > 100*time.Millisecond {
		t.Errorf("a scroll step took %v", worst)
	}
}

// A double click selects the word under the pointer.
func TestPageViewDoubleClickSelectsWord(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	i, _ := find(t, src.Text.Pages[0].Text, "Efforts in the past")
	v.content.DoubleTapped(&fyne.PointEvent{Position: charPoint(v, 1, i+2, 0.5)})
	s, e := v.Selection()
	if got := src.Text.Slice(s, e); got != "Efforts" {
		t.Errorf("double click selected %q", got)
	}
}
