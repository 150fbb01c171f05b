package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"cmocoder.org/cmocoder/app/session"
)

// importREFIDialog asks for a REFI-QDA project or codebook and imports it
// (File ▸ Import REFI-QDA project or codebook).
func (ws *workspace) importREFIDialog() {
	ws.chooseFile([]string{".qdpx", ".qdc", ".qde"}, func(path string) { ws.importREFITo(path, nil) })
}

// importREFITo imports a REFI-QDA file as the import verb does, in the
// background (its PDFs are extracted) as a job, then
// refreshes every tab and says what came in and what was left out. done,
// if not nil, runs on the UI goroutine afterwards.
func (ws *workspace) importREFITo(path string, done func(error)) {
	finish := ws.failThen(done)
	in, err := session.ReadREFI(path)
	if err != nil {
		finish(err)
		return
	}
	name := filepath.Base(path)
	s := ws.session
	var added fmt.Stringer
	var warnings []string
	ws.runJob(job{
		title: "Import " + name,
		note:  "Importing " + name + ": its PDFs are read as cmocoder reads them…",
		work: func(ctx context.Context, _ func(string, float64)) error {
			n, _, err := s.ImportFile(ctx, in, func(w string) { warnings = append(warnings, w) })
			added = n
			return err
		},
		done: func(err error) {
			if ws.pv != nil {
				ws.pv.reloadDocument(ws.doc.ID)
				ws.pv.changed()
			}
			if err != nil {
				if done != nil {
					done(err)
				}
				return
			}
			ws.say("Imported %s: %s", name, added)
			if ws.win != nil {
				msg := "Imported: " + added.String()
				if len(warnings) > 0 {
					msg += fmt.Sprintf("\n\nLeft out (%d):\n%s", len(warnings), strings.Join(warnings, "\n"))
				}
				dialog.ShowInformation("Imported "+name, msg, ws.win)
			}
			finish(nil)
		},
	})
}
