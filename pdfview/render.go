package pdfview

import (
	"context"
	"image"
	"math"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
)

// maxRenderPixels bounds one rendered image: 200 MB of RGBA (an A4 page
// at 600 dpi is 35 million pixels), drawn in PDFium's WebAssembly memory
// beside the PDF, within MemoryLimit; a caller that needs more should
// render tiles.
const maxRenderPixels = 50 << 20

// RenderPage draws page (1-based) at dpi dots per inch, rotated as the page
// says, and returns the pixels in Go memory (PDFium's buffer lives in the
// WebAssembly memory and is freed before this returns). Map a Box onto it
// as STACK.md describes: sx = W/width, sy = H/height and the formula for the
// page's rotation.
func (e *Engine) RenderPage(ctx context.Context, pdf []byte, password string, page int, dpi float64) (*image.RGBA, error) {
	if err := checkHeader(pdf); err != nil {
		return nil, err
	}
	if dpi <= 0 || math.IsNaN(dpi) || math.IsInf(dpi, 0) {
		dpi = 72
	}
	var img *image.RGBA
	err := e.run(ctx, func(ctx context.Context, inst pdfium.Pdfium) error {
		doc, err := openDocument(inst, pdf, password)
		if err != nil {
			return err
		}
		n, err := pageCount(inst, doc)
		if err != nil {
			return err
		}
		if page < 1 || page > n {
			return newError(ErrNoPage, nil, "page %d does not exist (the document has %d)", page, n)
		}
		lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: page - 1})
		if err != nil {
			return trapError(inst, err, page)
		}
		defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
		ref := requests.Page{ByReference: &lp.Page}
		// Filled-in form fields are drawn as a viewer draws them (PDFium's
		// form filler, FPDF_FFLDraw, in an environment whose callbacks
		// go-pdfium leaves unanswered), over the page, only on pages that
		// have them; see forms.go for why the page is not flattened here.
		fields, _, err := formFields(inst, doc, ref)
		if isTrap(err) {
			return trapError(inst, err, page)
		}
		size, err := inst.GetPageSize(&requests.GetPageSize{Page: ref})
		if err != nil {
			return trapError(inst, err, page)
		}
		// GetPageSize is already rotated, as the image will be.
		w := max(1, int(math.Round(size.Width*dpi/72)))
		h := max(1, int(math.Round(size.Height*dpi/72)))
		if w*h > maxRenderPixels {
			s := math.Sqrt(float64(maxRenderPixels) / float64(w*h))
			w, h = max(1, int(float64(w)*s)), max(1, int(float64(h)*s))
		}
		r, err := inst.RenderPageInPixels(&requests.RenderPageInPixels{Page: ref, Width: w, Height: h,
			RenderForm: len(fields) > 0, Document: &doc})
		if err != nil {
			return trapError(inst, err, page)
		}
		defer r.Cleanup()
		src := r.Result.Image
		if src == nil {
			return newError(ErrDamaged, nil, "not a readable PDF: the page could not be drawn")
		}
		// The pixels point into WebAssembly memory until Cleanup: copy.
		img = &image.RGBA{
			Pix:    append([]byte(nil), src.Pix...),
			Stride: src.Stride,
			Rect:   src.Rect,
		}
		return nil
	})
	return img, err
}
