package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// The coding panel is as wide with a fragment picked as without, whatever
// the fragment, the selection or the labels: a panel that grows takes
// width from the page, which is then zoomed again.
func TestCodingPanelWidthIsFixed(t *testing.T) {
	ws, _ := openWorkspace(t)
	width := func() float32 { return ws.panel.content.MinSize().Width }
	want := width()
	for _, f := range ws.frags {
		pick(t, ws, f.ID, false)
		if got := width(); got != want {
			t.Errorf("with the %s fragment on p.%d picked the panel is %.1f wide, without %.1f", f.Role, f.Page, got, want)
		}
	}
	// A long quote, and the offer to move the picked fragment to it.
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	dragOver(t, ws, start-200, end)
	if !ws.panel.move.Visible() {
		t.Fatal("no offer to move the picked fragment")
	}
	if got := width(); got != want {
		t.Errorf("with a long selection the panel is %.1f wide, without %.1f", got, want)
	}
	// Many labels, and a long memo.
	key(ws, fyne.KeyR)
	ws.panel.labelBox.SetText("Accountability, Leadership, Motivation, Organisational culture of the hospital departments")
	ws.panel.labelBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ws.win.Canvas().Overlays().Top().Hide() // the new label's definition
	ws.panel.memo.SetText(strings.Repeat("A long memo that wraps. ", 20))
	if got := width(); got != want {
		t.Errorf("with many labels and a long memo the panel is %.1f wide, without %.1f", got, want)
	}
}

// menuBarHeight is about what the GLFW driver takes from the window for
// the main menu, which the test window does not draw.
const menuBarHeight = 36

// At 1260×780 the fragment list shows at least 8 rows, and each row
// begins with its quote, wide enough to read its first words.
func TestFragmentListShowsEightRows(t *testing.T) {
	ws, w := openWorkspace(t)
	w.Resize(fyne.NewSize(1260, 780-menuBarHeight))
	// Ten fragments more on page 1.
	for i := 0; i < 10; i++ {
		start := 300 + 60*i
		f := coding.Fragment{DocID: ws.doc.ID, Start: start, End: start + 40, Role: coding.Context}
		if err := ws.session.Do(coding.AddFragment{Fragment: f}); err != nil {
			t.Fatal(err)
		}
	}
	ws.reload()
	pick(t, ws, ws.frags[0].ID, false)
	ws.fragments.list.ScrollToTop()

	list := ws.fragments.list
	top, bottom := float32(0), list.Size().Height
	rows := 0
	for _, o := range allObjects(list) {
		row, ok := o.(*fragmentRow)
		if !ok || !row.Visible() || row.line == "" {
			continue
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(row).Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(list))
		if pos.Y < top || pos.Y+row.Size().Height > bottom+1 {
			continue
		}
		rows++
		f := rowFragment(ws, row.line)
		if f == nil {
			t.Errorf("row %q does not start with a fragment's quote", row.line)
			continue
		}
		first := strings.Join(strings.Fields(f.Text)[:3], " ")
		if !strings.HasPrefix(row.shown(), first) {
			t.Errorf("row %q shows %q, not the quote's first words %q", row.line, row.shown(), first)
		}
		if row.tag.Text != fragmentTag(*f) {
			t.Errorf("row %q is tagged %q, want %q", row.line, row.tag.Text, fragmentTag(*f))
		}
	}
	t.Logf("%d whole rows in a list %.0f high", rows, list.Size().Height)
	if rows < 8 {
		t.Errorf("the fragment list shows %d whole rows at 1260×780 (list %.0f high), want at least 8", rows, list.Size().Height)
	}
}

// rowFragment is the fragment whose quote a row's text begins with.
func rowFragment(ws *workspace, row string) *coding.Fragment {
	for i, f := range ws.frags {
		if q := coding.Clip(f.Text, 30); strings.HasPrefix(row, strings.TrimSuffix(q, "…")) {
			return &ws.frags[i]
		}
	}
	return nil
}
