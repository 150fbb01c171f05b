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
// without it, file by file in turns in the same run so that both meet the
// same load. It reports both times per round and their ratio (with/without);
// a round where the check OCRs anything fails, as none of these PDFs needs
// it.
func BenchmarkAutoOCRCheck(b *testing.B) {
	pdfs := sharedBenchPDFs(b)
	eng := testEngine(b)
	ctx := context.Background()

	b.Run("extract", func(b *testing.B) {
		datas := make([][]byte, len(pdfs))
		for i, p := range pdfs {
			var err error
			if datas[i], err = os.ReadFile(p); err != nil {
				b.Fatal(err)
			}
		}
		compareRuns(b, len(pdfs), func(noAuto bool, i int) {
			ex, err := eng.Extract(ctx, datas[i], "")
			if err != nil {
				b.Fatal(err)
			}
			if err := ReadByOCR(ctx, eng, datas[i], "", ex, ImportOptions{noAuto: noAuto}); err != nil {
				b.Fatal(err)
			}
			checkNoOCR(b, pdfs[i], ex.Warnings)
		}, func() {})
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
		var with, without *Session // fresh projects for each round
		var open []*storage.Project
		defer func() {
			for _, p := range open {
				p.Close()
			}
		}()
		newSession := func() *Session {
			p, err := storage.Create(filepath.Join(b.TempDir(), "bench.cmoproj"), "Bench", "bench")
			if err != nil {
				b.Fatal(err)
			}
			open = append(open, p)
			return New(p)
		}
		compareRuns(b, len(pdfs), func(noAuto bool, i int) {
			s := with
			if noAuto {
				s = without
			}
			d, err := s.Import(ctx, eng, pdfs[i], "", ImportOptions{noAuto: noAuto})
			if err != nil {
				b.Fatal(err)
			}
			checkNoOCR(b, pdfs[i], d.Warnings)
		}, func() { with, without = newSession(), newSession() })
	})
}

// compareRuns times run(noAuto, i) with the check (noAuto false) and
// without it for each of n files, the two back to back and in turns which
// goes first, so that both meet the same load; setup (untimed) comes
// before each round of the n files. It reports the mean time of a round
// with and without the check and their ratio.
func compareRuns(b *testing.B, n int, run func(noAuto bool, i int), setup func()) {
	var with, without time.Duration
	timed := func(noAuto bool, i int) {
		start := time.Now()
		run(noAuto, i)
		if noAuto {
			without += time.Since(start)
		} else {
			with += time.Since(start)
		}
	}
	// One untimed round first: the engine's spare instances and the
	// caches are then warm for both.
	setup()
	for i := range n {
		run(true, i)
		run(false, i)
	}
	with, without = 0, 0
	b.ResetTimer()
	for round := range b.N {
		setup()
		for i := range n {
			first := (round+i)%2 == 0
			timed(first, i)
			timed(!first, i)
		}
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
