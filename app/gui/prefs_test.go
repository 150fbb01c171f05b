package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// demoWithSecondDocument starts a test app for the coder tester and makes
// a copy of the demo project with a second document, a copy of the first
// one's pages and boxes under another title: it returns the project's
// path and that document's ID.
func demoWithSecondDocument(t *testing.T) (path, second string) {
	t.Helper()
	s := openDemoStore(t)
	defer s.Close()
	path = s.Path()
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	first := docs[0]
	var pages []coding.Page
	for n := 1; n <= first.Pages; n++ {
		p, err := s.Page(first.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	d, err := s.AddDocument(coding.Document{FileName: "second.pdf", Title: "The second study"}, nil, pages)
	if err != nil {
		t.Fatal(err)
	}
	return path, d.ID
}

// newViewOf opens the project at path for coder and makes its view, as the
// app does before it shows it.
func newViewOf(t testing.TB, path, coder string) (*session.Session, *projectView) {
	t.Helper()
	s, err := session.OpenSession(path, coder)
	if err != nil {
		t.Fatal(err)
	}
	pv, err := newProjectView(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, pv
}

// openView opens the project at path as the app does: the view made,
// shown in the window, then attached to it.
func openView(t *testing.T, path string) (*projectView, fyne.Window) {
	t.Helper()
	s, pv := newViewOf(t, path, "tester")
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1260, 780))
	pv.win = w
	w.SetContent(withToolTips(pv.content, w.Canvas()))
	pv.ws.attach(w, nil)
	t.Cleanup(func() {
		w.Close()
		s.Close()
	})
	return pv, w
}

// A restart: the reviewer opens the second document, scrolls to page 4,
// shows the Matrix tab and closes the project; opened again (the same
// preferences), it shows that document at that page on that tab.
func TestRestartKeepsPlace(t *testing.T) {
	path, second := demoWithSecondDocument(t)

	pv, _ := openView(t, path)
	if pv.ws.doc.ID == second {
		t.Fatal("the second document is open before it was picked")
	}
	pv.docList.Select(1)
	pv.ws.view.GoToPage(4)
	if pv.ws.doc.ID != second || pv.ws.view.Page() != 4 {
		t.Fatalf("open %s at page %d, want %s at page 4", pv.ws.doc.ID, pv.ws.view.Page(), second)
	}
	pv.showTab("Matrix")
	pv.close()
	pv.session.Close()

	again, _ := openView(t, path)
	if again.ws.doc.ID != second || again.heading.Text != "The second study" {
		t.Errorf("reopened on %q (%s), want the second study", again.heading.Text, again.ws.doc.ID)
	}
	if p := again.ws.view.Page(); p != 4 {
		t.Errorf("reopened at page %d, want 4", p)
	}
	if tab := again.tabsView.tabs.Selected().Text; tab != "Matrix" {
		t.Errorf("reopened on the %s tab, want Matrix", tab)
	}
	// The first document keeps its own position: the top.
	again.showTab("Documents")
	again.docList.Select(0)
	if p := again.ws.view.Page(); p != 1 {
		t.Errorf("the first document opened at page %d, want 1", p)
	}
}

// The window opens at the size it had when it was closed; at first, and
// after a damaged value, at 1260×780.
func TestWindowSizeRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if s := savedWindowSize(p); s != fyne.NewSize(1260, 780) {
		t.Errorf("first start at %v", s)
	}
	saveWindowSize(p, fyne.NewSize(1500, 900))
	if s := savedWindowSize(p); s != fyne.NewSize(1500, 900) {
		t.Errorf("restart at %v, want 1500×900", s)
	}
	p.SetFloat(prefWindowWidth, -3)
	if s := savedWindowSize(p); s != fyne.NewSize(1260, 780) {
		t.Errorf("after a damaged width at %v", s)
	}
}

// A document shown again (after OCR or an import) stays where the reader
// is, not where it was when last left.
func TestShownAgainKeepsPlace(t *testing.T) {
	path, second := demoWithSecondDocument(t)
	pv, _ := openView(t, path)
	pv.docList.Select(1)
	pv.ws.view.GoToPage(2)
	pv.docList.Select(0) // page 2 of the second one remembered
	pv.docList.Select(1)
	pv.ws.view.GoToPage(5)
	pv.reloadDocument(second)
	if p := pv.ws.view.Page(); p != 5 {
		t.Errorf("shown again at page %d, want 5", p)
	}
}
