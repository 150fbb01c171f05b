package app

import (
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding/refiqda"
)

// exportQDPXDialog asks where to save the project as a REFI-QDA project
// (File ▸ Export REFI-QDA project), then writes it.
func (ws *workspace) exportQDPXDialog() {
	if ws.win == nil {
		return
	}
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ws.fail(err)
			return
		}
		if w == nil {
			return
		}
		w.Close() // the dialog made the file; it is written again whole
		ws.exportQDPXTo(w.URI().Path(), nil)
	}, ws.win)
	title, _ := ws.session.Project.Title()
	fd.SetFileName(projectFileNameBase(title) + ".qdpx")
	fd.SetFilter(fynestorage.NewExtensionFileFilter([]string{".qdpx"}))
	fd.Resize(fyne.NewSize(800, 560))
	fd.Show()
}

// exportQDPXTo writes the project to path as the export verb does, whole
// or not at all, in the background (it carries every PDF) behind a
// progress dialog. done, if not nil, runs on the UI goroutine afterwards.
func (ws *workspace) exportQDPXTo(path string, done func(error)) {
	finish := func(err error) {
		if err != nil {
			if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
				os.Remove(path) // the empty file the save dialog made
			}
			ws.fail(err)
		}
		if done != nil {
			done(err)
		}
	}
	rp, err := qdpxProject(ws.session.Project)
	if err != nil {
		finish(err)
		return
	}
	var progress dialog.Dialog
	if ws.win != nil {
		note := widget.NewLabel("Writing " + filepath.Base(path) + ": the coding, every PDF and its text…")
		progress = dialog.NewCustomWithoutButtons("Export REFI-QDA project", container.NewVBox(note, widget.NewProgressBarInfinite()), ws.win)
		progress.Show()
	}
	go func() {
		var warnings []string
		err := writeFileAtomic(path, func(w io.Writer) error {
			var err error
			warnings, err = refiqda.Write(w, rp)
			return err
		})
		runOnUI(func() {
			if progress != nil {
				progress.Hide()
			}
			if err == nil {
				ws.exported(path, warnings)
			}
			finish(err)
		})
	}()
}
