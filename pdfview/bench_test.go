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
// against poppler in native code that gives no boxes). The engine may split
// the book over its two workers.
func BenchmarkExtractFreeculture(b *testing.B) {
	benchExtract(b, []string{"freeculture-lessig-352p.pdf"}, func(ex *Extracted) {
		if len(ex.Pages) != 352 {
			b.Fatalf("%d pages", len(ex.Pages))
		}
	})
}

// benchExtract extracts the shared PDFs names one after another with an
// engine of two workers and, with the timer stopped, has pdftotext read
// them too; check, if not nil, looks at each extraction.
func benchExtract(b *testing.B, names []string, check func(ex *Extracted)) {
	var data [][]byte
	for _, name := range names {
		data = append(data, readCorpus(b, name))
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
			ex, err := eng.Extract(context.Background(), d, "")
			if err != nil {
				b.Fatalf("%s: %v", names[k], err)
			}
			if check != nil {
				check(ex)
			}
		}
		ours += time.Since(start)
	}
	reportExtract(b, ours, theirs)
}

// ownEngine starts an engine for b alone (not the tests' shared one),
// closed when b ends.
func ownEngine(b testing.TB, opts Options) *Engine {
	eng, err := NewEngine(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	return eng
}

// offTimer runs f (pdftotext, to compare with) with the benchmark's timer
// stopped and returns how long it took.
func offTimer(b *testing.B, f func()) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	start := time.Now()
	f()
	return time.Since(start)
}

// reportExtract reports the time of an extraction and, when pdftotext ran
// (theirs), its time and ours as a multiple of it.
func reportExtract(b *testing.B, ours, theirs time.Duration) {
	b.ReportMetric(ours.Seconds()/float64(b.N), "s/extract")
	if theirs > 0 {
		b.ReportMetric(theirs.Seconds()/float64(b.N), "s/pdftotext")
		b.ReportMetric(float64(ours)/float64(theirs), "x_pdftotext")
	}
}

// BenchmarkRenderPage draws page 1 of a two-column article at 150 dpi,
// opening the file each time as RenderPage does.
func BenchmarkRenderPage(b *testing.B) {
	data := readCorpus(b, "bmc-hsr-2014-agyeman-duah.pdf")
	eng := testEngine(b)
	for b.Loop() {
		if _, err := eng.RenderPage(context.Background(), data, "", 1, 150); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStart is the cost of NewEngine with a warm compilation cache.
func BenchmarkStart(b *testing.B) {
	testEngine(b) // fills the cache
	for b.Loop() {
		eng, err := NewEngine(Options{CacheDir: testCacheDir()})
		if err != nil {
			b.Fatal(err)
		}
		eng.Close()
	}
}
