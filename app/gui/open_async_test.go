package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// openAndWait opens the project at path in d as the welcome screen and
// File ▸ Open recent do, and waits until it is shown (or refused).
func openAndWait(t *testing.T, d *mainWindow, path string) {
	t.Helper()
	d.openProject(path)
	waitOpened(t, d)
}

// waitOpened runs what the open under way hands back to the UI goroutine
// until it is done.
func waitOpened(t *testing.T, d *mainWindow) {
	t.Helper()
	uiQueue.WaitFor(t, "the project opened", 60*time.Second, func() bool { return !d.opening() })
}

// labels are the texts of the labels under o.
func labels(o fyne.CanvasObject) string {
	var texts []string
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	return strings.Join(texts, " | ")
}

// Opening a project reads it off the UI goroutine: the window says it is
// opening the project until its documents are shown; a project that
// cannot be opened then is said in a dialog over the project open before,
// which stays shown.
func TestOpenProjectShowsOpeningUntilRead(t *testing.T) {
	d := newMainWindow(t)
	demo := demoCopy(t)
	d.openProject(demo)
	if got := labels(d.win.Content()); !strings.Contains(got, "Opening demo.cmoproj…") {
		t.Errorf("while opening, the window shows %q", got)
	}
	if d.view != nil {
		t.Error("the project was read on the UI goroutine")
	}
	waitOpened(t, d)
	if d.view == nil || d.session == nil {
		t.Fatal("the project did not open")
	}
	if d.view.ws.doc.ID == "" || len(d.view.ws.frags) == 0 {
		t.Errorf("the first document is not shown with its fragments: %q, %d fragments", d.view.ws.doc.FileName, len(d.view.ws.frags))
	}
	shown := d.win.Content()

	bad := filepath.Join(t.TempDir(), "notes.cmoproj")
	if err := os.WriteFile(bad, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	openAndWait(t, d, bad)
	if d.win.Canvas().Overlays().Top() == nil {
		t.Error("no dialog for the damaged project")
	}
	if d.win.Content() != shown || d.session == nil || d.session.Path() != demo {
		t.Errorf("the project open before is no longer shown: %q", labels(d.win.Content()))
	}
}
