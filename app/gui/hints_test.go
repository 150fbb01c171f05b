package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// tipped finds the visible widget under o whose tooltip is tip.
func tipped(t *testing.T, o fyne.CanvasObject, tip string) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	walk(o, func(c fyne.CanvasObject) {
		if w, ok := c.(interface{ ToolTip() string }); ok && found == nil && w.ToolTip() == tip {
			found = c
		}
	})
	if found == nil {
		t.Fatalf("no widget with the tooltip %q", tip)
	}
	return found
}

// shownTip is the text of the tooltip drawn in the window, "" if none, and
// where it is. withToolTips puts the tooltip layer last in a stack above
// the content; a tooltip is a RichText in that layer.
func shownTip(w fyne.Window) (string, fyne.Position) {
	stack, ok := w.Content().(*fyne.Container)
	if !ok || len(stack.Objects) < 2 {
		return "", fyne.Position{}
	}
	text, pos := "", fyne.Position{}
	walk(stack.Objects[len(stack.Objects)-1], func(c fyne.CanvasObject) {
		if r, ok := c.(*widget.RichText); ok && text == "" {
			text = r.String()
			pos = fyne.CurrentApp().Driver().AbsolutePositionForObject(r)
		}
	})
	return text, pos
}

// hover moves the mouse onto the middle of o and waits for a tooltip.
func hover(t *testing.T, w fyne.Window, o fyne.CanvasObject) (string, fyne.Position) {
	t.Helper()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	test.MoveMouse(w.Canvas(), at)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		pump()
		if text, pos := shownTip(w); text != "" {
			// The test driver runs fyne.Do on the tooltip's timer
			// goroutine: let it finish recording the tooltip it
			// shows, or moving away cannot hide it.
			time.Sleep(100 * time.Millisecond)
			return text, pos
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", fyne.Position{}
}

// TestToolTips: resting the pointer on a role button, a toolbar button or
// the valence label shows what it does and its key in a tooltip below the
// pointer; moving away takes the tooltip away.
func TestToolTips(t *testing.T) {
	ws, w := openWorkspace(t)
	cases := []struct {
		name, tip string
	}{
		{"context role", roleTip(coding.Context)},
		{"reasoning role", roleTip(coding.Reasoning)},
		{"next page", "Next page (Page Down or Ctrl+↓)"},
		{"previous page", "Previous page (Page Up or Ctrl+↑)"},
		{"undo", "Undo the last coding action (Ctrl+Z)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := tipped(t, w.Content(), c.tip)
			text, pos := hover(t, w, o)
			if text != c.tip {
				t.Fatalf("tooltip %q, want %q", text, c.tip)
			}
			top := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
			if pos.Y < top.Y+o.Size().Height/2 && pos.Y > top.Y-60 {
				// Above the pointer is allowed only at the window's bottom.
				if top.Y < w.Canvas().Size().Height-100 {
					t.Errorf("tooltip at y=%v covers the button (y=%v..%v)", pos.Y, top.Y, top.Y+o.Size().Height)
				}
			}
			if pos.X < 0 || pos.X > w.Canvas().Size().Width {
				t.Errorf("tooltip at x=%v is off the window", pos.X)
			}
			test.MoveMouse(w.Canvas(), fyne.NewPos(2, w.Canvas().Size().Height-2))
			pump()
			if text, _ := shownTip(w); text != "" {
				t.Errorf("tooltip %q still shown after the pointer left", text)
			}
		})
	}
	// The role keys named in the tooltips are the keys that code.
	for _, r := range coding.Roles {
		if !strings.Contains(roleTip(r), "press "+string(roleKey(r))+".") {
			t.Errorf("%s tooltip %q does not name its key %s", r, roleTip(r), roleKey(r))
		}
	}
	// The status line still shows a toolbar button's hint at once.
	var next *hintButton
	walk(w.Content(), func(c fyne.CanvasObject) {
		if b, ok := c.(*hintButton); ok && strings.HasPrefix(b.hint, "Next page") {
			next = b
		}
	})
	if next == nil {
		t.Fatal("no next-page button")
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(next).Add(fyne.NewPos(4, 4))
	test.MoveMouse(w.Canvas(), at)
	if got := ws.status.Text; got != next.hint {
		t.Errorf("status line %q on hover, want %q", got, next.hint)
	}
}
