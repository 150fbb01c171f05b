package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/storage"
)

// BenchmarkAutoOCRCheck measures what looking for pages whose fonts have
// no usable character map costs the PDFs that have none: every shared PDF
// is extracted (extract --ocr auto) and added (add), with the check and
// without it, alternately in the same run so that both meet the same
// load. It reports both times per round and their ratio (with/without);
// a round where the check OCRs anything fails, as none of these PDFs needs
// it.
func BenchmarkAutoOCRCheck(b *testing.B) {
	pdfs := sharedBenchPDFs(b)
	eng, err := NewEngine()
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	ctx := context.Background()

	b.Run("extract", func(b *testing.B) {
		datas := make([][]byte, len(pdfs))
		for i, p := range pdfs {
			if datas[i], err = os.ReadFile(p); err != nil {
				b.Fatal(err)
			}
		}
		round := func(noAuto bool) {
			for i, data := range datas {
				ex, err := eng.Extract(ctx, data, "")
				if err != nil {
					b.Fatal(err)
				}
				if err := ReadByOCR(ctx, eng, data, "", ex, ImportOptions{noAuto: noAuto}); err != nil {
					b.Fatal(err)
				}
				checkNoOCR(b, pdfs[i], ex.Warnings)
			}
		}
		compareRounds(b, round, func() {})
	})

	// The check alone, on the corpus's pages extracted once: what the
	// two above differ by, without the noise of extraction.
	b.Run("check", func(b *testing.B) {
		var pages []coding.Page
		for _, p := range pdfs {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			ex, err := eng.Extract(ctx, data, "")
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, ex.Pages...)
		}
		b.ResetTimer()
		for range b.N {
			if got := pdfview.UnreadablePages(pages); len(got) > 0 {
				b.Fatalf("pages %v of the corpus are mostly unreadable", got)
			}
		}
		b.ReportMetric(float64(len(pages)), "pages")
	})

	b.Run("add", func(b *testing.B) {
		var s *Session
		round := func(noAuto bool) {
			for _, p := range pdfs {
				d, err := s.Import(ctx, eng, p, "", ImportOptions{noAuto: noAuto})
				if err != nil {
					b.Fatal(err)
				}
				checkNoOCR(b, p, d.Warnings)
			}
		}
		var open []*storage.Project
		defer func() {
			for _, p := range open {
				p.Close()
			}
		}()
		compareRounds(b, round, func() {
			p, err := storage.Create(filepath.Join(b.TempDir(), "bench.cmoproj"), "Bench", "bench")
			if err != nil {
				b.Fatal(err)
			}
			open = append(open, p)
			s = New(p)
		})
	})
}

// compareRounds runs round with the check and without it b.N times each,
// alternating which goes first (an even b.N, e.g. -benchtime 4x, is
// fairest), each after a fresh setup (untimed), and reports their mean
// times and ratio.
func compareRounds(b *testing.B, round func(noAuto bool), setup func()) {
	var with, without time.Duration
	timed := func(noAuto bool) {
		setup()
		start := time.Now()
		round(noAuto)
		if noAuto {
			without += time.Since(start)
		} else {
			with += time.Since(start)
		}
	}
	// One untimed round first: the engine's spare instances and the
	// caches are then warm for both.
	setup()
	round(true)
	b.ResetTimer()
	for i := range b.N {
		first := i%2 == 0
		timed(first)
		timed(!first)
	}
	b.StopTimer()
	b.ReportMetric(float64(with.Milliseconds())/float64(b.N), "ms-with-check/op")
	b.ReportMetric(float64(without.Milliseconds())/float64(b.N), "ms-without/op")
	b.ReportMetric(float64(with)/float64(without), "with/without")
}

// checkNoOCR fails when the check read a page of a shared PDF by OCR.
func checkNoOCR(b *testing.B, name string, warnings []string) {
	for _, w := range warnings {
		if strings.HasSuffix(w, pdfview.WarnUnmappedOCR) {
			b.Fatalf("%s: %s", filepath.Base(name), w)
		}
	}
}

// sharedBenchPDFs are the shared PDFs but the scan, as BenchmarkAddShared
// uses them.
func sharedBenchPDFs(b *testing.B) []string {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "pdf")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("no shared PDFs")
	}
	var pdfs []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pdf") && !strings.HasPrefix(e.Name(), "scanned-") {
			pdfs = append(pdfs, filepath.Join(dir, e.Name()))
		}
	}
	return pdfs
}
