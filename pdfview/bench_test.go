package pdfview

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkExtractFreeculture extracts the 352-page book and, with the
// timer stopped, has pdftotext read it too: x_pdftotext is how many times
// longer we take (PDFium in WebAssembly, one call per character and flag,
// against poppler in native code that gives no boxes).
func BenchmarkExtractFreeculture(b *testing.B) {
	const name = "freeculture-lessig-352p.pdf"
	data := readCorpus(b, name)
	eng := testEngine(b)
	pdftotext, lookErr := exec.LookPath("pdftotext")
	var ours, theirs time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if lookErr == nil {
			b.StopTimer()
			start := time.Now()
			if err := exec.Command(pdftotext, filepath.Join(corpusDir, name), os.DevNull).Run(); err != nil {
				b.Fatal(err)
			}
			theirs += time.Since(start)
			b.StartTimer()
		}
		start := time.Now()
		ex, err := eng.Extract(context.Background(), data, "")
		if err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		if len(ex.Pages) != 352 {
			b.Fatalf("%d pages", len(ex.Pages))
		}
	}
	b.ReportMetric(ours.Seconds()/float64(b.N), "s/extract")
	if theirs > 0 {
		b.ReportMetric(theirs.Seconds()/float64(b.N), "s/pdftotext")
		b.ReportMetric(float64(ours)/float64(theirs), "x_pdftotext")
	}
}
