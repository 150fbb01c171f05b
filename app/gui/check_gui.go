package gui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
)

// checkProject is Help ▸ Check project: it reads the whole file for
// damage in the background (opening checks only the coding, so that a
// large review opens at once) and says what it found.
func (ws *workspace) checkProject() {
	name := filepath.Base(ws.session.Path())
	ws.runJob(job{
		title: "Check project",
		note:  "Reading every page of " + name + "…",
		work: func(context.Context, func(string, float64)) error {
			return ws.session.Check()
		},
		done: func(err error) {
			if err == nil {
				ws.message = "Check project: no problems found in " + name
				ws.status.SetText(ws.message)
				dialog.ShowInformation("Check project", "No problems found in "+name+".", ws.win)
			}
		},
	})
}
