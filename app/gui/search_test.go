package gui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// Esc in the search box clears the box and the hits and gives the keys
// back to the page.
func TestSearchEscClears(t *testing.T) {
	ws, w := openWorkspace(t)
	ws.shortcut(&fyneCtrlF)
	test.Type(ws.search, "Lilongwe")
	if len(ws.hits) == 0 {
		t.Fatal("no hits for Lilongwe")
	}
	ws.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ws.search.Text != "" || len(ws.hits) != 0 || ws.searchInfo.Text != "" {
		t.Errorf("after Esc: box %q, %d hits, info %q", ws.search.Text, len(ws.hits), ws.searchInfo.Text)
	}
	if f, _ := w.Canvas().Focused().(fyne.CanvasObject); f != ws.view.Content() {
		t.Error("after Esc the page view does not have the keys")
	}
}

// A search stays with its document: opening another one shows it without
// the term or its hits, and coming back does not bring them back.
func TestSearchStaysWithItsDocument(t *testing.T) {
	ws, _ := openWorkspace(t)
	first := ws.doc
	other := importTestPDF(t, ws.session, "habibi-arabic-rotated-pages.pdf")
	ws.shortcut(&fyneCtrlF)
	test.Type(ws.search, "a")
	if len(ws.hits) == 0 {
		t.Fatal("no hits for a")
	}
	ws.showDocument(other)
	if ws.search.Text != "" || len(ws.hits) != 0 || ws.searchInfo.Text != "" {
		t.Errorf("in another document: box %q, %d hits, info %q", ws.search.Text, len(ws.hits), ws.searchInfo.Text)
	}
	ws.showDocument(first)
	if ws.search.Text != "" || len(ws.hits) != 0 {
		t.Errorf("back in the first document: box %q, %d hits", ws.search.Text, len(ws.hits))
	}
	// Searching again searches the document shown.
	test.Type(ws.search, "Lilongwe")
	if len(ws.hits) == 0 {
		t.Error("a new search finds nothing")
	}
}

// importTestPDF adds one of the shared test PDFs to a session's project.
func importTestPDF(t *testing.T, s *session.Session, name string) coding.Document {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "testdata", "pdf", name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("shared test PDF %s not found (../shared beside the checkout, as in CI)", path)
	}
	eng, err := session.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	d, err := s.Import(context.Background(), eng, path, "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// On the page, the first Esc drops the selection (the hit Enter selected)
// and the next one the search.
func TestSearchEscOnThePage(t *testing.T) {
	ws, w := openWorkspace(t)
	ws.shortcut(&fyneCtrlF)
	test.Type(ws.search, "Lilongwe")
	ws.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ws.view.Focus()
	esc := func() { w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }
	esc()
	if s, e := ws.view.Selection(); s != e || len(ws.hits) == 0 || ws.search.Text != "Lilongwe" {
		t.Errorf("after one Esc: selection %d-%d, %d hits, box %q; want no selection, the search kept", s, e, len(ws.hits), ws.search.Text)
	}
	esc()
	if len(ws.hits) != 0 || ws.search.Text != "" {
		t.Errorf("after two: %d hits, box %q", len(ws.hits), ws.search.Text)
	}
}
