package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestProjectFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Leadership in hospitals": "Leadership in hospitals.cmoproj",
		"  CMOs: merger / v2?  ":  "CMOs merger v2.cmoproj",
		"Réalisme — revue":        "Réalisme revue.cmoproj",
		"../../etc/passwd":        "etcpasswd.cmoproj",
		"***":                     "project.cmoproj",
	} {
		if got := projectFileName(in); got != want {
			t.Errorf("projectFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOpenDamagedProjectShowsDialog: a file that is not a project opens
// as a dialog with one clear sentence over the welcome screen, not a crash.
func TestOpenDamagedProjectShowsDialog(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("cmocoder")
	w.Resize(fyne.NewSize(900, 600))
	d := &mainWindow{app: a, win: w}
	for _, tc := range []struct{ content, want string }{
		{"this is not a database at all, just some text", "is not a cmocoder project"},
	} {
		path := filepath.Join(t.TempDir(), "notes.cmoproj")
		if err := os.WriteFile(path, bytes.Repeat([]byte(tc.content), 100), 0o644); err != nil {
			t.Fatal(err)
		}
		openAndWait(t, d, path)
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog shown")
		}
		var texts []string
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch v := o.(type) {
			case *widget.Label:
				texts = append(texts, v.Text)
			case *fyne.Container:
				for _, c := range v.Objects {
					walk(c)
				}
			case fyne.Widget:
				r := test.WidgetRenderer(v)
				for _, c := range r.Objects() {
					walk(c)
				}
			}
		}
		walk(top)
		all := strings.Join(texts, " | ")
		if !strings.Contains(all, tc.want) || !strings.Contains(all, "notes.cmoproj") {
			t.Errorf("dialog says %q, want it to name notes.cmoproj and say %q", all, tc.want)
		}
		if d.session != nil {
			t.Error("a session was opened on a damaged file")
		}
	}
}
