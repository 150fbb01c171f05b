package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
)

// Adding several files at once (File ▸ Add documents…) goes through
// Session.ImportAll, which reads the next files while one is stored; the
// rows of the import list still say, in order, what became of each.

// fakePicker has File ▸ Add documents… pick paths, as the desktop's
// dialog (zenity) would print them.
func fakePicker(t *testing.T, paths []string) {
	t.Helper()
	var out strings.Builder
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "%s\n", abs)
	}
	list := filepath.Join(t.TempDir(), "picked")
	prog := filepath.Join(t.TempDir(), "zenity")
	if err := os.WriteFile(list, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prog, []byte("#!/bin/sh\ncat '"+list+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := findPicker
	t.Cleanup(func() { findPicker = old })
	findPicker = func(string) (string, error) { return prog, nil }
	t.Setenv("DISPLAY", ":0") // the picker runs only on a desktop
}

// rowStage is how far a row of the import list has gone: 0 waiting, 1
// being read, 2 told what became of its file.
func rowStage(text string) int {
	switch {
	case strings.HasSuffix(text, ": waiting"):
		return 0
	case strings.HasSuffix(text, ": reading…"):
		return 1
	}
	return 2
}

// pumpRecording runs the UI queue one function at a time until the import
// has finished, and returns each row's texts in the order shown (each
// once) and the most rows ever shown being read at once, failing when the
// rows are ever out of order: a row read or told about before one above
// it.
func pumpRecording(t *testing.T, ws *workspace) (seen [][]string, mostReading int) {
	t.Helper()
	pumpImport(t, ws, func() {
		rows := importRows(ws)
		for len(seen) < len(rows) {
			seen = append(seen, nil)
		}
		reading := 0
		for i, r := range rows {
			if h := seen[i]; len(h) == 0 || h[len(h)-1] != r {
				seen[i] = append(h, r)
			}
			if i > 0 && rowStage(r) > rowStage(rows[i-1]) {
				t.Fatalf("rows out of order: %q", rows)
			}
			if rowStage(r) == 1 {
				reading++
			}
		}
		mostReading = max(mostReading, reading)
	})
	return seen, mostReading
}

// pumpImport runs the UI queue one function at a time, and after each
// (if not nil), until the import has finished.
func pumpImport(t *testing.T, ws *workspace, after func()) {
	t.Helper()
	deadline := time.After(120 * time.Second)
	for !strings.HasPrefix(ws.status.Text, "Import finished") {
		select {
		case f := <-uiQueue:
			f()
		case <-deadline:
			t.Fatalf("the import did not finish within 120 s: rows %q", importRows(ws))
		}
		if after != nil {
			after()
		}
	}
}

// TestAddManyPDFs: File ▸ Add documents… with five files, a non-PDF in the
// middle: each row says "waiting", then "reading…", then what became of
// its file, in order; the files read ahead while one is stored say
// "reading…" too (they said "waiting" before); the non-PDF is refused
// with its reason and the PDFs after it still go in and are listed.
func TestAddManyPDFs(t *testing.T) {
	pdfs := []string{
		sharedFile(t, "testdata", "pdf", "clef2008-qa-overview-xref-offset0.pdf"),
		sharedFile(t, "testdata", "pdf", "naacl06-shinyama-dvipdfm.pdf"),
		sharedFile(t, "testdata", "pdf", "habibi-arabic-rotated-pages.pdf"),
		sharedFile(t, "testdata", "pdf", "bmc-hsr-2014-agyeman-duah.pdf"),
	}
	bad := filepath.Join(t.TempDir(), "notes.pdf")
	if err := os.WriteFile(bad, []byte("these are notes, not a PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := slices.Insert(slices.Clone(pdfs), 2, bad)
	test.NewTempApp(t)
	ws, _ := openWorkspaceOn(t, newTestSession(t, "Many"))
	fakePicker(t, paths)

	menuAction(t, ws, "File", "Add documents…")()
	seen, mostReading := pumpRecording(t, ws)
	if mostReading < 2 {
		t.Errorf("at most %d row said reading… at once: the files read ahead said waiting", mostReading)
	}

	if ws.status.Text != "Import finished: 4 of 5 added." {
		t.Errorf("status %q", ws.status.Text)
	}
	docs, err := ws.session.Documents()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]coding.Document{}
	for _, d := range docs {
		byName[d.FileName] = d
	}
	if len(seen) != len(paths) {
		t.Fatalf("%d rows for %d files: %q", len(seen), len(paths), seen)
	}
	for i, p := range paths {
		name := filepath.Base(p)
		final := "✗ " + name + ": "
		if d, ok := byName[name]; ok {
			final = fmt.Sprintf("✓ %s: %s added", d.Title, coding.Count(d.Pages, "page"))
		} else if p != bad {
			t.Errorf("%s is not in the project", name)
		}
		h := seen[i]
		if len(h) != 3 || h[0] != name+": waiting" || h[1] != name+": reading…" || !strings.HasPrefix(h[2], final) {
			t.Errorf("row %d showed %q, want waiting, reading… and %q", i+1, h, final)
		}
	}
	var listed []string
	for _, d := range ws.pv.docs {
		listed = append(listed, d.FileName)
	}
	slices.Sort(listed)
	want := []string{"bmc-hsr-2014-agyeman-duah.pdf", "clef2008-qa-overview-xref-offset0.pdf",
		"habibi-arabic-rotated-pages.pdf", "naacl06-shinyama-dvipdfm.pdf"}
	if len(docs) != len(pdfs) || !slices.Equal(listed, want) {
		t.Errorf("%d documents stored, listed %q; want %q", len(docs), listed, want)
	}
}

// TestAddManyCancelOneOCR: Cancel in the OCR job of one of several files
// being added stops that file only: it is not added and its row says why;
// the file after it, read meanwhile, still goes in.
func TestAddManyCancelOneOCR(t *testing.T) {
	fakeTesseract(t)
	test.NewTempApp(t)
	ws, w := openWorkspaceOn(t, newTestSession(t, "Cancel one"))
	before := sharedFile(t, "testdata", "pdf", "clef2008-qa-overview-xref-offset0.pdf")
	after := sharedFile(t, "testdata", "pdf", "naacl06-shinyama-dvipdfm.pdf")

	ws.importFiles([]string{before, unmappedPDF(unmappedName), after})
	pumpUntil(t, "OCR progress", func() bool { return strings.Contains(dialogText(w), "OCR page 1 of 1 of "+unmappedName) })
	test.Tap(dialogButton(t, w, "Cancel"))
	pumpUntil(t, "end of the import", func() bool { return strings.HasPrefix(ws.status.Text, "Import finished") })

	if ws.status.Text != "Import finished: 2 of 3 added." {
		t.Errorf("status %q", ws.status.Text)
	}
	rows := importRows(ws)
	if len(rows) != 3 || !strings.HasPrefix(rows[0], "✓ ") || rows[1] != "✗ "+unmappedName+": not added: OCR canceled" ||
		!strings.HasPrefix(rows[2], "✓ ") {
		t.Errorf("rows %q", rows)
	}
	var names []string
	for _, d := range ws.pv.docs {
		names = append(names, d.FileName)
	}
	slices.Sort(names)
	if want := []string{filepath.Base(before), filepath.Base(after)}; !slices.Equal(names, want) {
		t.Errorf("listed %q, want %q", names, want)
	}
}
