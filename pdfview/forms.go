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
// any other text. RenderPage flattens the same way, so the page image
// shows the very glyphs whose boxes a highlight uses.
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

// flattenFormFields draws the visible form fields of page into its
// content, reloading the page, and returns the fields' rectangles (nil
// when it drew none), for placeFormValues.
func flattenFormFields(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, page requests.Page) ([]coding.Box, error) {
	// Without an interactive form (/AcroForm) there are no fields to show:
	// one call saves looking at every link of every page of an article.
	ft, err := inst.FPDF_GetFormType(&requests.FPDF_GetFormType{Document: doc})
	if err != nil || ft.FormType == enums.FPDF_FORMTYPE_NONE {
		return nil, err
	}
	n, err := inst.FPDFPage_GetAnnotCount(&requests.FPDFPage_GetAnnotCount{Page: page})
	if err != nil || n.Count == 0 {
		return nil, err
	}
	fields, others, err := widgetRects(inst, page, n.Count)
	if err != nil || len(fields) == 0 {
		return nil, err
	}
	if err := makeAppearances(inst, doc, page); err != nil {
		return nil, err
	}
	for _, i := range others {
		if err := hideAnnotation(inst, page, i); err != nil {
			return nil, err
		}
	}
	r, err := inst.FPDFPage_Flatten(&requests.FPDFPage_Flatten{Page: page, Usage: requests.FPDFPage_FlattenUsageNormalDisplay})
	if err != nil || r.Result != responses.FPDFPage_FlattenResultSuccess {
		return nil, err
	}
	return fields, nil
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
// into the widgets (in this instance's memory only). A trap is returned;
// any other failure only leaves the appearances as the file has them.
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
// whose every glyph lies in one field is moved behind the nearest line to
// the field's left that shares its row and lies in no field, joined to it
// by a space (a field's further lines follow on lines of their own).
// Fields with their label above or below stay where the layout put them.
// Boxes move with their code points; the joining space has a zero-area
// box at the end of the label.
func placeFormValues(pt pageText, fields []coding.Box, page coding.Box, rot int) pageText {
	if len(fields) == 0 || len(pt.text) == 0 {
		return pt
	}
	d := dispFrame{page: page, rot: ((rot % 360) + 360) % 360 / 90 * 90}
	lines := formLines(pt, fields, d)
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
		if lab := labelOf(lines, d.box(fields[l.field]), l.box); lab >= 0 {
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

// formLines splits pt at its line breaks and finds each line's field.
func formLines(pt pageText, fields []coding.Box, d dispFrame) []formLine {
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
			f := fieldAt(fields, pt.boxes[k])
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

// dropRedrawnValues drops the glyphs inside a field that the page's own
// content already draws at the same place: some producers print the value
// into the page and keep the filled-in widget over it, and the flattened
// appearance (drawn after the content) would read it twice. A glyph is
// redrawn when an earlier one has the same code point and its centre is
// within a third of the glyph's height in both directions.
func dropRedrawnValues(pt *pageText, fields []coding.Box) {
	if len(fields) == 0 {
		return
	}
	// dropCodePoints compacts pt in place: look at a copy.
	text, boxes := slices.Clone(pt.text), slices.Clone(pt.boxes)
	centre := func(b coding.Box) (x, y float32) { return (b.X0 + b.X1) / 2, (b.Y0 + b.Y1) / 2 }
	redrawn := func(i int, b coding.Box) bool {
		r := text[i]
		if unicode.IsSpace(r) || fieldAt(fields, b) < 0 {
			return false
		}
		x, y := centre(b)
		tol := (b.Y1 - b.Y0) / 3
		for j := range i {
			if text[j] != r {
				continue
			}
			if u, v := centre(boxes[j]); absF32(u-x) <= tol && absF32(v-y) <= tol {
				return true
			}
		}
		return false
	}
	dropCodePoints(pt, redrawn)
}
