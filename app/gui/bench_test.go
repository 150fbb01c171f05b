package gui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/internal/pagebench"
	"cmocoder.org/cmocoder/storage"
)

// BenchmarkOpenBookFirstPage is the time from opening a project holding
// the 352-page book to its first page on screen, along the app's own path:
// open the project file, build the project view (documents, fragments),
// read the stored text, the PDF bytes, and render page 1 with the app's
// engine (started before the clock: the app starts it once). The goal is
// under 1 s.
func BenchmarkOpenBookFirstPage(b *testing.B) {
	book := sharedFile(b, "testdata", "pdf", "freeculture-lessig-352p.pdf")
	b.Setenv("CMOCODER_CODER", "bench")
	path := filepath.Join(b.TempDir(), "book.cmoproj")
	p, err := storage.Create(path, "Book", "bench")
	if err != nil {
		b.Fatal(err)
	}
	eng := newEngine(b)
	if _, err := (session.New(p)).Import(context.Background(), eng, book, ""); err != nil {
		b.Fatal(err)
	}
	p.Close()
	pagebench.FirstPage(b, fyne.NewSize(1260, 780), func(w fyne.Window) time.Duration {
		wall, _, _ := openToFirstPage(b, w, path, eng)
		return wall
	})
}
