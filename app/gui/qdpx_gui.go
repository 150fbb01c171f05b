package gui

import (
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// exportQDPXDialog asks where to save the project as a REFI-QDA project
// (File ▸ Export REFI-QDA project), then writes it.
func (ws *workspace) exportQDPXDialog() {
	title, _ := ws.session.Title()
	ws.chooseSaveFile(projectFileNameBase(title)+".qdpx", ".qdpx", func(path string) { ws.exportQDPXTo(path, nil) })
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
	rp, err := session.QDPXProject(ws.session)
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
		err := session.WriteFileAtomic(path, func(w io.Writer) error {
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
