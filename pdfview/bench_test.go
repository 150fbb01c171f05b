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
// against poppler in native code that gives no boxes). "default" may split
// the book over the engine's two workers; "interruptible" has wazero's
// termination checks on (Options.Interruptible) and does not split.
func BenchmarkExtractFreeculture(b *testing.B) {
	const name = "freeculture-lessig-352p.pdf"
	data := readCorpus(b, name)
	pdftotext, lookErr := exec.LookPath("pdftotext")
	for _, interruptible := range []bool{false, true} {
		mode := "default"
		if interruptible {
			mode = "interruptible"
		}
		b.Run(mode, func(b *testing.B) {
			eng := ownEngine(b, Options{CacheDir: testCacheDir(), Workers: 2, Interruptible: interruptible})
			var ours, theirs time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if lookErr == nil {
					theirs += offTimer(b, func() {
						if err := exec.Command(pdftotext, filepath.Join(corpusDir, name), os.DevNull).Run(); err != nil {
							b.Fatal(err)
						}
					})
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
			reportExtract(b, ours, theirs)
		})
	}
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
