package session

import (
	"context"

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
// two are being extracted, each by a worker of its own. Reading two
// articles at once costs less than sharing one article's pages between the
// two workers, as each worker would load the same fonts again; a long
// document is still shared when a worker falls idle (pdfview's Extract).
// At most three documents' text and boxes are held at a time.
//
// eng may be nil: an engine is then started at the first PDF and closed at
// the end. Everything but the extraction, and every call of done, happens
// on the caller's goroutine.
func (s *Session) ImportAll(ctx context.Context, eng *pdfview.Engine, paths []string, password string,
	done func(path string, doc coding.Document, err error) bool, opts ...ImportOptions) error {
	o := importOptions(opts)
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
	// start reads the next file and has it extracted on a goroutine.
	next := 0
	start := func() error {
		path := paths[next]
		next++
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
			defer close(p.ready)
			p.ex, p.err = eng.Extract(ctx, p.f.data, password)
			if p.err != nil {
				p.err = coding.E(coding.KindInvalid, "add", p.f.name, p.err)
			}
		}()
		return nil
	}
	const inFlight = 2 // extractions at once: one per worker on 2 cores
	for len(ahead) > 0 || next < len(paths) {
		if ctx.Err() != nil {
			return nil
		}
		for next < len(paths) && len(ahead) < inFlight {
			if err := start(); err != nil {
				return err
			}
		}
		p := ahead[0]
		p.wait()
		ahead = ahead[1:]
		if ctx.Err() != nil {
			return nil
		}
		// The next file's extraction starts before this one is stored.
		if next < len(paths) {
			if err := start(); err != nil {
				return err
			}
		}
		doc, err := s.finishImport(ctx, eng, p, password, o)
		if !done(p.path, doc, err) {
			return nil
		}
	}
	return nil
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
