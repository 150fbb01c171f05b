package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding/export"
)

// File ▸ Export offers the table and format exported last, and its save
// dialog opens in the project's folder.
func TestExportRemembersAndOpensInProjectFolder(t *testing.T) {
	ws, w := openWorkspace(t)
	ws.exportDialog()
	f := ws.exportForm
	f.table.SetSelected(exportTableNames[export.TableFragments])
	f.format.SetSelected(exportFormatNames[export.Markdown])
	button(t, topDialog(t, w), "Choose file…").OnTapped()

	// The save dialog shows the project's folder.
	dir := filepath.Dir(ws.session.Path())
	var crumbs []string
	walk(topDialog(t, w), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			crumbs = append(crumbs, b.Text)
		}
	})
	if !strings.Contains(strings.Join(crumbs, "/"), filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir)) {
		t.Errorf("the save dialog does not show %s: %q", dir, crumbs)
	}
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Top().Hide()
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}

	ws.exportDialog()
	if g := ws.exportForm; g.table.Selected != exportTableNames[export.TableFragments] || g.format.Selected != exportFormatNames[export.Markdown] {
		t.Errorf("Export offers %q as %q, want the fragments as Markdown", g.table.Selected, g.format.Selected)
	}
}

// The export's confirmation shows on the tab that is open: the status
// line on Documents, a dialog on the others.
func TestExportConfirmsOnEveryTab(t *testing.T) {
	ws, w := openWorkspace(t)
	ws.pv.showTab("Matrix")
	path := filepath.Join(t.TempDir(), "matrix.csv")
	if err := ws.exportTo(path, export.TableMatrix, export.CSV, "labels"); err != nil {
		t.Fatal(err)
	}
	if got := dialogText(w); !strings.Contains(got, "Exported to "+path) {
		t.Errorf("on the Matrix tab the export says %q", got)
	}
}
