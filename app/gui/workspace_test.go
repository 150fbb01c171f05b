package gui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
	"cmocoder.org/cmocoder/internal/uiqueue"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/storage"
)

// uiQueue holds what goroutines hand to the UI goroutine; the tests run it
// on their own (pump), as the GLFW driver runs it on the main goroutine.
var uiQueue = uiqueue.New()

func init() { runOnUI = uiQueue.Post }

func pump() { uiQueue.Pump() }

var (
	demoOnce sync.Once
	demoPath string
	demoErr  error
)

// sharedFile is a file of ../shared (the test PDFs, the REFI-QDA
// samples) by its path there; the test is skipped when it is missing.
func sharedFile(t testing.TB, elem ...string) string {
	t.Helper()
	path := filepath.Join(append([]string{"..", "..", "..", "shared"}, elem...)...)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is not here: the shared test files belong in ../shared beside the checkout", path)
	}
	return path
}

// newEngine starts the app's PDF engine for one test, closed when it ends.
func newEngine(t testing.TB) *pdfview.Engine {
	t.Helper()
	eng, err := session.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// demoCopy is a fresh copy of the demo project (built once per run).
func demoCopy(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := tempDirOutsideTest()
		if err != nil {
			demoErr = err
			return
		}
		demoPath = filepath.Join(dir, "demo.cmoproj")
		demoErr = session.BuildDemo(context.Background(), demoPath)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "demo.cmoproj")
	testfiles.Copy(t, demoPath, path)
	return path
}

// openDemoStore opens a copy of the demo project's store as the tester,
// in a test app, for a test to wrap before a workspace opens on it.
func openDemoStore(t *testing.T) *storage.Project {
	t.Helper()
	t.Setenv("CMOCODER_CODER", "tester")
	test.NewTempApp(t)
	p, err := storage.Open(demoCopy(t))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// openWorkspace opens a copy of the demo project in a test window, as the
// app does (without PDF rendering: the tests look at text, boxes and
// storage).
func openWorkspace(t *testing.T) (*workspace, fyne.Window) {
	t.Helper()
	t.Setenv("CMOCODER_CODER", "tester")
	test.NewTempApp(t)
	s, err := session.OpenSession(demoCopy(t), "tester")
	if err != nil {
		t.Fatal(err)
	}
	return openWorkspaceOn(t, s)
}

// openWorkspaceOn shows the Documents tab of the session's project in a
// 1260×780 test window.
func openWorkspaceOn(t *testing.T, s *session.Session) (*workspace, fyne.Window) {
	t.Helper()
	return showWorkspaceOn(t, s, readAhead(t, s))
}

// readAhead reads what the view of the session's project shows first, on
// a goroutine as openProject does.
func readAhead(t *testing.T, s *session.Session) projectRead {
	t.Helper()
	var r projectRead
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		r, err = readProject(s, prefs().String(projectKey(s.Path(), "lastDocument")))
	}()
	<-done
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// showWorkspaceOn builds the view of the session's project from what
// readAhead read and shows its Documents tab in a 1260×780 test window:
// the UI goroutine's part of opening it.
func showWorkspaceOn(t *testing.T, s *session.Session, r projectRead) (*workspace, fyne.Window) {
	t.Helper()
	t.Cleanup(func() { s.Close() })
	pv := buildProjectView(s, r)
	w := test.NewWindow(nil)
	w.SetContent(withToolTips(pv.content, w.Canvas()))
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1260, 780))
	pv.win = w
	pv.ws.attach(w, nil)
	return pv.ws, w
}

// dragOver drags across the document text [start, end) of the open
// document as the mouse would.
func dragOver(t *testing.T, ws *workspace, start, end int) {
	t.Helper()
	a, ok1 := ws.view.PointOf(start, 0.25)
	b, ok2 := ws.view.PointOf(end-1, 0.75)
	if !ok1 || !ok2 {
		t.Fatalf("no boxes for %d-%d", start, end)
	}
	c := ws.view.Content()
	c.(desktop.Mouseable).MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary})
	c.(fyne.Draggable).Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: b}, Dragged: fyne.NewDelta(b.X-a.X, b.Y-a.Y)})
	c.(fyne.Draggable).DragEnd()
	c.(desktop.Mouseable).MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: b}, Button: desktop.MouseButtonPrimary})
}

func key(ws *workspace, k fyne.KeyName) {
	ws.view.Content().(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: k})
	settleCommits(ws) // a coding key commits in the background
}

func shortcut(ws *workspace, s fyne.Shortcut) {
	ws.view.Content().(fyne.Shortcutable).TypedShortcut(s)
}

// stored is what the project file holds for the open document.
func stored(t *testing.T, ws *workspace) []coding.Fragment {
	t.Helper()
	frags, err := ws.session.Fragments(ws.doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	return frags
}

func findFragment(frags []coding.Fragment, text string) *coding.Fragment {
	for i, f := range frags {
		if strings.Join(strings.Fields(f.Text), " ") == text {
			return &frags[i]
		}
	}
	return nil
}

const sentence = "Efforts in the past to achieve these objectives were short-lived, and largely unsuccessful."

// A reviewer drags across a sentence, presses C, then − : the fragment is
// stored with that text, role and valence, shown in the fragment list and
// the coding panel, and the status line says what happened.
func TestSelectAndCodeWithKeys(t *testing.T) {
	ws, w := openWorkspace(t)
	start, end, ok := session.FindWords(ws.text.String(), sentence)
	if !ok {
		t.Fatal("sentence not in the demo text")
	}
	before := len(stored(t, ws))
	dragOver(t, ws, start, end)
	if s, e := ws.view.Selection(); s != start || e != end {
		t.Fatalf("selection %d-%d, want %d-%d", s, e, start, end)
	}
	if !strings.HasPrefix(ws.panel.title.Text, "Code the selection · p.1") || !strings.Contains(ws.panel.quote.Text, "Efforts in the past") {
		t.Errorf("coding panel shows %q / %q", ws.panel.title.Text, ws.panel.quote.Text)
	}
	if w.Canvas().Focused() != ws.view.Content().(fyne.Focusable) {
		t.Error("the page did not take the focus")
	}
	key(ws, fyne.KeyC)

	frags := stored(t, ws)
	f := findFragment(frags, sentence)
	if len(frags) != before+1 || f == nil {
		t.Fatalf("stored %d fragments (had %d); none with the sentence", len(frags), before)
	}
	if f.Role != coding.Context || f.Start != start || f.End != end || f.Page != 1 || f.Coder != "tester" {
		t.Errorf("stored %+v", *f)
	}
	if s, e := ws.view.Selection(); s != e {
		t.Error("the selection stayed after coding")
	}
	if ws.current != f.ID || !strings.HasPrefix(ws.panel.title.Text, "Fragment · Context") {
		t.Errorf("panel title %q", ws.panel.title.Text)
	}
	if !strings.Contains(strings.Join(ws.fragments.texts(), "\n"), "C Efforts in the past") {
		t.Errorf("fragment list: %q", ws.fragments.texts())
	}
	if !strings.HasPrefix(ws.status.Text, "Coded Context on p.1") {
		t.Errorf("status %q", ws.status.Text)
	}

	// − gives it a negative valence, R makes it a mechanism resource.
	ws.view.Content().(fyne.Focusable).TypedRune('-')
	key(ws, fyne.KeyR)
	f = findFragment(stored(t, ws), sentence)
	if f.Valence != coding.Negative || f.Role != coding.Resource {
		t.Errorf("after - and R: %s %q", f.Role, f.Valence)
	}
	if !strings.Contains(strings.Join(ws.fragments.texts(), "\n"), "M res− Efforts") {
		t.Errorf("fragment list: %q", ws.fragments.texts())
	}
}

// Without a selection a role key codes nothing and says why.
func TestRoleKeyWithoutSelection(t *testing.T) {
	ws, _ := openWorkspace(t)
	before := len(stored(t, ws))
	key(ws, fyne.KeyO)
	if len(stored(t, ws)) != before {
		t.Error("a fragment was coded without a selection")
	}
	if !strings.Contains(ws.status.Text, "Select a passage first") {
		t.Errorf("status %q", ws.status.Text)
	}
}

// Ctrl+Z and Ctrl+Shift+Z (and Ctrl+Y), typed while the page has the
// focus, undo and redo the coding, in storage and on screen.
func TestUndoRedo(t *testing.T) {
	ws, _ := openWorkspace(t)
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	before := len(stored(t, ws))
	dragOver(t, ws, start, end)
	key(ws, fyne.KeyO)
	ws.view.Content().(fyne.Focusable).TypedRune('+')
	if f := findFragment(stored(t, ws), sentence); f == nil || f.Valence != coding.Positive {
		t.Fatalf("coded %+v", f)
	}

	shortcut(ws, &fyne.ShortcutUndo{}) // the valence
	if f := findFragment(stored(t, ws), sentence); f == nil || f.Valence != coding.NoValence {
		t.Fatalf("after one undo: %+v", f)
	}
	shortcut(ws, &fyne.ShortcutUndo{}) // the fragment
	if n := len(stored(t, ws)); n != before {
		t.Fatalf("after two undos %d fragments, want %d", n, before)
	}
	if len(ws.fragments.shown) != before || ws.current != "" {
		t.Errorf("the list shows %d fragments, current %q", len(ws.fragments.shown), ws.current)
	}
	if ws.redoButton.Disabled() {
		t.Error("redo button disabled with something to redo")
	}

	shortcut(ws, &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if findFragment(stored(t, ws), sentence) == nil {
		t.Fatal("Ctrl+Shift+Z did not bring the fragment back")
	}
	shortcut(ws, &fyne.ShortcutRedo{}) // Ctrl+Y
	if f := findFragment(stored(t, ws), sentence); f == nil || f.Valence != coding.Positive {
		t.Fatalf("Ctrl+Y did not redo the valence: %+v", f)
	}
	if len(ws.fragments.shown) != before+1 {
		t.Errorf("the list shows %d fragments after redo", len(ws.fragments.shown))
	}
	if !ws.redoButton.Disabled() {
		t.Error("redo button enabled with nothing to redo")
	}
}

// The fragment list filters by role and text; clicking a fragment opens
// it in the coding panel, where labels (with a new one) and memo are
// edited and saved, and Delete removes it (Ctrl+Z brings it back).
func TestFragmentListEditDelete(t *testing.T) {
	ws, _ := openWorkspace(t)
	all := len(ws.fragments.shown)
	if all != 5 {
		t.Fatalf("the demo's list shows %d fragments", all)
	}
	ws.fragments.role.SetSelected(coding.Outcome.Title())
	if len(ws.fragments.shown) != 1 || !strings.HasPrefix(ws.fragments.texts()[0], "O− neither") {
		t.Fatalf("outcome filter: %q", ws.fragments.texts())
	}
	if !strings.Contains(ws.fragments.heading.Text, "1 of 5") {
		t.Errorf("heading %q", ws.fragments.heading.Text)
	}
	ws.fragments.role.SetSelected(allRoles)
	ws.fragments.filter.SetText("motivation")
	if len(ws.fragments.shown) != 1 {
		t.Fatalf("text filter: %q", ws.fragments.texts())
	}
	ws.fragments.filter.SetText("")

	// Click the outcome fragment.
	var target coding.Fragment
	for i, f := range ws.fragments.shown {
		if f.Role == coding.Outcome {
			target = f
			ws.fragments.list.Select(i)
		}
	}
	if ws.current != target.ID || !strings.HasPrefix(ws.panel.title.Text, "Fragment · Outcome −") {
		t.Fatalf("panel %q, current %q", ws.panel.title.Text, ws.current)
	}
	if ws.view.Page() != target.Page {
		t.Errorf("the view shows page %d, the fragment is on %d", ws.view.Page(), target.Page)
	}
	if ws.panel.labelBox.Text != "Accountability" {
		t.Errorf("labels box %q", ws.panel.labelBox.Text)
	}

	// Autocomplete: "lea" suggests Leadership; Enter completes it.
	ws.panel.labelBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(ws.panel.labelBox, ", lea")
	sugg := ws.panel.suggestions()
	if len(sugg) == 0 || sugg[0] != "Leadership" {
		t.Errorf("suggestions %q", sugg)
	}
	ws.panel.complete()
	if ws.panel.labelBox.Text != "Accountability, Leadership, " {
		t.Errorf("completed to %q", ws.panel.labelBox.Text)
	}
	test.Type(ws.panel.labelBox, "Ownership")
	ws.panel.memo.SetText("Nobody is answerable.")
	ws.panel.labelBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // saves labels and memo
	f, err := ws.session.Fragment(target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(f.Labels, ",") != "Accountability,Leadership,Ownership" || f.Memo != "Nobody is answerable." {
		t.Errorf("saved labels %q memo %q", f.Labels, f.Memo)
	}
	if _, err := ws.session.Fragment(target.ID); err != nil {
		t.Fatal(err)
	}
	labels, _ := ws.session.Labels()
	names := []string{}
	for _, l := range labels {
		names = append(names, l.Name)
	}
	if !strings.Contains(strings.Join(names, ","), "Ownership") {
		t.Errorf("the new label is not in the codebook: %q", names)
	}
	// The new label is announced and its definition asked for.
	if !strings.Contains(ws.status.Text, "New in the codebook: “Ownership”") {
		t.Errorf("status %q", ws.status.Text)
	}
	if ws.win.Canvas().Overlays().Top() == nil {
		t.Error("no dialog asks for the new label's definition")
	}
	ws.win.Canvas().Overlays().Top().Hide()

	// Delete, then undo.
	ws.view.Focus()
	key(ws, fyne.KeyDelete)
	if _, err := ws.session.Fragment(target.ID); !coding.IsKind(err, coding.KindNotFound) {
		t.Fatalf("after Delete: %v", err)
	}
	if len(ws.fragments.shown) != 4 {
		t.Errorf("list shows %d after delete", len(ws.fragments.shown))
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	if _, err := ws.session.Fragment(target.ID); err != nil {
		t.Errorf("undo did not bring the fragment back: %v", err)
	}
}

// Ctrl+F goes to the search box; typing highlights every hit; Enter moves
// to the next one and selects it.
func TestSearch(t *testing.T) {
	ws, w := openWorkspace(t)
	ws.shortcut(&fyneCtrlF)
	if w.Canvas().Focused() != ws.search {
		t.Fatal("Ctrl+F did not focus the search box")
	}
	test.Type(ws.search, "Lilongwe")
	if len(ws.hits) < 2 || !strings.HasSuffix(ws.searchInfo.Text, "hits") {
		t.Fatalf("%d hits, info %q", len(ws.hits), ws.searchInfo.Text)
	}
	ws.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s, e := ws.view.Selection()
	if got := ws.text.Slice(s, e); got != "Lilongwe" {
		t.Errorf("Enter selected %q", got)
	}
	if ws.searchInfo.Text != "1 of "+itoa(len(ws.hits)) {
		t.Errorf("info %q", ws.searchInfo.Text)
	}
	ws.search.SetText("")
	if len(ws.hits) != 0 {
		t.Error("hits stay after the search is cleared")
	}
}

var fyneCtrlF = desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}

func itoa(n int) string { return strconv.Itoa(n) }

// tempDirOutsideTest is a folder that outlives one test (the demo project
// is built once for all of them).
func tempDirOutsideTest() (string, error) { return os.MkdirTemp("", "cmocoder-app-test") }

// After a fragment is picked, selecting another passage offers to move
// the fragment there; doing so changes its span in storage.
func TestMoveFragmentSpan(t *testing.T) {
	ws, _ := openWorkspace(t)
	var target coding.Fragment
	for i, f := range ws.fragments.shown {
		if f.Page == 1 {
			target = f
			ws.fragments.list.Select(i)
		}
	}
	if ws.current != target.ID {
		t.Fatal("no fragment on page 1 picked")
	}
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	dragOver(t, ws, start, end)
	if !ws.panel.move.Visible() || !strings.Contains(ws.panel.move.Text, "Move the C fragment (p.1)") {
		t.Fatalf("move button %v %q", ws.panel.move.Visible(), ws.panel.move.Text)
	}
	test.Tap(ws.panel.move)
	f, err := ws.session.Fragment(target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Start != start || f.End != end || f.Role != target.Role || strings.Join(f.Labels, ",") != strings.Join(target.Labels, ",") {
		t.Errorf("after the move: %+v", f)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	if f, _ := ws.session.Fragment(target.ID); f.Start != target.Start {
		t.Errorf("undo left the span at %d-%d", f.Start, f.End)
	}
}

// Importing two files, one good and one not a PDF: each gets a row that
// ends with what became of it, the good one goes in and is listed, the
// bad one is reported with its reason.
func TestImportFilesReportsEach(t *testing.T) {
	good := sharedFile(t, "testdata", "pdf", "hindawi-rrp-2010-tully.pdf")
	ws, _ := openWorkspace(t)
	bad := filepath.Join(t.TempDir(), "notes.pdf")
	os.WriteFile(bad, []byte("these are notes, not a PDF"), 0o644)
	ws.importFiles([]string{good, bad})
	deadline := time.Now().Add(60 * time.Second)
	done := false
	for !done && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		pump()
		done = strings.HasPrefix(ws.status.Text, "Import finished")
	}
	if !done {
		t.Fatal("the import did not finish within 60 s")
	}
	var rows []string
	for _, o := range ws.imports.Objects {
		rows = append(rows, o.(*fyne.Container).Objects[0].(*widget.Label).Text)
	}
	if len(rows) != 2 || !strings.HasPrefix(rows[0], "✓ ") || !strings.HasPrefix(rows[1], "✗ ") || !strings.Contains(rows[1], "notes.pdf") {
		t.Errorf("rows %q", rows)
	}
	if ws.status.Text != "Import finished: 1 of 2 added." {
		t.Errorf("status %q", ws.status.Text)
	}
	docs, _ := ws.session.Documents()
	if len(docs) != 2 || len(ws.pv.docs) != 2 {
		t.Errorf("%d documents stored, %d listed", len(docs), len(ws.pv.docs))
	}
}

// A project without documents opens, and the coding keys, undo and search
// do nothing harmful.
func TestEmptyProject(t *testing.T) {
	t.Setenv("CMOCODER_CODER", "tester")
	test.NewTempApp(t)
	s := newTestSession(t, "Empty")
	pv, err := newProjectView(s)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.SetContent(withToolTips(pv.content, w.Canvas()))
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	pv.ws.attach(w, nil)
	key(pv.ws, fyne.KeyC)
	shortcut(pv.ws, &fyne.ShortcutUndo{})
	test.Type(pv.ws.search, "x")
	if pv.ws.view.Pages() != 0 {
		t.Errorf("%d pages shown", pv.ws.view.Pages())
	}
}

// The project-wide list shows every document's fragments, filtered by
// label and coder; clicking one in another document opens that document.
func TestProjectWideFragments(t *testing.T) {
	ws, _ := openWorkspace(t)
	// A second document (no PDF: text and boxes only) with one fragment.
	text := "Managers listened to staff."
	var boxes []coding.Box
	for i := range []rune(text) {
		x := float32(72 + 6*i)
		boxes = append(boxes, coding.Box{X0: x, Y0: 700, X1: x + 5, Y1: 710})
	}
	other, err := storage.Open(ws.session.Path()) // another writer, as the CLI would be
	if err != nil {
		t.Fatal(err)
	}
	doc, err := other.AddDocument(coding.Document{FileName: "second.pdf", Title: "Second source"}, nil,
		[]coding.Page{{Number: 1, Text: text, Boxes: boxes, X1: 612, Y1: 792}})
	other.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.session.Do(coding.AddFragment{Fragment: coding.Fragment{DocID: doc.ID, Start: 0, End: 8, Role: coding.Resource, Labels: []string{"Leadership"}}}); err != nil {
		t.Fatal(err)
	}
	ws.pv.refreshCounts()
	ws.fragments.scope.SetSelected(allDocuments)
	if n := len(ws.fragments.shown); n != 6 {
		t.Fatalf("all documents: %d fragments, want 6", n)
	}
	ws.fragments.label.SetSelected("Leadership")
	if n := len(ws.fragments.shown); n != 3 {
		t.Errorf("label Leadership: %d fragments, want 3: %q", n, ws.fragments.texts())
	}
	ws.fragments.coder.SetSelected("tester")
	if n := len(ws.fragments.shown); n != 1 || !strings.HasPrefix(ws.fragments.texts()[0], "M res Managers") {
		t.Fatalf("coder tester: %q", ws.fragments.texts())
	}
	ws.fragments.list.Select(0)
	if ws.doc.ID != doc.ID || ws.fragment(ws.current) == nil || ws.fragment(ws.current).DocID != doc.ID {
		t.Errorf("clicking the fragment showed document %q, current %q", ws.doc.Title, ws.current)
	}
	ws.fragments.scope.SetSelected(thisDocument)
	ws.fragments.label.SetSelected(allLabels)
	ws.fragments.coder.SetSelected(allCoders)
	if n := len(ws.fragments.shown); n != 1 {
		t.Errorf("this document: %d fragments", n)
	}
	// The documents filter keeps the shown document shown.
	ws.pv.docsList.filter.SetText("barriers")
	if len(ws.pv.docs) != 1 || ws.pv.docsList.heading.Text != "Documents (1 of 2)" || ws.doc.ID != doc.ID {
		t.Errorf("filtered: %d docs, heading %q, showing %q", len(ws.pv.docs), ws.pv.docsList.heading.Text, ws.doc.Title)
	}
	ws.pv.docsList.filter.SetText("second")
	if len(ws.pv.docs) != 1 || ws.pv.selection != 0 || ws.doc.ID != doc.ID {
		t.Errorf("filtered to the shown one: selection %d", ws.pv.selection)
	}
	ws.pv.docsList.filter.SetText("")
	if len(ws.pv.docs) != 2 || ws.pv.docsList.heading.Text != "Documents (2)" {
		t.Errorf("unfiltered: %d docs, heading %q", len(ws.pv.docs), ws.pv.docsList.heading.Text)
	}
}

// newTestSession opens a new, empty project for coder "tester"; the
// session is closed when the test ends.
func newTestSession(t *testing.T, title string) *session.Session {
	t.Helper()
	path := filepath.Join(t.TempDir(), "review.cmoproj")
	p, err := storage.Create(path, title, "tester")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	s, err := session.OpenSession(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
