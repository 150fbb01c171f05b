package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/refs"
)

// importRefsDialog asks for a reference manager's export and fills the
// matched sources from it (File ▸ Import references…).
func (ws *workspace) importRefsDialog() {
	ws.chooseFile([]string{".ris", ".bib", ".json"}, func(path string) { ws.importRefsFrom(path, nil) })
}

// importRefsFrom reads and matches a reference file in the background (it
// reads every document's first pages), as one undoable change, then
// refreshes the tabs and says what matched, as the refs verb prints it.
// done, if not nil, runs on the UI goroutine afterwards.
func (ws *workspace) importRefsFrom(path string, done func(error)) {
	done = orNothing(done)
	name := filepath.Base(path)
	s := ws.session
	var rep session.RefsReport
	ws.runJob(job{
		title: "Import references " + name,
		note:  "Matching the references in " + name + " to the documents…",
		work: func(context.Context, func(string, float64)) error {
			data, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("import references: %w", err)
			}
			recs, err := refs.Parse(path, data)
			if err != nil {
				return err
			}
			rep, err = s.ImportReferences(recs, false)
			return err
		},
		done: func(err error) {
			if ws.pv != nil {
				ws.pv.changed()
			}
			ws.reportJob(err, done, func() (string, string, string) {
				return "Imported references from " + name, fmt.Sprintf("References from %s: %s (Ctrl+Z undoes).", name, rep), rep.String()
			})
		},
	})
}
