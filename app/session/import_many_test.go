package session

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// importAllFiles lays out, in a temporary folder, three PDFs, a text
// document between them, a copy of the first PDF under another name and
// a file that is not there, and returns their paths in that order. The
// copy comes right after the first: it is read before the first is
// stored.
func importAllFiles(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	layout := filepath.Join("..", "..", "testdata", "pdf-layout")
	link := func(name, src string) string {
		data, err := os.ReadFile(filepath.Join(layout, src))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("Interview notes.\nThe second line.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{
		link("a.pdf", "pdftex-jss-2007-matrix-dots.pdf"),
		link("a-copy.pdf", "pdftex-jss-2007-matrix-dots.pdf"),
		notes,
		link("b.pdf", "word365-multiple-tables.pdf"),
		filepath.Join(dir, "missing.pdf"),
		link("c.pdf", "libreoffice-two-authors-title-page.pdf"),
	}
}

// told is what ImportAll told about one file.
type told struct {
	name string
	doc  coding.Document
	err  error
}

func importAll(t *testing.T, s *Session, paths []string, stopAfter string) []told {
	t.Helper()
	var got []told
	err := s.ImportAll(context.Background(), nil, paths, "", func(path string, doc coding.Document, err error) bool {
		got = append(got, told{filepath.Base(path), doc, err})
		return filepath.Base(path) != stopAfter
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestImportAll: the files go in in the order given, each told about in
// that order, with the same documents Import makes one at a time; a PDF
// given twice goes in once, and a missing file costs only itself.
func TestImportAll(t *testing.T) {
	paths := importAllFiles(t)
	s := newSession(t, "all")
	got := importAll(t, s, paths, "")

	var names []string
	for _, g := range got {
		names = append(names, g.name)
	}
	if want := []string{"a.pdf", "a-copy.pdf", "notes.txt", "b.pdf", "missing.pdf", "c.pdf"}; !slices.Equal(names, want) {
		t.Fatalf("told about %v, want %v", names, want)
	}
	for _, i := range []int{0, 2, 3, 5} {
		if got[i].err != nil {
			t.Errorf("%s: %v", got[i].name, got[i].err)
		}
	}
	if err := got[1].err; !coding.IsKind(err, coding.KindExists) || got[1].doc.ID != got[0].doc.ID {
		t.Errorf("a-copy.pdf: %v (document %q), want it refused as a.pdf (%q)", err, got[1].doc.ID, got[0].doc.ID)
	}
	if err := got[4].err; !coding.IsKind(err, coding.KindNotFound) {
		t.Errorf("missing.pdf: %v, want not found", err)
	}

	wantStored(t, s, "a.pdf", "notes.txt", "b.pdf", "c.pdf")

	// One at a time, in a project of its own, each makes the same document.
	one := newSession(t, "one")
	for _, i := range []int{0, 2, 3, 5} {
		doc, err := one.Import(context.Background(), nil, paths[i], "")
		if err != nil {
			t.Fatal(err)
		}
		a, b := got[i].doc, doc
		if a.Title != b.Title || a.Pages != b.Pages || a.Chars != b.Chars || a.SHA256 != b.SHA256 ||
			strings.Join(a.Warnings, "|") != strings.Join(b.Warnings, "|") {
			t.Errorf("%s: ImportAll made %q, %d pages, %d chars, %v; Import %q, %d, %d, %v",
				got[i].name, a.Title, a.Pages, a.Chars, a.Warnings, b.Title, b.Pages, b.Chars, b.Warnings)
		}
	}
}

// TestImportAllStops: when done says stop, the files after are not added,
// though they may have been extracted already.
func TestImportAllStops(t *testing.T) {
	paths := importAllFiles(t)
	s := newSession(t, "stop")
	got := importAll(t, s, paths, "notes.txt")
	if len(got) != 3 {
		t.Fatalf("told about %d files, want 3 (a.pdf, a-copy.pdf, notes.txt)", len(got))
	}
	docs, err := s.store.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Errorf("project holds %d documents, want 2", len(docs))
	}
}

// TestRoomAhead: ImportAll reads on ahead one file per worker and one
// waiting, within the bounds on files, pages and bytes held, and reads a
// large PDF alone.
func TestRoomAhead(t *testing.T) {
	running := func(size int) *pendingImport {
		return &pendingImport{f: fileImport{data: make([]byte, size)}, ready: make(chan struct{})}
	}
	extracted := func(pages int) *pendingImport {
		p := &pendingImport{ex: &pdfview.Extracted{Pages: make([]coding.Page, pages)}, ready: make(chan struct{})}
		close(p.ready)
		return p
	}
	const small, big = 1 << 20, bigPDF + 1
	for _, c := range []struct {
		name  string
		ahead []*pendingImport
		next  int64
		want  bool
	}{
		{"nothing ahead", nil, small, true},
		{"nothing ahead, a large PDF next", nil, big, true},
		{"two extracting", []*pendingImport{running(small), running(small)}, small, true},
		{"three extracting", []*pendingImport{running(small), running(small), running(small)}, small, false},
		{"a large PDF extracting", []*pendingImport{running(big)}, small, false},
		{"a large PDF next, one extracting", []*pendingImport{running(small)}, big, false},
		{"a large PDF next, none extracting", []*pendingImport{extracted(10)}, big, true},
		{"a book's pages held", []*pendingImport{extracted(352), extracted(60), running(small)}, small, false},
		{"a book held", []*pendingImport{extracted(352), running(small)}, small, true},
		{"too many files", []*pendingImport{extracted(1), extracted(1), extracted(1), extracted(1),
			extracted(1), extracted(1), extracted(1), running(small)}, small, false},
	} {
		if got := roomAhead(c.ahead, c.next, 3); got != c.want { // 2 workers
			t.Errorf("%s: roomAhead = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestOneMoreThread: an import runs with one more Go processor than
// before, imports at once still with only one more, and the last to end
// puts the number back.
func TestOneMoreThread(t *testing.T) {
	t.Setenv("GOMAXPROCS", "") // an explicit setting is put back as it was
	os.Unsetenv("GOMAXPROCS")
	before := runtime.GOMAXPROCS(0)
	end1 := oneMoreThread()
	if got := runtime.GOMAXPROCS(0); got != before+1 {
		t.Fatalf("during an import: %d processors, want %d", got, before+1)
	}
	end2 := oneMoreThread()
	if got := runtime.GOMAXPROCS(0); got != before+1 {
		t.Fatalf("during two imports: %d processors, want %d", got, before+1)
	}
	end1()
	if got := runtime.GOMAXPROCS(0); got != before+1 {
		t.Fatalf("one of two imports ended: %d processors, want %d", got, before+1)
	}
	end2()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("after the imports: %d processors, want %d", got, before)
	}
}
