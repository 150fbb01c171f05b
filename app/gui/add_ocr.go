package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// A PDF being added whose pages must be read by OCR (fonts without a
// usable character map: Session.Import does it on its own) may take a
// minute or more: while it does, a job (jobs.go) says "OCR page 3 of 21
// of FILE" and offers Cancel, which stops that file's import (it is not
// added; the files after it still are).

// addingOCR follows the OCR of one file being added.
type addingOCR struct {
	ws   *workspace
	name string
	stop context.CancelFunc // the file's import

	mu          sync.Mutex
	done, total int
	started     bool
	changed     chan struct{} // a new count to show
	finished    chan struct{} // the import has returned
}

// ocrWhileAdding is the options of the import of the file name (the OCR
// language chosen, progress shown as a job) and a func to call once the
// import has returned; stop cancels the import.
func (ws *workspace) ocrWhileAdding(name string, stop context.CancelFunc) (session.ImportOptions, func()) {
	a := &addingOCR{ws: ws, name: name, stop: stop, changed: make(chan struct{}, 1), finished: make(chan struct{})}
	return session.ImportOptions{Lang: ocrLanguage(), Progress: a.progress}, func() { close(a.finished) }
}

// progress hears the OCR's count (from any goroutine): the first shows
// the job.
func (a *addingOCR) progress(done, total int) {
	a.mu.Lock()
	a.done, a.total = done, total
	first := !a.started
	a.started = true
	a.mu.Unlock()
	if first {
		runOnUI(a.show)
	}
	select {
	case a.changed <- struct{}{}:
	default: // one is waiting to be shown already, and will show this count
	}
}

// show runs the job until the import returns, or cancels the import.
func (a *addingOCR) show() {
	runJob(a.ws.win, job{
		title:  "OCR of " + a.name,
		note:   fmt.Sprintf("Reading %s by OCR: its fonts have no usable character map…", a.name),
		cancel: true,
		work: func(ctx context.Context, progress func(string, float64)) error {
			for {
				select {
				case <-a.changed:
					a.mu.Lock()
					done, total := a.done, a.total
					a.mu.Unlock()
					progress(ocrPageText(a.name, done, total), float64(done)/float64(max(total, 1)))
				case <-a.finished:
					return nil
				case <-ctx.Done():
					a.stop()
					<-a.finished
					return ctx.Err()
				}
			}
		},
	})
}

// ocrPageText is the job's note: the page being read, "OCR page 3 of 21
// of FILE", the last once all are done.
func ocrPageText(name string, done, total int) string {
	return fmt.Sprintf("OCR page %d of %d of %s", min(done+1, total), total, name)
}

// errOCRCanceled is what the row of a file whose OCR was canceled says.
func errOCRCanceled(name string) error {
	return coding.Errorf(coding.KindInvalid, "add", name, "not added: OCR canceled")
}

// addOne imports one file as a row of importFiles does (the retry of a
// file protected by a password): with the OCR language chosen, and OCR
// shown as a job with Cancel. note, for the row, says why OCR could not
// be done ("; OCR not done: ..."): the file went in all the same, with
// the text its fonts give.
func (ws *workspace) addOne(engine func() (*pdfview.Engine, error), path, password string) (doc coding.Document, note string, err error) {
	a := ws.startAdding(context.Background(), path)
	doc, err = ws.importOne(a.ctx, engine, path, password, a.opts)
	a.returned()
	return doc, a.note, a.result(err)
}

// addingFile is the import of one file being added: its own context,
// which the Cancel of its OCR job cancels, its options, and the note for
// its row.
type addingFile struct {
	name     string
	ctx      context.Context
	cancel   context.CancelFunc
	opts     session.ImportOptions
	returned func() // to call once the import has returned
	note     string
}

// startAdding begins the import of the file at path under ctx.
func (ws *workspace) startAdding(ctx context.Context, path string) *addingFile {
	a := &addingFile{name: filepath.Base(path)}
	a.ctx, a.cancel = context.WithCancel(ctx)
	a.opts, a.returned = ws.ocrWhileAdding(a.name, a.cancel)
	a.opts.OCRFailed = func(err error) { a.note = "; OCR not done: " + session.OneLine(err) }
	return a
}

// result is what the file's row says of err, the import's error, once
// the import has returned: a canceled OCR says so.
func (a *addingFile) result(err error) error {
	canceled := a.ctx.Err() != nil
	a.cancel()
	if err != nil && canceled {
		return errOCRCanceled(a.name)
	}
	return err
}
