package pageview

// The page view's mouse and keys: selecting by dragging (snapped to whole
// words unless Alt is held), double and triple clicks, clicks on
// highlights, the focus and the keys it passes on to the app.

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// CaretAt is the document offset nearest to a point of the view (relative
// to the view's top left corner).
func (v *View) CaretAt(p fyne.Position) int {
	return v.caretAtContent(fyne.NewPos(p.X+v.scroll.Offset.X, p.Y+v.scroll.Offset.Y))
}

func (v *View) caretAtContent(p fyne.Position) int {
	if v.src == nil || len(v.tops) == 0 {
		return 0
	}
	n := v.pageAtY(p.Y)
	o := v.pageOrigin(n)
	boxes := v.pageBoxes(n)
	return v.src.Text.PageStart(n) + NearestCaret(v.geoms[n-1], boxes, p.X-o.X, p.Y-o.Y)
}

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
	v.altUsed = v.altHeld
	v.countClick(p)
	if v.clicks == 3 {
		v.selectSentenceAt(p)
	}
}

// countClick counts the presses in a row: within the double-click delay
// of the last one and close to it.
func (v *View) countClick(p fyne.Position) {
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
func (v *View) charAt(p fyne.Position) int {
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
func (v *View) selectSentenceAt(p fyne.Position) {
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
	if v.altHeld {
		v.altUsed = true
	} else if !v.SelectCharacters && v.src != nil {
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
	v := c.v
	if isAlt(e.Name) {
		v.altHeld, v.altUsed = true, false
		return
	}
	v.altUsed = false // another key: the driver will not open the menu
}

// KeyUp implements desktop.Keyable. Fyne's GLFW driver opens the window's
// menu bar when Alt is pressed and released with no key between, which a
// drag with Alt held would do behind the reviewer's back: the view closes
// it again.
func (c *pageContent) KeyUp(e *fyne.KeyEvent) {
	v := c.v
	if !isAlt(e.Name) {
		v.altUsed = false
		return
	}
	if v.altUsed {
		if m := menuOf(c); m != nil {
			m.ToggleMenu()
		}
	}
	v.altHeld, v.altUsed = false, false
}

func isAlt(k fyne.KeyName) bool { return k == desktop.KeyAltLeft || k == desktop.KeyAltRight }

// menuToggler is a canvas with a menu bar that Alt opens and closes (the
// GLFW driver's, when the menus are drawn in the window).
type menuToggler interface{ ToggleMenu() }

// menuOf is the menu bar of the canvas an object is on, or nil (tests
// replace it).
var menuOf = func(o fyne.CanvasObject) menuToggler {
	m, _ := fyne.CurrentApp().Driver().CanvasForObject(o).(menuToggler)
	return m
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

// TypedKey moves through the document and drops the selection on Esc;
// other keys, and Esc with nothing selected, go to OnTypedKey.
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
		had := v.selEnd > v.selStart
		v.ClearSelection()
		if !had && v.OnTypedKey != nil {
			v.OnTypedKey(e) // nothing was selected: the app's Esc
		}
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
func (v *View) Focus() {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(v.content); cv != nil {
		cv.Focus(v.content)
	}
}

// Content is the object that takes the mouse and keys (for tests).
func (v *View) Content() fyne.CanvasObject { return v.content }

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
func (v *View) PointOf(off int, frac float32) (fyne.Position, bool) {
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
