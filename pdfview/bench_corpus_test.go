package pdfview

import (
	"context"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// BenchmarkExtractCorpus extracts all the shared PDFs one after another
// (reading order and all) and, in the same run with the timer stopped, has
// pdftotext read them too. x_pdftotext is our time over poppler's: below 1
// is faster. The 352-page book alone is BenchmarkExtractFreeculture.
func BenchmarkExtractCorpus(b *testing.B) {
	var names []string
	for _, c := range corpus {
		names = append(names, c.file)
	}
	benchExtract(b, names, nil)
}

// BenchmarkLayoutBook is the cost of the reading-order pass alone over the
// book's 352 pages (fed the extracted pages, which costs the same as
// PDFium's order: every glyph is placed again).
func BenchmarkLayoutBook(b *testing.B) {
	data := readCorpus(b, "freeculture-lessig-352p.pdf")
	ex, err := testEngine(b).Extract(context.Background(), data, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range ex.Pages {
			layoutPage(pageText{text: []rune(p.Text), boxes: p.Boxes},
				coding.Box{X0: p.X0, Y0: p.Y0, X1: p.X1, Y1: p.Y1}, p.Rotation)
		}
	}
}
