package gui

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// exportQDPXDialog asks where to save the project as a REFI-QDA project
// (File ▸ Export REFI-QDA project), then writes it.
func (ws *workspace) exportQDPXDialog() {
	ws.chooseSaveFile(projectFileNameBase(ws.projectTitle())+".qdpx", ".qdpx", func(path string) { ws.exportQDPXTo(path, nil) })
}

// exportQDPXTo writes the project to path as the export verb does, whole
// or not at all, in the background (it carries every PDF) as a job. done, if not nil, runs on the UI goroutine afterwards.
func (ws *workspace) exportQDPXTo(path string, done func(error)) {
	finish := func(err error) {
		if err != nil {
			removeEmpty(path)
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
	var warnings []string
	ws.runJob(job{
		title: "Export REFI-QDA project",
		note:  "Writing " + filepath.Base(path) + ": the coding, every PDF and its text…",
		work: func(context.Context, func(string, float64)) error {
			return session.WriteFileAtomic(path, func(w io.Writer) error {
				var err error
				warnings, err = refiqda.Write(w, rp)
				return err
			})
		},
		done: func(err error) {
			if err != nil {
				removeEmpty(path)
				orNothing(done)(err)
				return
			}
			ws.exported(path, warnings)
			finish(nil)
		},
	})
}

// removeEmpty removes the empty file the save dialog made for an export
// that failed.
func removeEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}
