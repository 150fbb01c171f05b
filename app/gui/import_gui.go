package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// importREFIDialog asks for a REFI-QDA project or codebook, shows its
// codebook to say which codes are roles (importRolesStep), and imports it
// (File ▸ Import REFI-QDA project or codebook).
func (ws *workspace) importREFIDialog() {
	ws.chooseFile([]string{".qdpx", ".qdc", ".qde"}, func(path string) { ws.importREFIAsking(path, nil) })
}

// importREFIAsking reads a REFI-QDA file in the background (a .qdpx may
// carry hundreds of MB of PDFs), lets the reviewer say which of its codes
// are roles, and imports it; Cancel writes nothing (done gets
// errImportCancelled). A file without codes has nothing to ask about.
func (ws *workspace) importREFIAsking(path string, done func(error)) {
	done = orNothing(done)
	name := filepath.Base(path)
	var in *refiqda.Input
	ws.runJob(job{
		title: "Import " + name,
		note:  "Reading " + name + "…",
		work: func(context.Context, func(string, float64)) error {
			var err error
			in, err = session.ReadREFI(path)
			return err
		},
		done: func(err error) {
			switch {
			case err != nil: // shown already
				done(err)
			case len(in.Codes) == 0 || ws.win == nil:
				ws.importREFI(in, done)
			default:
				ws.importRolesStep(in, func() { ws.importREFI(in, done) }, func() {
					done(errImportCancelled)
				})
			}
		},
	})
}

// importREFITo imports a REFI-QDA file as the import verb does, without
// asking about roles; see importREFI.
func (ws *workspace) importREFITo(path string, done func(error)) {
	in, err := session.ReadREFI(path)
	if err != nil {
		ws.failThen(done)(err)
		return
	}
	ws.importREFI(in, done)
}

// importREFI imports a REFI-QDA file as read, in the background (its PDFs
// are extracted) as a job, then refreshes every tab and says what came in
// and what was left out. done, if not nil, runs on the UI goroutine
// afterwards.
func (ws *workspace) importREFI(in *refiqda.Input, done func(error)) {
	done = orNothing(done)
	name := in.Name
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
			ws.reportJob(err, done, func() (string, string, string) {
				msg := "Imported: " + added.String()
				if len(warnings) > 0 {
					msg += fmt.Sprintf("\n\nLeft out (%d):\n%s", len(warnings), strings.Join(warnings, "\n"))
				}
				return "Imported " + name, fmt.Sprintf("Imported %s: %s", name, added), msg
			})
		},
	})
}
