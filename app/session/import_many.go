package session

import (
	"context"
	"os"
	"runtime"
	"sync"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// ImportAll imports the files at paths one after another as Import does,
// and tells done, in the order of paths, what became of each (the document
// added, or why not). It stops when done returns false or ctx is done,
// with the files not yet told about not added; it returns an error only
// when no PDF engine could be started (the files before were told about).
//
// It is faster than calling Import for each file: while one PDF is stored
// (OCR where needed, the title, the boxes' encoding and SQLite) the next
// ones are extracted, one per worker, and one more waits for a worker, so
// that a worker that finishes starts the next file at once. Reading two
// files at once costs less than sharing one file's pages between the
// workers, which load the same fonts again; a long document is shared only
// when nothing else waits (pdfview's Extract). While a long document is
// read, the other worker reads on ahead: up to maxAhead files, or
// aheadPages extracted pages, wait to be stored.
//
// eng may be nil: an engine is then started at the first PDF and closed at
// the end. Everything but the extraction, and every call of done (and of
// opts' ForFile, which gives each file its own options and context),
// happens on the caller's goroutine.
func (s *Session) ImportAll(ctx context.Context, eng *pdfview.Engine, paths []string, password string,
	done func(path string, doc coding.Document, err error) bool, opts ...ImportOptions) error {
	o := importOptions(opts)
	defer oneMoreThread()()
	// Returning stops the extractions still running (done said stop).
	ctx, cancel := context.WithCancel(ctx)
	own := eng == nil
	defer func() {
		if own && eng != nil {
			eng.Close()
		}
	}()
	// ahead are the files started and not yet told about, in order.
	var ahead []*pendingImport
	defer func() {
		for _, p := range ahead {
			p.wait() // before eng is closed under them
		}
	}()
	defer cancel()
	finished := make(chan struct{}, 1) // an extraction ended
	// start reads the next file and has it extracted on a goroutine.
	next := 0
	start := func() error {
		path := paths[next]
		next++
		if o.Reading != nil {
			o.Reading(next - 1)
		}
		p := &pendingImport{path: path, ready: make(chan struct{})}
		ahead = append(ahead, p)
		if p.f, p.err = s.readImport(path); p.err != nil || p.f.text {
			close(p.ready)
			return nil
		}
		if eng == nil {
			var err error
			if eng, err = NewEngine(); err != nil {
				close(p.ready)
				return err
			}
		}
		go func() {
			defer func() {
				select {
				case finished <- struct{}{}:
				default: // the loop has been told already
				}
			}()
			defer close(p.ready)
			p.ex, p.err = eng.Extract(ctx, p.f.data, password)
			if p.err != nil {
				p.err = coding.E(coding.KindInvalid, "add", p.f.name, p.err)
			}
		}()
		return nil
	}
	for len(ahead) > 0 || next < len(paths) {
		if ctx.Err() != nil {
			return nil
		}
		for next < len(paths) && roomAhead(ahead, fileSize(paths[next]), extracting(eng)) {
			if err := start(); err != nil {
				return err
			}
		}
		p := ahead[0]
		select {
		case <-p.ready:
		case <-finished:
			continue // another file is extracted: room for the next, perhaps
		}
		ahead = ahead[1:]
		if ctx.Err() != nil {
			return nil
		}
		doc, err := s.storeNext(ctx, eng, p, password, o)
		if !done(p.path, doc, err) {
			return nil
		}
	}
	return nil
}

// oneMoreThread lets Go run one more goroutine at a time than there are
// cores until the function it returns is called (ImportAll's ones
// nest). SQLite's writes and fsyncs hold one of Go's processors while they
// wait for the disk, and Go hands it to another goroutine only after up
// to 10 ms: with as many as cores, the workers extracting the next files
// sat ready to run while the file before was stored. Traced on 100 PDFs
// on 2 cores: one goroutine or none running 18.7 % of the time, against
// 10.6 % with one more (2026-12-03).
func oneMoreThread() (restore func()) {
	extraThread.Lock()
	defer extraThread.Unlock()
	if extraThread.users == 0 {
		extraThread.was = runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + 1)
	}
	extraThread.users++
	return func() {
		extraThread.Lock()
		defer extraThread.Unlock()
		if extraThread.users--; extraThread.users > 0 {
			return
		}
		if os.Getenv("GOMAXPROCS") == "" {
			// Back to the default, which Go keeps up to date with the
			// CPUs the process may use (a fixed value would stop that).
			runtime.SetDefaultGOMAXPROCS()
		} else {
			runtime.GOMAXPROCS(extraThread.was)
		}
	}
}

var extraThread struct {
	sync.Mutex
	users int
	was   int
}

// extracting is how many files ImportAll has extracted at once with eng:
// one per worker and one waiting for a worker.
func extracting(eng *pdfview.Engine) int {
	if eng == nil { // no PDF yet
		return 1
	}
	return eng.Workers() + 1
}

const (
	// maxAhead, aheadPages and aheadBytes bound the files started and not
	// yet stored, the extracted pages they hold (a 350-page book's pages
	// take about 37 MB) and the files' bytes.
	maxAhead   = 8
	aheadPages = 400
	aheadBytes = 64 << 20
	// bigPDF is a file extracted alone: PDFium's memory for all the
	// workers together is bounded (pdfview.MemoryLimit), and two large
	// files read at once might not fit where one after the other do.
	bigPDF = 32 << 20
)

// roomAhead tells whether ImportAll, with the files ahead started and not
// yet stored, may start the next, of size bytes, with at most extracting
// files extracted at once.
func roomAhead(ahead []*pendingImport, size int64, extracting int) bool {
	if len(ahead) >= maxAhead {
		return false
	}
	running, pages, bytes, big := 0, 0, 0, false
	for _, p := range ahead {
		bytes += len(p.f.data)
		select {
		case <-p.ready:
			if p.ex != nil {
				pages += len(p.ex.Pages)
			}
		default:
			running++
			big = big || len(p.f.data) > bigPDF
		}
	}
	switch {
	case running == 0:
		return len(ahead) == 0 || pages < aheadPages && bytes < aheadBytes
	case big || size > bigPDF:
		return false
	}
	return running < extracting && pages < aheadPages && bytes < aheadBytes
}

// fileSize is the size of the file at path, 0 if it cannot be told (the
// import then says why).
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// pendingImport is a file of ImportAll being extracted.
type pendingImport struct {
	path  string
	f     fileImport
	ex    *pdfview.Extracted // set once ready is closed, if err is nil
	err   error
	ready chan struct{}
}

func (p *pendingImport) wait() { <-p.ready }

// storeNext stores a file ImportAll extracted, with the context and
// options o.ForFile gives for it if set.
func (s *Session) storeNext(ctx context.Context, eng *pdfview.Engine, p *pendingImport, password string, o ImportOptions) (coding.Document, error) {
	if o.ForFile == nil {
		return s.finishImport(ctx, eng, p, password, o)
	}
	fileCtx, fo, end := o.ForFile(ctx, p.path)
	defer end()
	return s.finishImport(fileCtx, eng, p, password, fo)
}

// finishImport stores an extracted PDF, or says why the file was not.
func (s *Session) finishImport(ctx context.Context, eng *pdfview.Engine, p *pendingImport, password string, o ImportOptions) (coding.Document, error) {
	if p.err != nil {
		return p.f.doc, p.err
	}
	// A file before it in paths may have been the same one.
	var doc coding.Document
	if err := s.notYetIn(p.f.name, p.f.sha, &doc); err != nil {
		return doc, err
	}
	if p.f.text {
		return s.store.AddDocument(p.f.doc, p.f.data, p.f.pages)
	}
	return s.storePDF(ctx, eng, p.f, p.ex, password, o)
}
