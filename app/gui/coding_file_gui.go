package gui

import (
	"context"
	"path/filepath"

	"cmocoder.org/cmocoder/app/session"
)

// sendCodingDialog asks where to save this project's coding as a coding
// file (File ▸ Send my coding…): the fragments, CMOCs, theories and
// codebook without the PDFs, small enough to e-mail to the teammate who
// merges.
func (ws *workspace) sendCodingDialog() {
	ws.chooseSaveFile(projectFileNameBase(ws.projectTitle())+" "+ws.session.Coder()+".coding", ".coding",
		func(path string) { ws.sendCodingTo(path, nil) })
}

// sendCodingTo writes the coding file at path in the background, whole
// or not at all. done, if not nil, runs on the UI goroutine afterwards.
func (ws *workspace) sendCodingTo(path string, done func(error)) {
	done = orNothing(done)
	ws.runJob(job{
		title: "Send my coding",
		note:  "Writing " + filepath.Base(path) + ": the coding without the documents…",
		work: func(context.Context, func(string, float64)) error {
			return session.WriteFileAtomic(path, ws.session.ExportCoding)
		},
		done: func(err error) {
			if err != nil {
				removeEmpty(path)
			} else {
				ws.exported(path, nil)
			}
			done(err)
		},
	})
}
