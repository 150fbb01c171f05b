package gui

import (
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// formLabelColour is the colour of the form label text under o.
func formLabelColour(t *testing.T, o fyne.CanvasObject, text string) color.Color {
	t.Helper()
	var found *canvas.Text
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*canvas.Text); ok && x.Text == text {
			found = x
		}
	})
	if found == nil {
		t.Fatalf("no label %q", text)
	}
	return found.Color
}

// TestSourcesFormEnabledWhileShown: with the Sources tab shown on an empty
// project, its form and the labels beside its fields are greyed out; when
// the first document comes in, the labels take the text colour with the
// fields, without waiting for a tab switch to redraw the form (Fyne's form
// colours its labels only when the whole form is refreshed).
func TestSourcesFormEnabledWhileShown(t *testing.T) {
	test.NewTempApp(t)
	ws, _ := openWorkspaceOn(t, newTestSession(t, "Empty"))
	ws.pv.showTab("Sources")
	p := ws.pv.tabsView.sources
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	if got := formLabelColour(t, p.content, "Authors"); got != th.Color(theme.ColorNameDisabled, v) {
		t.Fatalf("no document: the Authors label is %v, want the disabled colour", got)
	}
	notes := filepath.Join(t.TempDir(), "interview.txt")
	if err := os.WriteFile(notes, []byte("An interview about trust.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws.importFiles([]string{notes})
	pumpImport(t, ws, nil)
	if p.authors.Disabled() {
		t.Fatal("the Authors field is still disabled")
	}
	if got := formLabelColour(t, p.content, "Authors"); got != th.Color(theme.ColorNameForeground, v) {
		t.Errorf("a document in: the Authors label is %v, want the text colour", got)
	}
}
