package gui

import (
	"context"
	"fmt"
	"image"
	"sync"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/textdoc"
)

// textRenderer draws a text document's pages for the page view: its kept
// file is read and laid out again once, on the render worker (Lay is
// deterministic, so the pages are those stored, and Render needs the
// fonts of each run, which storage does not keep), then each page is drawn
// at the scale asked, as PDFium draws a PDF's.
func textRenderer(s *session.Session, d coding.Document, text *coding.Text) func(context.Context, int, float64) (*image.RGBA, error) {
	var once sync.Once
	var pages []textdoc.Page
	var err error
	return func(ctx context.Context, n int, dpi float64) (*image.RGBA, error) {
		once.Do(func() {
			var data []byte
			if data, err = s.PDF(d.ID); err == nil {
				pages, err = session.TextPages(d, data, text)
			}
		})
		if err != nil {
			return nil, err
		}
		if n < 1 || n > len(pages) {
			return nil, fmt.Errorf("%s has no page %d", d.FileName, n)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return textdoc.Render(&pages[n-1], dpi/72), nil
	}
}
