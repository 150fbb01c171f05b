package pdfview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"cmocoder.org/cmocoder/coding"
	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Extracted is everything an import needs from a PDF.
type Extracted struct {
	// Pages in order, each with its text and one box per code point.
	Pages []coding.Page
	// Info is the bibliographic information found in the file.
	Info Info
	// NeedsOCR is set when no page has any text: a scan.
	NeedsOCR bool
	// Warnings are what the reviewer should know, one line each, e.g.
	// "no text layer: needs OCR" or "pages 3–4: no text layer".
	Warnings []string
}

// WarnNeedsOCR is the warning of a document without any text.
const WarnNeedsOCR = "no text layer: needs OCR"

// Extract reads every page's text and boxes and the document information.
// password is used only if the PDF asks for one ("" opens files encrypted
// with an empty user password, as most "copy-protected" PDFs are). Errors
// are *Error: ErrNotPDF, ErrPassword, ErrDamaged, ErrTimeout, ErrCanceled
// or ErrEngine.
func (e *Engine) Extract(ctx context.Context, pdf []byte, password string) (*Extracted, error) {
	if err := checkHeader(pdf); err != nil {
		return nil, err
	}
	// The second parser reads XMP metadata while PDFium reads the pages.
	meta := startMeta(pdf, password)

	c, err := e.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer c.end()
	var ex *Extracted
	var dict infoDict
	var openErr error
	err = c.run(func(ctx context.Context, inst pdfium.Pdfium) error {
		doc, err := openDocument(inst, pdf, password)
		if err != nil {
			openErr = err
			return err
		}
		ex, dict, err = extractDocument(ctx, c, inst, doc, pdf, password)
		return err
	})
	if err != nil {
		if openErr != nil && errors.Is(err, ErrDamaged) {
			// PDFium cannot open it: ask the other parser before giving up,
			// in the time that is left.
			return fallbackExtract(c.ctx, pdf, password, err)
		}
		return nil, err
	}
	ex.Info = mergeInfo(dict, meta.wait(ctx), ex.Pages)
	return ex, nil
}

// PageCount opens a PDF just to count its pages.
func (e *Engine) PageCount(ctx context.Context, pdf []byte, password string) (int, error) {
	if err := checkHeader(pdf); err != nil {
		return 0, err
	}
	var n int
	err := e.run(ctx, func(ctx context.Context, inst pdfium.Pdfium) error {
		doc, err := openDocument(inst, pdf, password)
		if err != nil {
			return err
		}
		n, err = pageCount(inst, doc)
		return err
	})
	return n, err
}

// checkHeader refuses what is not a PDF before PDFium sees it. PDFium, like
// Acrobat, accepts a header anywhere in the first 1024 bytes.
func checkHeader(pdf []byte) error {
	if len(pdf) == 0 {
		return newError(ErrNotPDF, nil, "not a PDF file: it is empty")
	}
	if !bytes.Contains(pdf[:min(len(pdf), 1024)], []byte("%PDF-")) {
		return newError(ErrNotPDF, nil, "not a PDF file")
	}
	return nil
}

// openDocument opens pdf in inst and classifies PDFium's refusal.
func openDocument(inst pdfium.Pdfium, pdf []byte, password string) (references.FPDF_DOCUMENT, error) {
	req := &requests.OpenDocument{File: &pdf}
	if password != "" {
		req.Password = &password
	}
	resp, err := inst.OpenDocument(req)
	switch {
	case err == nil:
		return resp.Document, nil
	case errors.Is(err, pdfiumerrors.ErrPassword) && password == "":
		return "", newError(ErrPassword, err, "password required")
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return "", newError(ErrPassword, err, "wrong password")
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return "", newError(ErrDamaged, err, "not a readable PDF: unsupported encryption")
	case errors.Is(err, pdfiumerrors.ErrFormat):
		return "", newError(ErrDamaged, err, "not a readable PDF: damaged or incomplete file")
	case errors.Is(err, pdfiumerrors.ErrFile):
		return "", newError(ErrDamaged, err, "not a readable PDF: cannot read the file")
	}
	return "", trapError(inst, err, 0)
}

// engineError classifies an error from a PDFium call made on behalf of a
// file (where is e.g. "page 3", or empty).
func engineError(err error, where string) error {
	if where != "" {
		where = " on " + where
	}
	if isTrap(err) {
		return newError(ErrDamaged, err, "not a readable PDF: the pdf engine failed%s", where)
	}
	return newError(ErrDamaged, err, "not a readable PDF: %s%s", firstLine(err), where)
}

// isTrap reports errors that mean the PDFium instance itself broke: a
// WebAssembly trap, a recovered panic, or the module closed under a call.
// The instance must then be thrown away.
func isTrap(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "wasm error") || strings.Contains(s, "panic occurred") ||
		strings.Contains(s, "module closed") || strings.Contains(s, "exit_code") ||
		strings.Contains(s, "instance is closed")
}

// firstLine keeps error messages to one line (wasm errors carry a stack).
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func pageCount(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) (int, error) {
	resp, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
	if err != nil {
		return 0, engineError(err, "")
	}
	return resp.PageCount, nil
}

// pagesPerWorker is the least number of pages worth another worker: each
// one makes an instance and parses the document again (~20 ms for a book,
// a few ms for an article). At 4 an article of 8-13 pages (80-300 ms) is
// shared when a worker is idle: the corpus benchmark went from 1.77 s to
// 1.3-1.6 s on 2 busy cores (it was 16). Since the helper usually finds a
// spare instance ready (Engine.spare), 2 pays too: 4-7 page articles are
// shared as well (corpus 1.17-1.23 s against 1.26-1.30 s at 4, same runs).
const pagesPerWorker = 2

// extractDocument reads the info dictionary and every page of doc, open in
// inst. A long document is shared with the workers that are idle: those
// idle now, and those that fall idle while pages are left (when `add`
// reads several files at once, the other worker finishes its short
// article and joins the book). Each worker takes the next page nobody has
// taken yet, so that one that starts late (it has to make its instance and
// parse the file) or meets slow pages (a book's image-heavy front matter)
// does less.
func extractDocument(ctx context.Context, c *call, inst pdfium.Pdfium, doc references.FPDF_DOCUMENT,
	pdf []byte, password string) (*Extracted, infoDict, error) {
	n, err := pageCount(inst, doc)
	if err != nil {
		return nil, infoDict{}, err
	}
	if n == 0 {
		return nil, infoDict{}, newError(ErrDamaged, nil, "not a readable PDF: it has no pages")
	}
	// The helpers stop early when one of them fails: at their next page
	// (hctx), not by having their instance killed under the page they
	// read, which would then grow its memory unchecked (see wasmmem.go).
	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	t := &team{c: c, helper: &call{e: c.e, ctx: ctx, limit: c.limit}, ctx: hctx, cancel: cancel,
		pdf: pdf, password: password, next: new(atomic.Int64),
		pages: make([]coding.Page, n), stats: make([]pageStats, n)}
	for t.join() {
	}
	// The info dictionary while the helpers make their instances.
	dict := pdfiumInfo(inst, doc)
	err = extractPages(hctx, inst, doc, t.next, t.pages, t.stats, func() { t.join() })
	if err != nil {
		cancel()
	}
	t.wg.Wait()
	if err := firstError(append([]error{err}, t.errs...)); err != nil {
		return nil, dict, err
	}

	var w pageWarnings
	for i := range t.pages {
		w.add(i+1, t.stats[i])
	}
	ex := &Extracted{Pages: t.pages}
	ex.NeedsOCR, ex.Warnings = w.summary()
	return ex, dict, nil
}

// helpersStarted counts the helpers join started, for tests.
var helpersStarted atomic.Int64

// team is the workers reading one document: the call's own, which starts
// the others (join), and its helpers, each with an instance of its own.
type team struct {
	c, helper *call
	ctx       context.Context // ends when any of them fails
	cancel    context.CancelFunc
	pdf       []byte
	password  string
	next      *atomic.Int64 // the next page to take, 0-based
	pages     []coding.Page
	stats     []pageStats

	helpers int // started; only the call's own worker starts them
	wg      sync.WaitGroup
	mu      sync.Mutex
	errs    []error // the helpers' errors
}

// join starts a helper if the pages nobody has taken yet are worth one
// more worker and a worker slot is free right now that no other call is
// waiting for; it reports whether it did. A helper parses the document
// and loads its fonts again: sharing the 352-page book cost 25-45 % more
// CPU time than reading it with one worker (2026-12-03, 2 loaded cores),
// so a worker that another file can have goes to that file.
func (t *team) join() bool {
	left := len(t.pages) - int(t.next.Load())
	if len(t.pdf) > maxSplitSize || t.helpers+1 >= left/pagesPerWorker ||
		t.c.e.waiting.Load() > 0 || !t.c.extraSlot() {
		return false
	}
	t.helpers++
	helpersStarted.Add(1)
	t.wg.Go(func() {
		defer t.c.releaseSlot()
		err := t.helper.run(func(ctx context.Context, inst pdfium.Pdfium) error {
			doc, err := openDocument(inst, t.pdf, t.password)
			if err != nil {
				return err
			}
			return extractPages(t.ctx, inst, doc, t.next, t.pages, t.stats, nil)
		})
		if err != nil {
			t.cancel()
			t.mu.Lock()
			t.errs = append(t.errs, err)
			t.mu.Unlock()
		}
	})
	return true
}

// firstError picks the error to report: the first that is not merely
// another worker being stopped because of it.
func firstError(errs []error) error {
	var first error
	for _, err := range errs {
		switch {
		case err == nil:
		case !errors.Is(err, ErrCanceled) && !errors.Is(err, context.Canceled):
			return err
		case first == nil:
			first = err
		}
	}
	return first
}

// extractPages reads pages of doc into pages and stats, taking each time
// the page next says (0-based) until none is left; other workers take the
// others. before, if not nil, is called before each page is taken. The reading order of each page is rebuilt on a goroutine of its
// own while this one has PDFium read the next page (layout is Go only, a
// tenth to a fifth of a page's time, and a short document leaves a core
// idle).
func extractPages(ctx context.Context, inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, next *atomic.Int64,
	pages []coding.Page, stats []pageStats, before func()) (err error) {
	direct := newDirect(inst) // nil: go-pdfium's calls for every character
	defer direct.close()
	type laid struct {
		i  int
		p  coding.Page
		pt pageText
		ps pageStats
	}
	todo := make(chan laid, 4)
	var recount []int // pages that turned out to have little text only after layout
	var layoutErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				layoutErr = newError(ErrDamaged, fmt.Errorf("panic: %v", p), "not a readable PDF: the pdf engine failed (%v)", p)
				for range todo {
				}
			}
		}()
		for l := range todo {
			p, ps := finishPage(l.p, l.pt, l.ps)
			if ps.readable < littleText && !l.ps.counted {
				recount = append(recount, l.i)
			}
			pages[l.i], stats[l.i] = p, ps
		}
	}()
	wait := func() error {
		close(todo)
		<-done
		return layoutErr
	}
	for {
		if before != nil {
			before()
		}
		i := int(next.Add(1) - 1)
		if i >= len(pages) {
			break
		}
		if err := ctx.Err(); err != nil {
			_ = wait()
			return err
		}
		p, pt, ps, err := extractPage(inst, direct, doc, i)
		if err != nil {
			if isTrap(err) {
				_ = wait()
				return trapError(inst, err, i+1)
			}
			// One page PDFium cannot load costs that page, not the document:
			// it stays in with no text so page numbers keep their meaning.
			pages[i], stats[i] = coding.Page{Number: i + 1}, pageStats{failed: true}
			continue
		}
		todo <- laid{i, p, pt, ps}
	}
	if err := wait(); err != nil {
		return err
	}
	// Looking at the page's objects is for pages with little text after
	// layout; those that had little before it were looked at already.
	for _, i := range recount {
		if err := ctx.Err(); err != nil {
			return err
		}
		lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
		if err != nil {
			if isTrap(err) {
				return trapError(inst, err, i+1)
			}
			continue
		}
		stats[i].textObjs, stats[i].images = countObjects(inst, requests.Page{ByReference: &lp.Page})
		stats[i].counted = true
		inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	}
	return nil
}

// pageStats is what one page tells about the document's health.
type pageStats struct {
	readable    int  // code points other than white space and U+FFFD
	allReadable int  // the same before clipping to the crop box
	unreadable  int  // glyphs shown as U+FFFD
	images      bool // it has images (only looked at when it has little text)
	textObjs    int  // text objects (only counted when it has little text)
	counted     bool // textObjs and images are known
	failed      bool // PDFium could not load it
}

// extractPage reads page index (0-based) of doc, asking for each
// character's code and box through direct (wasmtext.go) if not nil, and
// clips it to the page box; finishPage then puts it in reading order.
func extractPage(inst pdfium.Pdfium, direct *wasmDirect, doc references.FPDF_DOCUMENT, index int) (coding.Page, pageText, pageStats, error) {
	p := coding.Page{Number: index + 1}
	var ps pageStats
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return p, pageText{}, ps, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}

	// The page box: FPDF_GetPageBoundingBox is the crop box clipped to the
	// media box, the area PDFium renders, in unrotated user space.
	if bb, err := inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: page}); err == nil {
		b := normBox(bb.Rect.Left, bb.Rect.Bottom, bb.Rect.Right, bb.Rect.Top)
		p.X0, p.Y0, p.X1, p.Y1 = b.X0, b.Y0, b.X1, b.Y1
	} else if sz, err := inst.FPDF_GetPageSizeByIndexF(&requests.FPDF_GetPageSizeByIndexF{Document: doc, Index: index}); err == nil {
		p.X1, p.Y1 = sz.Size.Width, sz.Size.Height
	}
	// PDFium already reduces /Rotate to 0–3 quarter turns (360 reads as 0).
	if r, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page}); err == nil {
		p.Rotation = rotationDegrees(r.PageRotation)
	}

	// Filled-in form fields are read where they are drawn: see forms.go.
	form, err := flattenFormFields(inst, direct, doc, page)
	if err != nil {
		return p, pageText{}, ps, err
	}
	pt, err := readPageText(inst, direct, page)
	if err != nil {
		return p, pageText{}, ps, err
	}
	form.separate(&pt)
	// Whether PDFium got characters out of the text objects is judged on
	// all of them, before clipping: a blank page of a print PDF may hold
	// nothing but text outside its crop box.
	ps.allReadable = pt.readable
	if p.X1 > p.X0 && p.Y1 > p.Y0 {
		clipToPage(&pt, coding.Box{X0: p.X0, Y0: p.Y0, X1: p.X1, Y1: p.Y1})
	}

	// Looking at the page's objects costs two calls per object, so only for
	// pages with little text: is it a scan (images), or are there text
	// objects PDFium could not map to characters (fonts without Unicode)?
	// "Little" is judged after layout, which never adds readable characters
	// (it may drop a soft hyphen or a zero-width one): a page with little
	// text now is looked at while it is loaded, and one that has little
	// only after layout is loaded again for it (extractPages).
	if pt.readable < littleText {
		ps.textObjs, ps.images = countObjects(inst, page)
		ps.counted = true
	}
	return p, pt, ps, nil
}

// readPageText reads page's code points and boxes in PDFium's order,
// through direct (wasmtext.go) if not nil.
func readPageText(inst pdfium.Pdfium, direct *wasmDirect, page requests.Page) (pageText, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return pageText{}, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	cc, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return pageText{}, err
	}
	var src charSource = &textPageSource{inst: inst, tp: tp.TextPage, n: max(cc.Count, 0)}
	if direct != nil {
		if ds, err := direct.source(src.(*textPageSource)); err == nil {
			defer ds.release()
			src = ds
		}
	}
	return buildPageText(src)
}

// finishPage puts a page read by extractPage in reading order.
func finishPage(p coding.Page, pt pageText, ps pageStats) (coding.Page, pageStats) {
	if p.X1 > p.X0 && p.Y1 > p.Y0 {
		page := coding.Box{X0: p.X0, Y0: p.Y0, X1: p.X1, Y1: p.Y1}
		pt = placeFormValues(layoutPage(pt, page, p.Rotation), pt.form, page, p.Rotation)
	}
	p.Text, p.Boxes = string(pt.text), pt.boxes
	ps.readable, ps.unreadable = pt.readable, pt.unreadable
	return p, ps
}

// littleText is the number of readable characters under which a page is
// inspected for images and unmapped text.
const littleText = 200

func rotationDegrees(r enums.FPDF_PAGE_ROTATION) int {
	switch r {
	case enums.FPDF_PAGE_ROTATION_90_CW:
		return 90
	case enums.FPDF_PAGE_ROTATION_180_CW:
		return 180
	case enums.FPDF_PAGE_ROTATION_270_CW:
		return 270
	}
	return 0
}

// countObjects counts a page's text objects and tells whether it has any
// image, looking one level into form XObjects (scanners often wrap the
// page image in one). It stops after maxObjects to bound the cost.
func countObjects(inst pdfium.Pdfium, page requests.Page) (texts int, images bool) {
	const maxObjects = 20000
	seen := 0
	var visit func(obj references.FPDF_PAGEOBJECT, depth int)
	visit = func(obj references.FPDF_PAGEOBJECT, depth int) {
		seen++
		t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
		if err != nil {
			return
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_TEXT:
			texts++
		case enums.FPDF_PAGEOBJ_IMAGE:
			images = true
		case enums.FPDF_PAGEOBJ_FORM:
			if depth > 1 {
				return
			}
			n, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
			if err != nil {
				return
			}
			for i := 0; i < n.Count && seen < maxObjects; i++ {
				o, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
				if err == nil {
					visit(o.PageObject, depth+1)
				}
			}
		}
	}
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return 0, false
	}
	for i := 0; i < n.Count && seen < maxObjects; i++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err == nil {
			visit(o.PageObject, 1)
		}
	}
	return texts, images
}

// textPageSource answers buildPageText's questions with PDFium calls on one
// text page, one character index at a time (never FPDFText_GetText or
// GetPageText, whose indices drift: see STACK.md).
type textPageSource struct {
	inst pdfium.Pdfium
	tp   references.FPDF_TEXTPAGE
	n    int
}

func (s *textPageSource) count() int { return s.n }

func (s *textPageSource) unicode(i int) (rune, error) {
	r, err := s.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: s.tp, Index: i})
	if err != nil {
		return 0, err
	}
	return rune(r.Unicode), nil
}

// box is the loose box: the font's ascent to descent over the advance, so
// the boxes of a line line up and a highlight is an even band.
func (s *textPageSource) box(i int) (coding.Box, error) {
	r, err := s.inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: s.tp, Index: i})
	if err != nil {
		return coding.Box{}, err
	}
	return normBox(r.Rect.Left, r.Rect.Bottom, r.Rect.Right, r.Rect.Top), nil
}

func (s *textPageSource) generated(i int) (bool, error) {
	r, err := s.inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: s.tp, Index: i})
	if err != nil {
		return false, err
	}
	return r.IsGenerated, nil
}

func (s *textPageSource) hyphen(i int) (bool, error) {
	r, err := s.inst.FPDFText_IsHyphen(&requests.FPDFText_IsHyphen{TextPage: s.tp, Index: i})
	if err != nil {
		return false, err
	}
	return r.IsHyphen, nil
}

// tight is the glyph's ink box (zero-sized for a space glyph).
func (s *textPageSource) tight(i int) (coding.Box, error) {
	r, err := s.inst.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: s.tp, Index: i})
	if err != nil {
		return coding.Box{}, err
	}
	return normBox(float32(r.Left), float32(r.Bottom), float32(r.Right), float32(r.Top)), nil
}

// pageWarnings collects per-page findings into a few lines for people.
type pageWarnings struct {
	pages      int
	withText   int
	noText     []int // blank pages with images: scans inside a text PDF
	unmapped   []int // text objects but (almost) no characters
	unreadable []int // many glyphs shown as U+FFFD
	failed     []int
}

func (w *pageWarnings) add(page int, ps pageStats) {
	w.pages++
	switch {
	case ps.failed:
		w.failed = append(w.failed, page)
		return
	case ps.readable > 0:
		w.withText++
	}
	switch {
	case ps.readable == 0 && ps.images:
		w.noText = append(w.noText, page)
	case ps.allReadable < littleText && ps.textObjs >= 2*ps.allReadable+10:
		// Text is drawn, but PDFium gets few characters out of it: fonts
		// without a Unicode map (e.g. non-embedded CJK fonts).
		w.unmapped = append(w.unmapped, page)
	}
	if manyReplaced(ps.readable, ps.unreadable) {
		w.unreadable = append(w.unreadable, page)
	}
}

// summary says whether the document needs OCR and what to warn about.
func (w *pageWarnings) summary() (needsOCR bool, warnings []string) {
	if w.withText == 0 && len(w.failed) < w.pages {
		warnings = append(warnings, WarnNeedsOCR)
		needsOCR = true
	} else if len(w.noText) > 0 {
		warnings = append(warnings, pageList(w.noText)+": no text layer")
	}
	if len(w.unmapped) > 0 {
		warnings = append(warnings, pageList(w.unmapped)+": text that cannot be read (fonts without Unicode)")
	}
	if len(w.unreadable) > 0 {
		warnings = append(warnings, pageList(w.unreadable)+": "+warnReplaced)
	}
	if len(w.failed) > 0 {
		warnings = append(warnings, pageList(w.failed)+": could not be read")
	}
	return needsOCR, warnings
}

// pagesWarning is a warning with the pages it is about in front ("pages
// 1–3: text from OCR (Tesseract)"), the warning alone without pages.
func pagesWarning(pages []int, warning string) string {
	if len(pages) == 0 {
		return warning
	}
	return pageList(pages) + ": " + warning
}

// pageList writes "page 3" or "pages 1–4, 7".
func pageList(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d", pages[0])
	}
	var b strings.Builder
	b.WriteString("pages ")
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d–%d", pages[i], pages[j])
		} else {
			fmt.Fprintf(&b, "%d", pages[i])
		}
		i = j + 1
	}
	return b.String()
}
