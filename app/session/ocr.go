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
	// document is stored (in the same one transaction). Pages whose fonts
	// have no usable character map are read by OCR without it.
	OCR bool
	// Lang is Tesseract's language ("" is eng).
	Lang string
	// Progress, if set, hears (0, total) when OCR begins and then about
	// every page OCRed (done, total): an import that needs no OCR never
	// calls it.
	Progress func(done, total int)
	// OCRFailed, if set, hears why OCR could not be done; the document is
	// imported all the same, as without OCR (still marked needs OCR).
	OCRFailed func(err error)
	// ForFile, if set, is asked by ImportAll (Import does not use it),
	// when a file's turn to be stored comes, for the context and options
	// of that file alone: canceling that context stops that file, which
	// is not added, and not the files after it, whose extraction goes on
	// under ImportAll's context. ctx is ImportAll's; end is called once
	// the file is stored or not, before ImportAll's done hears of it.
	ForFile func(ctx context.Context, path string) (fileCtx context.Context, o ImportOptions, end func())
	// Reading, if set, hears from ImportAll (on its caller's goroutine)
	// that it starts reading paths[i]: the files after the one being
	// stored are read ahead, in order.
	Reading func(i int)

	// noAuto leaves the pages whose fonts have no usable character map as
	// they are: only for measuring what looking for them costs.
	noAuto bool
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

// ocrPlan is which pages (1-based) to read by OCR: those without a text
// layer, and those whose fonts have no usable character map.
type ocrPlan struct {
	blank, unmapped []int
}

// pages lists them all in page order.
func (p ocrPlan) pages() []int {
	out := append(slices.Clone(p.blank), p.unmapped...)
	slices.Sort(out)
	return slices.Compact(out)
}

// ocrPages OCRs the pages plan lists of pages (which Extract or the
// project gave) and returns a copy of pages with them replaced, the
// document's new needs-OCR flag and warnings: the text-layer warnings go,
// and ones saying which pages came from OCR, and why, are added. Pages OCR
// left blank stay as they were: blank, or the unreadable text they had.
func ocrPages(ctx context.Context, eng *pdfview.Engine, pdf []byte, password string, pages []coding.Page, plan ocrPlan,
	warnings []string, o ImportOptions) ([]coding.Page, bool, []string, error) {
	which := plan.pages()
	geom := make([]coding.Page, len(which))
	for i, n := range which {
		geom[i] = pages[n-1]
	}
	if o.Progress != nil {
		o.Progress(0, len(which)) // OCR begins: the app shows it, with Cancel
	}
	got, err := eng.OCRPages(ctx, pdf, password, geom, pdfview.OCROptions{Lang: o.Lang, Progress: o.Progress})
	if err != nil {
		return nil, false, nil, err
	}
	out := slices.Clone(pages)
	var read ocrPlan
	for i, n := range which {
		if !hasText(got[i]) {
			continue
		}
		out[n-1] = got[i]
		if slices.Contains(plan.unmapped, n) {
			read.unmapped = append(read.unmapped, n)
		} else {
			read.blank = append(read.blank, n)
		}
	}
	needsOCR, w := afterOCR(out, plan, read, warnings)
	return out, needsOCR, w, nil
}

// afterOCR works out a document's needs-OCR flag and warnings once the
// pages of plan that OCR could read (read) have its text: the warnings it
// answers go, those saying which pages came from OCR come, the one about
// U+FFFD is made again for the pages as they are now, and blank pages OCR
// could not read either are named.
func afterOCR(out []coding.Page, plan, read ocrPlan, warnings []string) (bool, []string) {
	var w []string
	for _, s := range warnings {
		if s == pdfview.WarnNeedsOCR || pdfview.IsReplacementWarning(s) ||
			len(plan.blank) > 0 && strings.HasSuffix(s, ": no text layer") {
			continue
		}
		w = append(w, s)
	}
	// A page read again (`ocr --all` after OCR at import) is named in one
	// OCR line only, not in the old one too.
	w = pdfview.OCRLines(w, read.unmapped, read.blank)
	if s := pdfview.ReplacementWarning(out); s != "" {
		w = append(w, s)
	}
	needsOCR := !slices.ContainsFunc(out, hasReadable)
	var still []int
	for _, n := range plan.blank {
		if !hasText(out[n-1]) {
			still = append(still, n)
		}
	}
	if needsOCR {
		w = append(w, pdfview.WarnNeedsOCR)
	} else if len(still) > 0 {
		w = append(w, pdfview.PageList(still)+": no text, even by OCR")
	}
	return needsOCR, w
}

// hasReadable tells whether a page has any character that can be read.
func hasReadable(p coding.Page) bool {
	return strings.ContainsFunc(p.Text, func(r rune) bool { return !unicode.IsSpace(r) && !pdfview.Unreadable(r) })
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
// text layer or whose fonts have no usable character map
// (pdfview.MostlyUnreadable), or all of them with All, with Tesseract and stores their
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
	plan := ocrPlan{blank: blankPages(pages), unmapped: pdfview.UnreadablePages(pages)}
	if o.All {
		plan.blank = plan.blank[:0]
		for i := range pages {
			if !slices.Contains(plan.unmapped, i+1) {
				plan.blank = append(plan.blank, i+1)
			}
		}
	}
	if len(plan.pages()) == 0 {
		return d, coding.Errorf(coding.KindInvalid, op, DocumentName(d), "every page has text already (--all reads them all by OCR)")
	}
	out, needsOCR, warnings, err := ocrPages(ctx, eng, pdf, o.Password, pages, plan, d.Warnings,
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

// ReadByOCR reads the pages of a freshly extracted PDF that need it by
// OCR, updating ex in place: always those whose fonts have no usable
// character map (pdfview.MostlyUnreadable), and with o.OCR those without a
// text layer too. OCR that cannot be done is reported to o.OCRFailed and
// the document stays as Extract read it; only a canceled context is an
// error. A PDF with no such page costs one look at its text.
func ReadByOCR(ctx context.Context, eng *pdfview.Engine, pdf []byte, password string, ex *pdfview.Extracted, o ImportOptions) error {
	var plan ocrPlan
	if o.OCR {
		plan.blank = blankPages(ex.Pages)
	}
	if !o.noAuto {
		plan.unmapped = pdfview.UnreadablePages(ex.Pages)
	}
	if len(plan.blank)+len(plan.unmapped) == 0 {
		return nil
	}
	pages, needsOCR, warnings, err := ocrPages(ctx, eng, pdf, password, ex.Pages, plan, ex.Warnings, o)
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
