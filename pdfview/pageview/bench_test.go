package pageview

import (
	"context"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/pagebench"
)

// BenchmarkRenderFirstPageVsPdftoppm renders page 1 of every shared PDF at
// 150 dpi and, with the timer stopped, has poppler's pdftoppm do the same
// in the same run: x_pdftoppm is how many times longer we take (the goal is
// under 2). pdftoppm's time includes starting the process and writing the
// PPM file, ours opening the document from memory each time, as the page
// view does.
func BenchmarkRenderFirstPageVsPdftoppm(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	if len(files) == 0 {
		b.Skip("the shared test PDFs are not here")
	}
	sort.Strings(files)
	pdftoppm, lookErr := exec.LookPath("pdftoppm")
	eng := testEngine(b)
	out := b.TempDir()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			var ours, theirs time.Duration
			for i := 0; i < b.N; i++ {
				if lookErr == nil {
					b.StopTimer()
					start := time.Now()
					if err := exec.Command(pdftoppm, "-r", "150", "-f", "1", "-l", "1", f, filepath.Join(out, "p")).Run(); err != nil {
						b.Fatalf("pdftoppm: %v", err)
					}
					theirs += time.Since(start)
					b.StartTimer()
				}
				start := time.Now()
				img, err := eng.RenderPage(context.Background(), data, "", 1, 150)
				if err != nil {
					b.Fatal(err)
				}
				ours += time.Since(start)
				if img.Bounds().Dx() < 100 {
					b.Fatalf("image %v", img.Bounds())
				}
			}
			b.ReportMetric(float64(ours.Milliseconds())/float64(b.N), "ms/render")
			if theirs > 0 {
				b.ReportMetric(float64(theirs.Milliseconds())/float64(b.N), "ms/pdftoppm")
				b.ReportMetric(float64(ours)/float64(theirs), "x_pdftoppm")
			}
		})
	}
}

// BenchmarkBookFirstPageShown is the time from giving the page view the
// 352-page book (its stored text and boxes, as the app has them) to its
// first page image reaching the view: the goal is under 1 s.
func BenchmarkBookFirstPageShown(b *testing.B) {
	data, pages := extractCorpus(b, "freeculture-lessig-352p.pdf")
	eng := testEngine(b)
	pagebench.FirstPage(b, fyne.NewSize(900, 900), func(w fyne.Window) time.Duration {
		start := time.Now()
		v := New()
		w.SetContent(v)
		v.SetSource(&Source{
			Text:  coding.NewText(pages),
			Boxes: func(n int) ([]coding.Box, error) { return pages[n-1].Boxes, nil },
			Render: func(ctx context.Context, n int, dpi float64) (*image.RGBA, error) {
				return eng.RenderPage(ctx, data, "", n, dpi)
			},
		})
		deadline := time.Now().Add(30 * time.Second)
		for v.Rendered() == 0 {
			if time.Now().After(deadline) {
				b.Fatal("no page shown within 30 s")
			}
			select {
			case f := <-uiQueue:
				f()
			case <-time.After(time.Millisecond):
			}
		}
		shown := time.Since(start)
		v.SetSource(nil)
		return shown
	})
}
