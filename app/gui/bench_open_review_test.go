package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/pagebench"
	"cmocoder.org/cmocoder/internal/review"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/storage"
)

// BenchmarkOpenReview500FirstPage is issue 14's "app: open to first page
// drawn" on the review BenchmarkReview500 builds: 500 distinct PDFs made
// from the shared ones (a comment line appended to each), 20,000
// fragments over 60 labels, 300 CMOCs under 12 theories. To build it in
// seconds rather than minutes, each shared PDF is extracted once and its
// pages stored again under each copy's bytes, which is what adding the
// copy would store. It times, along the app's own path (as
// BenchmarkOpenBookFirstPage does), opening the project to its last
// document's first page on screen, and the UI goroutine's CPU time for
// it (ms_ui_open: building the view and showing the document, the part
// that freezes the window; the project is read on a goroutine, as
// openProject does) and ms_ui_to_page, the UI goroutine's CPU after it
// until the page is drawn (what the render worker and others hand it). CMOCODER_BENCH_DOCS sets another number of
// PDFs; CMOCODER_BENCH_PROJECT keeps the project built there for the
// next run.
func BenchmarkOpenReview500FirstPage(b *testing.B) {
	runtime.LockOSThread() // the benchmark's goroutine plays the UI goroutine
	defer runtime.UnlockOSThread()
	n := 500
	if s := os.Getenv("CMOCODER_BENCH_DOCS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	path := os.Getenv("CMOCODER_BENCH_PROJECT")
	if path == "" {
		path = filepath.Join(b.TempDir(), "review.cmoproj")
	}
	eng := newEngine(b)
	if _, err := os.Stat(path); err != nil {
		t0 := time.Now()
		buildReview(b, eng, path, n)
		b.Logf("built %d documents in %v", n, time.Since(t0).Round(time.Second))
	}
	b.Setenv("CMOCODER_CODER", "bench")
	var ui, pumped time.Duration
	pagebench.FirstPage(b, fyne.NewSize(1260, 780), func(w fyne.Window) time.Duration {
		wall, cpu, after := openToFirstPage(b, w, path, eng)
		ui += cpu
		pumped += after
		return wall
	})
	b.ReportMetric(float64(ui.Milliseconds())/float64(b.N), "ms_ui_open")
	b.ReportMetric(float64(pumped.Microseconds())/1000/float64(b.N), "ms_ui_to_page")
}

// buildReview makes the review at path: n copies of the shared PDFs (the
// scan, which needs OCR, left out), each stored with the pages its
// original's extraction gave, then the coding of BenchmarkReview500 (review.Code).
func buildReview(b *testing.B, eng *pdfview.Engine, path string, n int) {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "pdf")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("the shared PDFs are not here")
	}
	p, err := storage.Create(path, "Review", "Ann")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	s := session.New(p)
	type original struct {
		doc   coding.Document
		pdf   []byte
		pages []coding.Page
	}
	var originals []original
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".pdf") || strings.HasPrefix(e.Name(), "scanned-") {
			continue
		}
		d, err := s.Import(context.Background(), eng, filepath.Join(dir, e.Name()), "")
		if err != nil {
			continue // one that needs a password
		}
		o := original{doc: d}
		if o.pdf, err = p.PDF(d.ID); err != nil {
			b.Fatal(err)
		}
		for k := 1; k <= d.Pages; k++ {
			pg, err := p.Page(d.ID, k)
			if err != nil {
				b.Fatal(err)
			}
			o.pages = append(o.pages, pg)
		}
		originals = append(originals, o)
	}
	if len(originals) == 0 {
		b.Skip("no shared PDF could be read")
	}
	for i := len(originals); i < n; i++ {
		o := originals[i%len(originals)]
		d := o.doc
		d.ID, d.SHA256 = "", ""
		d.FileName = fmt.Sprintf("paper-%03d.pdf", i)
		pdf := append(slices.Clone(o.pdf), fmt.Sprintf("\n%% copy %d\n", i)...)
		if _, err := p.AddDocument(d, pdf, o.pages); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := review.Code(p); err != nil {
		b.Fatal(err)
	}
}

// openToFirstPage opens the project at path in w along the app's own path
// (the project view built, attached, its last document shown, or the
// last of the list) and waits for the first page on screen: the wall
// time to it, and the UI goroutine's share (uiTime). The benchmark's
// timer is stopped for closing it again.
func openToFirstPage(b *testing.B, w fyne.Window, path string, eng *pdfview.Engine) (wall, ui, pumped time.Duration) {
	start := time.Now()
	// As openProject does: the project opened and read on a goroutine,
	// the view built on the UI goroutine.
	var s *session.Session
	var r projectRead
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		s, r, err = openAndRead(path, "bench", prefs().String(projectKey(path, "lastDocument")))
	}()
	<-done
	if err != nil {
		b.Fatal(err)
	}
	var pv *projectView
	ui = uiTime(func() {
		pv = buildProjectView(s, r)
		w.SetContent(pv.content)
		pv.ws.attach(w, func() (*pdfview.Engine, error) { return eng, nil })
		if pv.ws.doc.ID == "" {
			pv.openDocument(pv.docs[len(pv.docs)-1].ID)
		}
	})
	// The page comes through the UI queue (View.RunOnUI): run it, and
	// what else was handed to the UI goroutine meanwhile (pumped).
	deadline := start.Add(60 * time.Second)
	for shown := false; !shown; {
		pumped += uiTime(pump)
		select {
		case <-pv.ws.view.FirstPageShown():
			shown = true
		case <-time.After(time.Millisecond):
			if time.Now().After(deadline) {
				b.Fatal("no page shown within 60 s")
			}
		}
	}
	wall = time.Since(start)
	b.StopTimer()
	pv.ws.view.SetSource(nil)
	s.Close()
	b.StartTimer()
	return wall, ui, pumped
}
