package session

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestImportAllForFile: ImportOptions.ForFile gives each file, in order,
// its own options and context, and hears when it has been stored, before
// done does. A file whose context is canceled (the app's Cancel of its
// OCR) is not added; the files after it still are.
func TestImportAllForFile(t *testing.T) {
	paths := importAllFiles(t)
	unmapped := filepath.Join("..", "..", "testdata", "pdf-unmapped", "distiller-type1c-font-ascent-descent.pdf")
	paths = slices.Insert(paths, 1, unmapped) // its OCR is canceled
	s := newSession(t, "for file")

	var events []string
	opts := ImportOptions{ForFile: func(ctx context.Context, path string) (context.Context, ImportOptions, func()) {
		name := filepath.Base(path)
		events = append(events, "for "+name)
		o := ImportOptions{Progress: func(done, total int) {
			events = append(events, fmt.Sprintf("OCR %d of %d of %s", done, total, name))
		}}
		if path == unmapped {
			var cancel context.CancelFunc
			ctx, cancel = context.WithCancel(ctx)
			cancel()
		}
		return ctx, o, func() { events = append(events, "end "+name) }
	}}
	var errs []error
	err := s.ImportAll(context.Background(), nil, paths, "", func(path string, _ coding.Document, err error) bool {
		events = append(events, "told "+filepath.Base(path))
		errs = append(errs, err)
		return true
	}, opts)
	if err != nil {
		t.Fatal(err)
	}

	var want []string
	for _, p := range paths {
		name := filepath.Base(p)
		want = append(want, "for "+name)
		if p == unmapped {
			want = append(want, "OCR 0 of 1 of "+name)
		}
		want = append(want, "end "+name, "told "+name)
	}
	if !slices.Equal(events, want) {
		t.Errorf("events\n%q\nwant\n%q", events, want)
	}
	if len(errs) != len(paths) || errs[1] == nil {
		t.Errorf("errors %v: want the canceled file refused", errs)
	}
	wantStored(t, s, "a.pdf", "notes.txt", "b.pdf", "c.pdf")
}

// wantStored fails the test unless the project holds the files named, in
// that order.
func wantStored(t *testing.T, s *Session, want ...string) {
	t.Helper()
	docs, err := s.store.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, d := range docs {
		stored = append(stored, d.FileName)
	}
	if !slices.Equal(stored, want) {
		t.Errorf("project holds %v, want %v", stored, want)
	}
}
