package pdfview

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// BenchmarkExtractCorpus extracts all the shared PDFs one after another
// (reading order and all) and, in the same run with the timer stopped, has
// pdftotext read them too. x_pdftotext is our time over poppler's: below 1
// is faster. The 352-page book alone is BenchmarkExtractFreeculture.
func BenchmarkExtractCorpus(b *testing.B) {
	var names []string
	var data [][]byte
	for _, c := range corpus {
		names = append(names, c.file)
		data = append(data, readCorpus(b, c.file))
	}
	pdftotext, lookErr := exec.LookPath("pdftotext")
	eng := ownEngine(b, Options{CacheDir: testCacheDir(), Workers: 2})
	var ours, theirs time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if lookErr == nil {
			theirs += offTimer(b, func() {
				for _, name := range names {
					// pdftotext fails on nothing here but the scan prints no text.
					_ = exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(corpusDir, name), os.DevNull).Run()
				}
			})
		}
		start := time.Now()
		for k, d := range data {
			if _, err := eng.Extract(context.Background(), d, ""); err != nil {
				b.Fatalf("%s: %v", names[k], err)
			}
		}
		ours += time.Since(start)
	}
	reportExtract(b, ours, theirs)
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
