package pdfview

import (
	"encoding/binary"
	"errors"
	"slices"
	"unicode"

	"cmocoder.org/cmocoder/coding"
	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
)

// Form fields (AcroForm widgets) hold what a filled form says: the name
// typed into a claim form, the option picked in a list. PDFium's text page
// reads only the page's content stream, where the labels are; a widget's
// value is drawn by its appearance stream (/AP /N), which is not part of
// it, so without help a filled form reads "First name: Last name:" with
// nothing after either.
//
// flattenFormFields makes the widgets' appearance streams part of the
// page's content (FPDFPage_Flatten) before the text page is loaded, so
// each value is read where it is drawn, with a box per code point from
// the glyphs PDFium placed, and takes its place in the reading order like
// any other text. The page's own text is still read from the page as it
// was (see separate). RenderPage draws the fields with PDFium's form
// filler (FPDF_FFLDraw), from the same appearance streams, so the page
// image shows the glyphs whose boxes a highlight uses; it does not
// flatten, as flattening can spoil the page's own fonts.
//
// Why flattening, and not the field values (FPDFAnnot_GetFormFieldValue)
// with boxes made up inside the widget's /Rect: the appearance stream is
// what a reader sees (a formatted "232,324.00" where /V holds "232324", a
// combo box's chosen label, a value wrapped over lines, a field turned on
// the page), and it is drawn once, so each value is read once. Adding /V
// as well would give every value twice; /V alone would give boxes that
// match no glyph. Widgets without an appearance stream draw nothing in
// any viewer that does not make one and so add nothing here either.
//
// Only widgets are flattened: FPDFPage_Flatten would also merge the other
// annotations that have an appearance (comments, stamps, highlights), so
// those are hidden first (in this instance's copy of the document, which
// is thrown away after the call) and are left out as before.
//
// The document is changed only in this instance's memory, and only on
// pages that have a widget to show.

// pageForm is what a page's form fields add to its text.
type pageForm struct {
	fields []coding.Box // the widgets' rectangles
	// content is the page's text before the fields were drawn into it.
	content pageText
	// values maps the code points the fields' appearances drew (known by
	// separate) to the index of their field.
	values map[glyphKey]int
}

// glyphKey is a code point where it is drawn: layout keeps every box, so
// it still finds a glyph after the order has changed.
type glyphKey struct {
	r rune
	b coding.Box
}

// flattenFormFields draws the visible form fields of page into its
// content, reloading the page, and returns what separate and
// placeFormValues need, or nil when the page has no field to draw. The
// text of the page before is read through direct, as extractPage reads it.
// Only a trap is an error: fields PDFium cannot handle leave the page's
// text as it is without them.
func flattenFormFields(inst pdfium.Pdfium, direct *wasmDirect, doc references.FPDF_DOCUMENT, page requests.Page) (*pageForm, error) {
	fields, others, err := formFields(inst, doc, page)
	if err != nil || len(fields) == 0 {
		return nil, onlyTrap(err)
	}
	content, err := readPageText(inst, direct, page)
	if err != nil {
		return nil, err
	}
	f := &pageForm{fields: fields, content: content}
	if ok, err := flattenWidgets(inst, doc, page, others); err != nil || !ok {
		// The page may be half changed: keep the text read before.
		f.fields = nil
		return f, onlyTrap(err)
	}
	return f, nil
}

// onlyTrap passes on the errors that mean the instance broke.
func onlyTrap(err error) error {
	if isTrap(err) {
		return err
	}
	return nil
}

// formFields returns the rectangles of page's widgets and the indices of
// its other annotations.
func formFields(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, page requests.Page) ([]coding.Box, []int, error) {
	// Without an interactive form (/AcroForm) there are no fields to show:
	// one call saves looking at every link of every page of an article.
	ft, err := inst.FPDF_GetFormType(&requests.FPDF_GetFormType{Document: doc})
	if err != nil || ft.FormType == enums.FPDF_FORMTYPE_NONE {
		return nil, nil, err
	}
	n, err := inst.FPDFPage_GetAnnotCount(&requests.FPDFPage_GetAnnotCount{Page: page})
	if err != nil || n.Count == 0 {
		return nil, nil, err
	}
	return widgetRects(inst, page, n.Count)
}

// flattenWidgets makes the widgets' appearances (made first where the
// file leaves that to the viewer) part of page's content, hiding the
// other annotations, and reports whether PDFium did it.
func flattenWidgets(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, page requests.Page, others []int) (bool, error) {
	if err := makeAppearances(inst, doc, page); err != nil {
		return false, err
	}
	for _, i := range others {
		if err := hideAnnotation(inst, page, i); err != nil {
			return false, err
		}
	}
	r, err := inst.FPDFPage_Flatten(&requests.FPDFPage_Flatten{Page: page, Usage: requests.FPDFPage_FlattenUsageNormalDisplay})
	if err != nil {
		return false, err
	}
	return r.Result == responses.FPDFPage_FlattenResultSuccess, nil
}

// widgetRects returns the rectangles of the widgets among page's n
// annotations and the indices of the others.
func widgetRects(inst pdfium.Pdfium, page requests.Page, n int) (fields []coding.Box, others []int, err error) {
	for i := range n {
		a, err := inst.FPDFPage_GetAnnot(&requests.FPDFPage_GetAnnot{Page: page, Index: i})
		if err != nil {
			return nil, nil, err
		}
		st, err := inst.FPDFAnnot_GetSubtype(&requests.FPDFAnnot_GetSubtype{Annotation: a.Annotation})
		var rect *responses.FPDFAnnot_GetRect
		if err == nil && st.Subtype == enums.FPDF_ANNOT_SUBTYPE_WIDGET {
			rect, err = inst.FPDFAnnot_GetRect(&requests.FPDFAnnot_GetRect{Annotation: a.Annotation})
		}
		inst.FPDFPage_CloseAnnot(&requests.FPDFPage_CloseAnnot{Annotation: a.Annotation})
		switch {
		case err != nil:
			return nil, nil, err
		case rect != nil:
			r := rect.Rect
			fields = append(fields, normBox(r.Left, r.Bottom, r.Right, r.Top))
		default:
			others = append(others, i)
		}
	}
	return fields, others, nil
}

// hideAnnotation sets the Hidden flag of page's annotation i, which
// FPDFPage_Flatten leaves alone.
func hideAnnotation(inst pdfium.Pdfium, page requests.Page, i int) error {
	a, err := inst.FPDFPage_GetAnnot(&requests.FPDFPage_GetAnnot{Page: page, Index: i})
	if err != nil {
		return err
	}
	defer inst.FPDFPage_CloseAnnot(&requests.FPDFPage_CloseAnnot{Annotation: a.Annotation})
	f, err := inst.FPDFAnnot_GetFlags(&requests.FPDFAnnot_GetFlags{Annotation: a.Annotation})
	if err != nil {
		return err
	}
	_, err = inst.FPDFAnnot_SetFlags(&requests.FPDFAnnot_SetFlags{Annotation: a.Annotation, Flags: f.Flags | enums.FPDF_ANNOT_FLAG_HIDDEN})
	return err
}

// makeAppearances has PDFium draw the appearance streams a viewer would
// make before showing page's widgets: where the form says NeedAppearances
// (LibreOffice writes empty streams and leaves the drawing to the viewer)
// and where a widget has none. PDFium does this when its form-fill
// environment loads a page (FORM_OnAfterLoadPage), writing the streams
// into the widgets (in this instance's memory only). Missing exports (another
// go-pdfium) leave the appearances as the file has them.
//
// The environment is made with direct calls and a FPDF_FORMFILLINFO with
// no callbacks at all: PDFium checks each callback before calling it, so
// none is called. go-pdfium's own FPDFDOC_InitFormFillEnvironment keys its
// callbacks by the struct's address in a table shared by every instance,
// where two workers with the same document (the same addresses) would
// answer each other's calls.
func makeAppearances(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, page requests.Page) error {
	d := newDirect(inst)
	if d == nil || page.ByReference == nil {
		return nil
	}
	docPtr, ok1 := d.handle("documentRefs", doc)
	pagePtr, ok2 := d.handle("pageRefs", *page.ByReference)
	init, exit := d.lookup("FPDFDOC_InitFormFillEnvironment"), d.lookup("FPDFDOC_ExitFormFillEnvironment")
	load, unload := d.lookup("FORM_OnAfterLoadPage"), d.lookup("FORM_OnBeforeClosePage")
	if !ok1 || !ok2 || init == nil || exit == nil || load == nil || unload == nil {
		return nil
	}
	info, err := d.call(d.malloc, formFillInfoSize)
	if err != nil || info == 0 {
		return err
	}
	defer d.call(d.free, info)
	// Version 1 (no XFA), every callback NULL.
	b := make([]byte, formFillInfoSize)
	binary.LittleEndian.PutUint32(b, 1)
	if !d.mem.Write(uint32(info), b) {
		return errors.New("could not write the form-fill info")
	}
	form, err := d.call(init, docPtr, info)
	if err != nil || form == 0 {
		return err
	}
	defer d.call(exit, form)
	if _, err := d.call(load, pagePtr, form); err != nil {
		return err
	}
	_, err = d.call(unload, pagePtr, form)
	return err
}

// formFillInfoSize is more than FPDF_FORMFILLINFO takes in 32-bit
// WebAssembly (a version number and some 40 pointers).
const formFillInfoSize = 512

// placeFormValues puts each form field's text right after its label. The
// layout reads a form's labels and values as two columns ("First name:",
// "Last name:", then "Lucía", "Garzas"), as it would a page of two text
// columns; but a value belongs with the label printed to its left on the
// same row, and a reviewer reads "First name: Lucía". So a line of pt
// whose every glyph one field drew is moved behind the nearest line to the
// field's left that shares its row and holds no field's text, joined to it
// by a space (a field's further lines follow on lines of their own).
// Fields with their label above or below stay where the layout put them.
// Boxes move with their code points; the joining space has a zero-area
// box at the end of the label.
func placeFormValues(pt pageText, form *pageForm, page coding.Box, rot int) pageText {
	if form == nil || len(form.values) == 0 || len(pt.text) == 0 {
		return pt
	}
	d := dispFrame{page: page, rot: ((rot % 360) + 360) % 360 / 90 * 90}
	lines := formLines(pt, form.values, d)
	// after[i] lists the field lines to read after line i.
	after := make(map[int][]int)
	moved := make(map[int]bool)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.field < 0 {
			continue
		}
		j := i + 1
		for j < len(lines) && lines[j].field == l.field {
			j++
		}
		if lab := labelOf(lines, d.box(form.fields[l.field]), l.box); lab >= 0 {
			for k := i; k < j; k++ {
				after[lab] = append(after[lab], k)
				moved[k] = true
			}
		}
		i = j - 1
	}
	if len(after) == 0 {
		return pt
	}
	out := pageText{text: make([]rune, 0, len(pt.text)+len(after)), boxes: make([]coding.Box, 0, len(pt.boxes)+len(after)),
		readable: pt.readable, unreadable: pt.unreadable}
	add := func(sep rune, sepBox coding.Box, l formLine) {
		if len(out.text) > 0 {
			out.text = append(out.text, sep)
			out.boxes = append(out.boxes, sepBox)
		}
		out.text = append(out.text, pt.text[l.start:l.end]...)
		out.boxes = append(out.boxes, pt.boxes[l.start:l.end]...)
	}
	for i, l := range lines {
		if moved[i] {
			continue
		}
		add('\n', pt.boxes[max(l.start-1, 0)], l)
		for k, m := range after[i] {
			if k == 0 || lines[m].field != lines[after[i][k-1]].field {
				b := out.boxes[len(out.boxes)-1]
				add(' ', coding.Box{X0: b.X1, Y0: b.Y0, X1: b.X1, Y1: b.Y0}, lines[m])
				continue
			}
			add('\n', pt.boxes[max(lines[m].start-1, 0)], lines[m])
		}
	}
	return out
}

// formLine is one line of laid-out text: code points [start, end) of the
// page, the display box of their ink and the field holding all of it
// (-1: none, or not all in one).
type formLine struct {
	start, end int
	box        dbox
	field      int
}

// formLines splits pt at its line breaks and finds each line's field
// from the field of each of its code points (values).
func formLines(pt pageText, values map[glyphKey]int, d dispFrame) []formLine {
	var lines []formLine
	start := 0
	for i := 0; i <= len(pt.text); i++ {
		if i < len(pt.text) && pt.text[i] != '\n' {
			continue
		}
		l := formLine{start: start, end: i, field: -1}
		inked := false
		for k := start; k < i; k++ {
			if unicode.IsSpace(pt.text[k]) {
				continue
			}
			f, ok := values[glyphKey{pt.text[k], pt.boxes[k]}]
			if !ok {
				f = -1
			}
			switch b := d.box(pt.boxes[k]); {
			case !inked:
				l.box, l.field, inked = b, f, true
			default:
				l.box = l.box.union(b)
				if f != l.field {
					l.field = -1
				}
			}
		}
		lines = append(lines, l)
		start = i + 1
	}
	return lines
}

// fieldAt is the index of the field holding b's centre, or -1.
func fieldAt(fields []coding.Box, b coding.Box) int {
	x, y := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	for i, f := range fields {
		if x >= f.X0 && x <= f.X1 && y >= f.Y0 && y <= f.Y1 {
			return i
		}
	}
	return -1
}

// labelOf finds the line that labels a field: in no field, ending left of
// the field's left edge, sharing at least half the height of the field's
// first line (value) and the nearest such. -1 if there is none.
func labelOf(lines []formLine, field, value dbox) int {
	best := -1
	for i, l := range lines {
		if l.field >= 0 || l.end == l.start || l.box.x1 > field.x0+1 {
			continue
		}
		if spanOverlap(l.box.y0, l.box.y1, value.y0, value.y1) < 0.5*min(l.box.h(), value.h()) {
			continue
		}
		if best < 0 || l.box.x1 > lines[best].box.x1 {
			best = i
		}
	}
	return best
}

// separate keeps of pt (the page's text after flattening) only what the
// fields drew, and puts it after the page's own text as read before
// flattening. The page's own text is not taken from the flattened page:
// PDFium's flattening can spoil the page's fonts (a pdf.js test form whose
// page resources are also the form's /DR came out as letter codes), so
// the content keeps exactly the text it had without the fields.
//
// A glyph of pt is the field's when it lies in a field and no glyph of
// the content has its box. Of those, one that a content glyph already
// draws at the same place is dropped: some producers print the value into
// the page and keep the filled-in widget over it, and it would be read
// twice; the page's copy then counts as the field's. Two glyphs are at
// the same place when one shares at least 70% of the other's width and
// their centres are within a third of the height up or down (so the dots
// of a leader, side by side, are not one dot redrawn). pt then carries f
// for placeFormValues. f may be nil.
func (f *pageForm) separate(pt *pageText) {
	if f == nil {
		return
	}
	if len(f.fields) == 0 { // flattening failed: the page as it was
		*pt = f.content
		return
	}
	left := make(map[coding.Box]int) // the content's glyphs not yet met in pt
	var under []glyphKey             // the content's glyphs inside fields
	for i, r := range f.content.text {
		if unicode.IsSpace(r) {
			continue
		}
		left[f.content.boxes[i]]++
		if fieldAt(f.fields, f.content.boxes[i]) >= 0 {
			under = append(under, glyphKey{r, f.content.boxes[i]})
		}
	}
	f.values = make(map[glyphKey]int)
	// dropCodePoints compacts pt in place: look at a copy.
	text := slices.Clone(pt.text)
	dropCodePoints(pt, func(i int, b coding.Box) bool {
		r := text[i]
		if unicode.IsSpace(r) {
			return false
		}
		if left[b] > 0 {
			left[b]--
			return true
		}
		field := fieldAt(f.fields, b)
		if field < 0 {
			return true
		}
		for _, u := range under {
			if sameGlyphPlace(u.b, b) {
				if u.r == r {
					f.values[u] = field
				}
				return true
			}
		}
		f.values[glyphKey{r, b}] = field
		return false
	})
	fieldText := *pt
	*pt = f.content
	pt.text, pt.boxes = slices.Clone(pt.text), slices.Clone(pt.boxes)
	if len(fieldText.text) > 0 {
		var end coding.Box
		if n := len(pt.boxes); n > 0 {
			b := pt.boxes[n-1]
			end = coding.Box{X0: b.X1, Y0: b.Y0, X1: b.X1, Y1: b.Y0}
		}
		pt.text = append(append(pt.text, '\n'), fieldText.text...)
		pt.boxes = append(append(pt.boxes, end), fieldText.boxes...)
	}
	pt.recount()
	pt.form = f
}

// sameGlyphPlace tells whether two boxes of the same code point are one
// glyph drawn twice.
func sameGlyphPlace(a, b coding.Box) bool {
	w := min(a.X1-a.X0, b.X1-b.X0)
	h := max(a.Y1-a.Y0, b.Y1-b.Y0)
	return w > 0 && spanOverlap(a.X0, a.X1, b.X0, b.X1) >= 0.7*w &&
		absF32((a.Y0+a.Y1)/2-(b.Y0+b.Y1)/2) <= h/3
}
