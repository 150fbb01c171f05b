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
	name := filepath.Base(path)
	if err := checkTextSize(path); err != nil {
		return doc, err
	}
	if !IsTextName(name) {
		if err := CheckPDFSize("add", path); err != nil {
			return doc, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return doc, coding.E(coding.KindNotFound, "add", path, coding.PathCause(err))
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if d, ok, err := s.store.HasPDF(sha); err != nil {
		return doc, err
	} else if ok {
		return d, coding.Errorf(coding.KindExists, "add", name, "already in the project as %s", DocumentName(d))
	}
	if IsTextDocument(name, data) {
		doc, pages, err := textDocument("add", name, sha, data)
		if err != nil {
			return doc, err
		}
		return s.store.AddDocument(doc, data, pages)
	}
	if eng == nil { // a caller that expected a text document
		if eng, err = NewEngine(); err != nil {
			return doc, err
		}
		defer eng.Close()
	}
	ex, err := eng.Extract(ctx, data, password)
	if err != nil {
		return doc, coding.E(coding.KindInvalid, "add", name, err)
	}
	if err := ReadByOCR(ctx, eng, data, password, ex, importOptions(opts)); err != nil {
		return doc, coding.E(coding.KindInvalid, "add", name, err)
	}
	doc = coding.Document{
		FileName:  name,
		Title:     pdfview.GuessTitle(ex.Info.Title, ex.Pages, name),
		SHA256:    sha,
		Authors:   ex.Info.Authors,
		Year:      ex.Info.Year,
		Reference: coding.Reference{DOI: ex.Info.DOI}, // matches a reference list's record
		NeedsOCR:  ex.NeedsOCR,
		Warnings:  ex.Warnings,
	}
	return s.store.AddDocument(doc, data, ex.Pages)
}
