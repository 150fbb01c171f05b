package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding/refiqda"
	"cmocoder.org/cmocoder/storage"
)

// readSample reads one of the shared REFI-QDA samples; without them the
// test is skipped.
func readSample(t *testing.T, name string) *refiqda.Input {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "refi-qda", "samples", name)
	if _, err := os.Stat(path); err != nil {
		t.Skip("the shared REFI-QDA samples are not here")
	}
	in, err := ReadREFI(path)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// newSession is a session on a new, empty project of that title, closed
// when the test ends.
func newSession(t *testing.T, title string) *Session {
	t.Helper()
	p, err := storage.Create(filepath.Join(t.TempDir(), "p.cmoproj"), title, "tester")
	if err != nil {
		t.Fatal(err)
	}
	s := New(p)
	t.Cleanup(func() { s.Close() })
	return s
}

// TestImportTextSourcesDrawn: qc's sample brings its two text sources in
// as text documents the app can draw: format "txt", the source's GUID as
// ID, a title from the text (qc names none), and a file whose layout
// today is the stored text.
func TestImportTextSourcesDrawn(t *testing.T) {
	in := readSample(t, "qc-1.3.2-demo.qdpx")
	s := newSession(t, "Texts")
	var warnings []string
	added, _, err := s.ImportFile(context.Background(), in, func(w string) { warnings = append(warnings, w) })
	if err != nil {
		t.Fatal(err)
	}
	if added.Documents != 2 {
		t.Errorf("%d documents added, want 2; warnings %q", added.Documents, warnings)
	}
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{"33663939-3636-3632-3038-613431643463": true, "66653866-6334-3535-3435-366637306566": true}
	for _, d := range docs {
		if d.Format != "txt" || !ids[d.ID] || d.Title == "" || strings.Contains(d.Title, "\n") || !strings.HasSuffix(d.FileName, ".txt") {
			t.Errorf("document %s: format %q, title %q, file %q", d.ID, d.Format, d.Title, d.FileName)
		}
		data, err := s.PDF(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := s.Text(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		pages, err := TextPages(d, data, stored)
		if err != nil {
			t.Errorf("document %s is not drawn: %v", d.ID, err)
		} else if len(pages) != d.Pages {
			t.Errorf("document %s: %d pages laid out, %d stored", d.ID, len(pages), d.Pages)
		}
	}
}
