package pageview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The sentence the selection tests drag across: it runs over two lines of
// page 1 of the demo article.
const effortsSentence = "Efforts in the past to achieve these objectives were short-lived, and largely unsuccessful."

// A drag snaps to whole words: one that starts in the middle of "Efforts"
// and ends in the middle of "unsuccessful" selects both words whole.
// Holding Alt, or with SelectCharacters set, it selects exactly the
// characters crossed.
func TestPageViewDragSnapsToWords(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	i, j := find(t, src.Text.Pages[0].Text, effortsSentence)
	from, to := i+3, j-6 // "Eff|orts", "unsucce|ssful."
	start := src.Text.PageStart(1)
	for _, tc := range []struct {
		name       string
		mod        fyne.KeyModifier
		characters bool
		want       [2]int
	}{
		{"words", 0, false, [2]int{start + i, start + j - 1}},
		{"Alt", fyne.KeyModifierAlt, false, [2]int{start + from, start + to}},
		{"SelectCharacters", 0, true, [2]int{start + from, start + to}},
	} {
		v.SelectCharacters = tc.characters
		var got [2]int
		v.OnSelectionChanged = func(s, e int) { got = [2]int{s, e} }
		dragWith(v, charPoint(v, 1, from, 0.25), charPoint(v, 1, to, 0.25), tc.mod)
		if got != tc.want {
			t.Errorf("%s: selected %q, want %q", tc.name, src.Text.Slice(got[0], got[1]), src.Text.Slice(tc.want[0], tc.want[1]))
		}
		// Backwards the same.
		dragWith(v, charPoint(v, 1, to, 0.25), charPoint(v, 1, from, 0.25), tc.mod)
		if got != tc.want {
			t.Errorf("%s backwards: selected %q, want %q", tc.name, src.Text.Slice(got[0], got[1]), src.Text.Slice(tc.want[0], tc.want[1]))
		}
	}
}

// Alt pressed during a drag gives character precision from then on.
func TestPageViewAltDuringDrag(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	i, j := find(t, src.Text.Pages[0].Text, effortsSentence)
	c := v.content
	a, b := charPoint(v, 1, i+3, 0.25), charPoint(v, 1, j-6, 0.25)
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary})
	c.KeyDown(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: b}, Dragged: fyne.NewDelta(b.X-a.X, b.Y-a.Y)})
	c.DragEnd()
	c.KeyUp(&fyne.KeyEvent{Name: desktop.KeyAltLeft})
	start := src.Text.PageStart(1)
	if s, e := v.Selection(); s != start+i+3 || e != start+j-6 {
		t.Errorf("selected %q with Alt held", src.Text.Slice(s, e))
	}
}

// click sends what the GLFW driver sends for the n-th click of a quick
// series at one spot: the press, the release, and at the second the
// double tap; the tap that follows the last click of the series.
func click(v *View, p fyne.Position, n int) {
	c := v.content
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
	c.MouseDown(ev)
	c.MouseUp(ev)
	if n == 2 {
		c.DoubleTapped(&ev.PointEvent)
	}
}

// A triple click selects the sentence under the pointer, across its line
// break; on a heading, which has no sentence end, it selects the line.
func TestPageViewTripleClickSelectsSentence(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	page := src.Text.Pages[0].Text
	for _, tc := range []struct {
		at, want string
	}{
		{"largely", effortsSentence},
		{"Abstract", "Abstract"},
	} {
		i, _ := find(t, page, tc.at)
		p := charPoint(v, 1, i+2, 0.5)
		for n := 1; n <= 3; n++ {
			click(v, p, n)
		}
		v.content.Tapped(&fyne.PointEvent{Position: p}) // after the double-click delay
		s, e := v.Selection()
		if got := src.Text.Slice(s, e); normSpace(got) != tc.want {
			t.Errorf("triple click on %q selected %q, want %q", tc.at, got, tc.want)
		}
		// A single click later clears it.
		v.lastPress = v.lastPress.Add(-time.Hour)
		click(v, p, 1)
		v.content.Tapped(&fyne.PointEvent{Position: p})
		if s, e := v.Selection(); s != e {
			t.Errorf("a click after the triple click left %q selected", src.Text.Slice(s, e))
		}
	}
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// menuCount counts how often the view toggles the window's menu bar.
type menuCount struct{ n int }

func (m *menuCount) ToggleMenu() { m.n++ }

// A drag with Alt held does not leave the window's menu bar open when Alt
// is released (the GLFW driver opens it on a lone press and release of
// Alt, and the view closes it again); a lone Alt, or one that went with
// another key, is left to the driver.
func TestPageViewAltDragLeavesMenuClosed(t *testing.T) {
	src := articleSource(t, false)
	v := newTestView(t, src, fyne.NewSize(900, 1000))
	menu := &menuCount{}
	defer func(f func(fyne.CanvasObject) menuToggler) { menuOf = f }(menuOf)
	menuOf = func(fyne.CanvasObject) menuToggler { return menu }
	i, j := find(t, src.Text.Pages[0].Text, effortsSentence)
	a, b := charPoint(v, 1, i+3, 0.25), charPoint(v, 1, j-6, 0.25)
	c := v.content
	alt := &fyne.KeyEvent{Name: desktop.KeyAltLeft}
	for _, tc := range []struct {
		name    string
		gesture func()
		want    int
	}{
		{"Alt, drag, release", func() {
			c.KeyDown(alt)
			dragWith(v, a, b, fyne.KeyModifierAlt)
			c.KeyUp(alt)
		}, 1},
		{"drag, Alt during it, release", func() {
			c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary})
			c.KeyDown(alt)
			c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: b}, Dragged: fyne.NewDelta(b.X-a.X, b.Y-a.Y)})
			c.DragEnd()
			c.KeyUp(alt)
		}, 1},
		{"Alt alone", func() {
			c.KeyDown(alt)
			c.KeyUp(alt)
		}, 0},
		{"Alt with a key after the drag", func() {
			c.KeyDown(alt)
			dragWith(v, a, b, fyne.KeyModifierAlt)
			c.KeyDown(&fyne.KeyEvent{Name: fyne.KeyC})
			c.KeyUp(&fyne.KeyEvent{Name: fyne.KeyC})
			c.KeyUp(alt)
		}, 0},
	} {
		menu.n = 0
		tc.gesture()
		if menu.n != tc.want {
			t.Errorf("%s: the menu was toggled %d times, want %d", tc.name, menu.n, tc.want)
		}
	}
}
