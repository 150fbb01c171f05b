package session

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// ImportOptions tune Session.Import beyond the defaults.
type ImportOptions struct {
	// OCR reads the pages without a text layer with Tesseract before the
	// document is stored (in the same one transaction).
	OCR bool
	// Lang is Tesseract's language ("" is eng).
	Lang string
	// Progress, if set, hears about every page OCRed (done, total).
	Progress func(done, total int)
	// OCRFailed, if set, hears why OCR could not be done; the document is
	// imported all the same, as without OCR (still marked needs OCR).
	OCRFailed func(err error)
}

func importOptions(opts []ImportOptions) ImportOptions {
	if len(opts) == 0 {
		return ImportOptions{}
	}
	return opts[0]
}

// hasText tells whether a page has any visible character.
func hasText(p coding.Page) bool {
	return strings.ContainsFunc(p.Text, func(r rune) bool { return !unicode.IsSpace(r) })
}

// blankPages lists the pages (1-based) without any visible character.
func blankPages(pages []coding.Page) []int {
	var out []int
	for i, p := range pages {
		if !hasText(p) {
			out = append(out, i+1)
		}
	}
	return out
}

// ocrPages OCRs the listed pages of pages (which Extract or the project
// gave) and returns a copy of pages with them replaced, the document's new
// needs-OCR flag and warnings: the text-layer warnings go, and one saying
// which pages came from OCR is added. Pages OCR left blank (a blank sheet)
// stay blank.
func ocrPages(ctx context.Context, eng *pdfview.Engine, pdf []byte, password string, pages []coding.Page, which []int,
	warnings []string, o ImportOptions) ([]coding.Page, bool, []string, error) {
	geom := make([]coding.Page, len(which))
	for i, n := range which {
		geom[i] = pages[n-1]
	}
	got, err := eng.OCRPages(ctx, pdf, password, geom, pdfview.OCROptions{Lang: o.Lang, Progress: o.Progress})
	if err != nil {
		return nil, false, nil, err
	}
	out := slices.Clone(pages)
	var read []int
	for i, n := range which {
		out[n-1] = got[i]
		if hasText(got[i]) {
			read = append(read, n)
		}
	}
	needsOCR, w := afterOCR(out, read, warnings)
	return out, needsOCR, w, nil
}

// afterOCR works out a document's needs-OCR flag and warnings once the
// pages read have text from OCR: the text-layer warnings go, one saying
// which pages came from OCR comes, and pages still blank are named.
func afterOCR(out []coding.Page, read []int, warnings []string) (bool, []string) {
	var w []string
	for _, s := range warnings {
		if s == pdfview.WarnNeedsOCR || strings.HasSuffix(s, ": no text layer") || strings.HasSuffix(s, pdfview.WarnOCR) {
			continue
		}
		w = append(w, s)
	}
	if len(read) > 0 {
		w = append(w, pdfview.OCRWarning(read))
	}
	needsOCR := true
	for _, p := range out {
		if hasText(p) {
			needsOCR = false
			break
		}
	}
	if blank := blankPages(out); len(blank) > 0 && !needsOCR {
		w = append(w, pdfview.PageList(blank)+": no text, even by OCR")
	} else if needsOCR {
		w = append(w, pdfview.WarnNeedsOCR)
	}
	return needsOCR, w
}

// OCROptions are those of Session.OCR.
type OCROptions struct {
	Password string // of an encrypted PDF (never stored)
	Lang     string // Tesseract's language; "" is eng
	// All reads every page by OCR, not only those without text.
	All      bool
	Progress func(done, total int)
}

// OCR reads the pages of a document already in the project that have no
// text layer (or all of them, with All) with Tesseract and stores their
// text and boxes in place of the empty ones, in one transaction. A
// document with coded fragments is refused (its offsets must not move),
// before any OCR. The undo history is cleared: no change made before may
// be replayed against the new text.
//
// The reading and the OCR run without holding the history, so OCR may run
// on a worker while the UI goroutine undoes; only storing the text and
// forgetting the history are one step.
func (s *Session) OCR(ctx context.Context, eng *pdfview.Engine, docID string, o OCROptions) (coding.Document, error) {
	const op = "ocr"
	d, err := s.store.Document(docID)
	if err != nil {
		return d, err
	}
	frags, err := s.store.Fragments(d.ID)
	if err != nil {
		return d, err
	}
	if err := coding.CheckNewText(d, len(frags)); err != nil {
		return d, err
	}
	if _, err := pdfview.FindTesseract(); err != nil {
		return d, err
	}
	pdf, err := s.store.PDF(d.ID)
	if err != nil {
		return d, err
	}
	pages := make([]coding.Page, d.Pages)
	for i := range pages {
		if pages[i], err = s.store.Page(d.ID, i+1); err != nil {
			return d, err
		}
	}
	which := blankPages(pages)
	if o.All {
		which = which[:0]
		for i := range pages {
			which = append(which, i+1)
		}
	}
	if len(which) == 0 {
		return d, coding.Errorf(coding.KindInvalid, op, DocumentName(d), "every page has text already (--all reads them all by OCR)")
	}
	out, needsOCR, warnings, err := ocrPages(ctx, eng, pdf, o.Password, pages, which, d.Warnings,
		ImportOptions{Lang: o.Lang, Progress: o.Progress})
	if err != nil {
		if errors.Is(err, pdfview.ErrNoTesseract) {
			return d, err
		}
		return d, coding.E(coding.KindInvalid, op, DocumentName(d), err)
	}
	s.inTurn(func() {
		d, err = s.store.ReplaceText(d.ID, out, needsOCR, warnings)
		if err == nil {
			s.forgetHistory()
		}
	})
	return d, err
}

// importOCR reads the blank pages of a freshly extracted PDF by OCR when o
// asks for it, updating ex in place. OCR that cannot be done is reported
// to o.OCRFailed and the document goes in without it; only a canceled
// import is an error.
func importOCR(ctx context.Context, eng *pdfview.Engine, pdf []byte, password string, ex *pdfview.Extracted, o ImportOptions) error {
	if !o.OCR {
		return nil
	}
	which := blankPages(ex.Pages)
	if len(which) == 0 {
		return nil
	}
	pages, needsOCR, warnings, err := ocrPages(ctx, eng, pdf, password, ex.Pages, which, ex.Warnings, o)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		if o.OCRFailed != nil {
			o.OCRFailed(err)
		}
		return nil
	}
	ex.Pages, ex.NeedsOCR, ex.Warnings = pages, needsOCR, warnings
	return nil
}
