package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// Import reads one PDF, extracts its text with eng and adds it to the
// project in one transaction; a text document (.txt .docx .odt .html .md
// .rtf: IsTextDocument) is read and laid out on pages by textdoc instead.
// A file already in the project (same SHA-256) is refused before any
// extraction, with KindExists. eng may be nil, as text documents need
// none: a PDF then gets an engine of its own. warnings are what the
// reviewer should know about a document that did go in (e.g. a scan).
// Pages whose fonts have no usable character map are read by OCR first,
// and with ImportOptions.OCR those without a text layer too (ReadByOCR).
func (s *Session) Import(ctx context.Context, eng *pdfview.Engine, path, password string, opts ...ImportOptions) (doc coding.Document, err error) {
	f, err := s.readImport(path)
	if err != nil {
		return f.doc, err
	}
	if f.text {
		return s.store.AddDocument(f.doc, f.data, f.pages)
	}
	if eng == nil { // a caller that expected a text document
		if eng, err = NewEngine(); err != nil {
			return doc, err
		}
		defer eng.Close()
	}
	ex, err := eng.Extract(ctx, f.data, password)
	if err != nil {
		return doc, coding.E(coding.KindInvalid, "add", f.name, err)
	}
	return s.storePDF(ctx, eng, f, ex, password, importOptions(opts))
}

// fileImport is a file on its way into the project: read, hashed and
// found not to be in it yet.
type fileImport struct {
	name, sha string
	data      []byte
	// text is set for a text document, read by textdoc into doc and
	// pages; doc is also the one found when the file is in the project
	// already.
	text  bool
	doc   coding.Document
	pages []coding.Page
}

// readImport reads the file at path and refuses it if it is too large or
// already in the project (KindExists, with the document it is); a text
// document (IsTextDocument) it reads into pages as well.
func (s *Session) readImport(path string) (f fileImport, err error) {
	f.name = filepath.Base(path)
	if err := checkTextSize(path); err != nil {
		return f, err
	}
	if !IsTextName(f.name) {
		if err := CheckPDFSize("add", path); err != nil {
			return f, err
		}
	}
	if f.data, err = os.ReadFile(path); err != nil {
		return f, coding.E(coding.KindNotFound, "add", path, coding.PathCause(err))
	}
	sum := sha256.Sum256(f.data)
	f.sha = hex.EncodeToString(sum[:])
	if err := s.notYetIn(f.name, f.sha, &f.doc); err != nil {
		return f, err
	}
	if IsTextDocument(f.name, f.data) {
		f.text = true
		f.doc, f.pages, err = textDocument("add", f.name, f.sha, f.data)
		return f, err
	}
	return f, nil
}

// notYetIn refuses with KindExists a file (name, SHA-256) the project
// holds already, and then sets *doc to the document it is.
func (s *Session) notYetIn(name, sha string, doc *coding.Document) error {
	d, ok, err := s.store.HasPDF(sha)
	if err != nil {
		return err
	}
	if ok {
		*doc = d
		return coding.Errorf(coding.KindExists, "add", name, "already in the project as %s", DocumentName(d))
	}
	return nil
}

// storePDF reads by OCR what ReadByOCR says should be, guesses the title
// and adds the extracted PDF f to the project.
func (s *Session) storePDF(ctx context.Context, eng *pdfview.Engine, f fileImport, ex *pdfview.Extracted, password string, o ImportOptions) (coding.Document, error) {
	if err := ReadByOCR(ctx, eng, f.data, password, ex, o); err != nil {
		return coding.Document{}, coding.E(coding.KindInvalid, "add", f.name, err)
	}
	doc := coding.Document{
		FileName:  f.name,
		Title:     pdfview.GuessTitle(ex.Info.Title, ex.Pages, f.name),
		SHA256:    f.sha,
		Authors:   ex.Info.Authors,
		Year:      ex.Info.Year,
		Reference: coding.Reference{DOI: ex.Info.DOI}, // matches a reference list's record
		NeedsOCR:  ex.NeedsOCR,
		Warnings:  ex.Warnings,
	}
	return s.store.AddDocument(doc, f.data, ex.Pages)
}
