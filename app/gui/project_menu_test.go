package gui

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/storage"
)

// newMainWindow is the app's main window in a test window, without a PDF
// engine (pages are not drawn).
func newMainWindow(t *testing.T) *mainWindow {
	t.Helper()
	t.Setenv("CMOCODER_CODER", "tester")
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1260, 780))
	d := &mainWindow{app: a, win: w}
	d.eng.once.Do(func() { d.eng.err = errors.New("no PDF engine in this test") })
	d.showWelcome()
	t.Cleanup(func() {
		d.closeSession()
		w.Close()
	})
	return d
}

// fileMenuItem finds an item of the window's File menu by its label.
func fileMenuItem(t *testing.T, w fyne.Window, label string) *fyne.MenuItem {
	t.Helper()
	if w.MainMenu() == nil {
		t.Fatal("the window has no menu")
	}
	for _, m := range w.MainMenu().Items {
		if m.Label != "File" {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no File ▸ %s", label)
	return nil
}

// File ▸ Open recent lists the other recent projects by title and file
// name and opens one; File ▸ Close project goes back to the welcome
// screen, which lists them the same way.
func TestOpenRecentAndCloseProject(t *testing.T) {
	d := newMainWindow(t)
	demo := demoCopy(t)
	other := filepath.Join(t.TempDir(), "review.cmoproj")
	p, err := storage.Create(other, "Leadership in hospitals", "tester")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	openAndWait(t, d, demo)
	demoTitle, _ := d.session.Title()
	openAndWait(t, d, other)
	if d.win.Title() != "Leadership in hospitals — cmocoder" {
		t.Fatalf("title %q", d.win.Title())
	}

	recent := fileMenuItem(t, d.win, "Open recent")
	if recent.ChildMenu == nil || len(recent.ChildMenu.Items) != 1 {
		t.Fatalf("Open recent: %+v", recent.ChildMenu)
	}
	want := demoTitle + " — demo.cmoproj"
	if got := recent.ChildMenu.Items[0].Label; got != want {
		t.Errorf("Open recent lists %q, want %q", got, want)
	}
	recent.ChildMenu.Items[0].Action()
	waitOpened(t, d)
	if d.session == nil || d.session.Path() != demo || d.win.Title() != demoTitle+" — cmocoder" {
		t.Fatalf("Open recent opened %q", d.win.Title())
	}

	fileMenuItem(t, d.win, "Close project").Action()
	if d.session != nil || d.view != nil {
		t.Fatal("the project is still open")
	}
	if d.win.Title() != "cmocoder" || d.win.MainMenu() != nil {
		t.Errorf("after closing: title %q, menu %v", d.win.Title(), d.win.MainMenu())
	}
	button(t, d.win.Content(), "New project…")
	if texts := welcomeRecent(t, d); len(texts) != 2 || !strings.HasPrefix(texts[0], demoTitle+" — demo.cmoproj") ||
		!strings.HasPrefix(texts[1], "Leadership in hospitals — review.cmoproj") {
		t.Errorf("the welcome screen lists %q", texts)
	}
}

// welcomeRecent are the recent projects the welcome screen lists.
func welcomeRecent(t *testing.T, d *mainWindow) []string {
	t.Helper()
	var texts []string
	walk(d.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, " — ") {
			texts = append(texts, b.Text)
		}
	})
	return texts
}
