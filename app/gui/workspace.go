package gui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/pdfview/pageview"
)

// workspace is where a reviewer reads and codes one document: the real
// pages with their highlights, a toolbar (zoom, page, search), the coding
// panel and the document's fragments. Every change goes through
// Session.Do, so the command line lists exactly what was coded here.
// projectActions are the main window's project commands, for the File
// menu.
type projectActions struct {
	New, Open, Close, Quit func()
	Recent                 func() *fyne.Menu // File > Open recent
}

type workspace struct {
	pv             *projectView
	projectActions projectActions
	session        *session.Session
	win            fyne.Window
	engine         func() (*pdfview.Engine, error)

	doc   coding.Document
	text  *coding.Text
	frags []coding.Fragment
	// ahead is the first document's text and fragments, read with the
	// project off the UI goroutine (readProject), until it is shown.
	ahead docRead
	// current is the fragment being edited ("" when none); spanTarget the
	// one that was, while a passage is selected (its span can be moved to
	// the selection).
	current    string
	spanTarget string
	// committing counts the changes (and undos) under way in the
	// background (commit): while any is, undo waits its turn after them.
	committing int
	// closed is set when the project view closes: a commit that ends
	// after it has nothing left to show.
	closed bool

	view       *pageview.View
	pageEntry  *widget.Entry
	pageTotal  *widget.Label
	zoomLabel  *widget.Label
	search     *findEntry
	searchInfo *widget.Label
	hits       []span
	hit        int
	status     *statusLine
	imports    *fyne.Container
	importBox  *fyne.Container
	undoButton *hintButton
	redoButton *hintButton
	undoItem   *fyne.MenuItem // Edit > Undo of the window's menu, named after what it undoes
	redoItem   *fyne.MenuItem
	message    string          // the status line's message (hints come and go over it)
	asking     map[string]bool // documents whose password is being asked for (passwords.go)
	declined   map[string]bool // documents whose password the reviewer would not give

	panel     *codingPanel
	fragments *fragmentsPanel
	content   fyne.CanvasObject

	exportForm *exportForm // File > Export…'s form, when shown
}

// span is a stretch of the document text in code points.
type span struct{ start, end int }

func newWorkspace(pv *projectView) *workspace {
	ws := &workspace{pv: pv, session: pv.session, asking: map[string]bool{}, declined: map[string]bool{}}
	ws.view = pageview.New()
	ws.view.RunOnUI = func(f func()) { runOnUI(f) }
	ws.view.SelectCharacters = prefs().Bool(selectCharactersKey)
	ws.view.OnSelectionChanged = ws.selectionChanged
	ws.view.OnPageChanged = func(page, pages int) {
		if ws.win == nil || ws.win.Canvas().Focused() != ws.pageEntry {
			ws.pageEntry.SetText(strconv.Itoa(page)) // not while a page number is typed
		}
		ws.pageTotal.SetText(fmt.Sprintf("/ %d", pages))
	}
	ws.view.OnZoomChanged = func(z float32) { ws.zoomLabel.SetText(fmt.Sprintf("%d%%", int(z*100+0.5))) }
	ws.view.OnHighlightTapped = func(id string) { ws.selectFragment(id, false) }
	ws.view.OnTypedKey = ws.typedKey
	ws.view.OnTypedRune = ws.typedRune
	ws.view.OnShortcut = func(s fyne.Shortcut) { ws.shortcut(s) }

	ws.pageEntry = widget.NewEntry()
	ws.pageEntry.OnSubmitted = func(s string) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			ws.view.GoToPage(n)
		}
		ws.view.Focus()
	}
	ws.pageTotal = widget.NewLabel("/ 0")
	ws.zoomLabel = widget.NewLabel("100%")
	ws.search = newFindEntry()
	ws.search.SetPlaceHolder("Find (Ctrl+F)")
	ws.search.OnChanged = func(string) { ws.runSearch() }
	ws.search.OnSubmitted = func(string) { ws.nextHit(1) }
	ws.search.onEscape = func() {
		ws.clearSearch()
		ws.view.Focus()
	}
	ws.searchInfo = widget.NewLabel("")
	ws.message = "Drag across the text to select a passage, then press C, R, M or O to code it."
	ws.status = newStatusLine(ws.message)
	ws.undoButton = newHintButton(theme.ContentUndoIcon(), "Undo the last coding action (Ctrl+Z)", ws.undo, ws.showHint)
	ws.redoButton = newHintButton(theme.ContentRedoIcon(), "Redo (Ctrl+Shift+Z or Ctrl+Y)", ws.redo, ws.showHint)

	ws.panel = newCodingPanel(ws)
	ws.fragments = newFragmentsPanel(ws)

	tool := func(icon fyne.Resource, hint string, f func()) *hintButton {
		return newHintButton(icon, hint, f, ws.showHint)
	}
	pageBox := container.NewGridWrap(fyne.NewSize(56, ws.pageEntry.MinSize().Height), ws.pageEntry)
	// The icon buttons are drawn with less padding at their ends than the
	// theme gives them (denseRow), so that at 1024 wide the toolbar leaves
	// the coding column its width.
	icons := func(buttons ...fyne.CanvasObject) fyne.CanvasObject {
		return container.New(denseRow{trim: theme.InnerPadding()}, buttons...)
	}
	tools := container.NewHBox(
		icons(ws.undoButton, ws.redoButton),
		widget.NewSeparator(),
		icons(tool(theme.ZoomOutIcon(), "Zoom out (Ctrl+−)", ws.view.ZoomOut)), ws.zoomLabel,
		icons(tool(theme.ZoomInIcon(), "Zoom in (Ctrl+=)", ws.view.ZoomIn),
			tool(theme.ViewFullScreenIcon(), "Fit the page width (Ctrl+0)", ws.view.FitWidth)),
		widget.NewSeparator(),
		icons(tool(theme.MoveUpIcon(), "Previous page (Page Up or Ctrl+↑)", ws.view.PreviousPage)), pageBox, ws.pageTotal,
		icons(tool(theme.MoveDownIcon(), "Next page (Page Down or Ctrl+↓)", ws.view.NextPage)),
		layoutSpacer(),
	)
	// The search box takes the width the tools leave, and no less than
	// its placeholder needs: the toolbar's minimum width is what the
	// documents column gives up.
	searchMin := canvas.NewRectangle(color.Transparent)
	searchMin.SetMinSize(fyne.NewSize(110, 1)) // its placeholder; more would cut the coding panel at 1024 wide
	toolbar := container.NewBorder(nil, nil, tools, ws.searchInfo, container.NewStack(searchMin, ws.search))
	ws.imports = container.NewVBox()
	ws.importBox = container.NewBorder(nil, nil, nil,
		tipButton("", theme.CancelIcon(), "Hide the list of imports", func() {
			ws.imports.RemoveAll()
			ws.importBox.Hide()
		}), ws.imports)
	ws.importBox.Hide()
	top := container.NewVBox(toolbar, widget.NewSeparator())
	if pv != nil && pv.heading != nil {
		// The title heads the pages only: the coding column beside them
		// keeps the height.
		top = container.NewVBox(container.NewBorder(nil, nil, nil, pv.ocrButton, pv.heading), toolbar, widget.NewSeparator())
	}
	centre := container.NewBorder(top,
		container.NewVBox(ws.importBox, ws.status), nil, nil, ws.view)
	// The coding panel scrolls; the list below it keeps at least eight
	// rows at 1260×780, its rows drawn denser than the theme's
	// (fragmentRow).
	side := container.NewVSplit(ws.panel.content, ws.fragments.content)
	side.Offset = 0.49
	split := container.NewHSplit(centre, side)
	split.Offset = 0.68
	ws.content = split
	ws.updateUndo()
	return ws
}

// layoutSpacer pushes what follows to the right of an HBox.
func layoutSpacer() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(12, 1))
	return r
}

// attach connects the workspace to its window and the app's PDF engine,
// and draws the document shown again with it.
func (ws *workspace) attach(win fyne.Window, engine func() (*pdfview.Engine, error)) {
	ws.win = win
	ws.engine = engine
	if ws.doc.ID != "" {
		ws.showPages()
	}
	c := win.Canvas()
	// Keys typed while nothing has the focus reach the canvas.
	c.SetOnTypedKey(ws.typedKey)
	c.SetOnTypedRune(ws.typedRune)
	for _, s := range ws.extraShortcuts() {
		sc := s
		c.AddShortcut(sc.shortcut, func(fyne.Shortcut) { sc.action() })
	}
	win.SetMainMenu(ws.mainMenu())
	win.SetOnDropped(ws.dropped)
	ws.askCoderOnce()
}

// showDocument shows a document's pages and fragments.
func (ws *workspace) showDocument(d coding.Document) {
	ws.flush()
	text, err := ws.readText(d.ID)
	if err != nil {
		ws.fail(err)
		return
	}
	if ws.doc.ID != d.ID {
		ws.savePosition() // of the document left (prefs.go)
		ws.clearSearch()  // a search is for the document it was typed in
	}
	ws.doc, ws.text, ws.current = d, text, ""
	delete(ws.declined, d.ID) // opening it again asks for its password again
	ws.hits, ws.hit = nil, 0
	ws.view.SetSource(ws.source(d, text))
	ws.restorePosition()
	ws.reload() // shows the coding panel too: once is what it costs (issue 14)
	ws.runSearch()
}

// showPages gives the page view the document shown again, now that the
// engine that draws its pages is known (attach): its text, fragments and
// panels were read when it was first shown, and reading them again is
// what made opening a large project hold the UI goroutine (issue 14).
func (ws *workspace) showPages() {
	ws.view.SetSource(ws.source(ws.doc, ws.text))
	ws.view.SetHighlights(highlights(ws.frags))
	ws.restorePosition()
}

// source is the page view's access to a document: stored boxes for the
// highlights, PDFium for the images (textdoc for a text document's).
func (ws *workspace) source(d coding.Document, text *coding.Text) *pageview.Source {
	project, docID := ws.session, d.ID
	src := &pageview.Source{
		Text: text,
		Boxes: func(n int) ([]coding.Box, error) {
			p, err := project.Page(docID, n)
			return p.Boxes, err
		},
	}
	if !d.IsPDF() {
		src.Render = textRenderer(project, d, text)
		return src
	}
	if ws.engine == nil {
		return src
	}
	engine := ws.engine
	var once sync.Once
	var pdf []byte
	var pdfErr error
	src.Render = func(ctx context.Context, n int, dpi float64) (*image.RGBA, error) {
		once.Do(func() { pdf, pdfErr = project.PDF(docID) })
		if pdfErr != nil {
			return nil, pdfErr
		}
		eng, err := engine()
		if err != nil {
			return nil, err
		}
		password := ws.session.Password(docID)
		img, err := eng.RenderPage(ctx, pdf, password, n, dpi)
		if errors.Is(err, pdfview.ErrPassword) {
			runOnUI(func() { ws.unlock(d, password) })
		}
		return img, err
	}
	return src
}

// reload reads the document's fragments again after a change and
// refreshes everything that shows them.
func (ws *workspace) reload() {
	if ws.doc.ID == "" {
		return
	}
	frags, err := ws.readFragments()
	if err != nil {
		ws.fail(err)
		ws.panel.show()
		return
	}
	ws.frags = frags
	if ws.current != "" && ws.fragment(ws.current) == nil {
		ws.current = ""
	}
	ws.view.SetHighlights(highlights(frags))
	ws.fragments.reload()
	ws.panel.show()
	ws.updateUndo()
	if ws.pv != nil {
		ws.pv.refreshCounts()
	}
}

// readText reads the text of the document id, or takes it as read ahead.
func (ws *workspace) readText(id string) (*coding.Text, error) {
	if ws.ahead.id == id {
		return ws.ahead.text, nil
	}
	return ws.session.Text(id)
}

// readFragments reads the fragments of the document shown, or takes them
// as read ahead: once, since later reads follow a change.
func (ws *workspace) readFragments() ([]coding.Fragment, error) {
	ahead := ws.ahead
	ws.ahead = docRead{}
	if ahead.id == ws.doc.ID {
		return ahead.frags, nil
	}
	return ws.session.Fragments(ws.doc.ID)
}

// fragment finds one of the document's fragments by ID.
func (ws *workspace) fragment(id string) *coding.Fragment {
	for i := range ws.frags {
		if ws.frags[i].ID == id {
			return &ws.frags[i]
		}
	}
	return nil
}

func (ws *workspace) updateUndo() {
	if ws.session.CanUndo() {
		ws.undoButton.Enable()
	} else {
		ws.undoButton.Disable()
	}
	if ws.session.CanRedo() {
		ws.redoButton.Enable()
	} else {
		ws.redoButton.Disable()
	}
	if ws.undoItem == nil || ws.redoItem == nil { // no window menu yet
		ws.undoItem, ws.redoItem = fyne.NewMenuItem("", nil), fyne.NewMenuItem("", nil)
	}
	ws.nameUndo(ws.undoItem, ws.redoItem)
	if ws.win != nil && ws.win.MainMenu() != nil {
		ws.win.MainMenu().Refresh()
	}
}

// fail shows an error: a dialog with one clear sentence in a window, the
// status line otherwise.
func (ws *workspace) fail(err error) {
	ws.message = session.OneLine(err)
	ws.status.SetText(ws.message)
	if ws.win != nil {
		showError(ws.win, err)
	}
}

// failThen is the end of a piece of work started from a dialog: an error
// shown, then done (for tests), if not nil.
func (ws *workspace) failThen(done func(error)) func(error) {
	return func(err error) {
		if err != nil {
			ws.fail(err)
		}
		if done != nil {
			done(err)
		}
	}
}

// say puts a message on the status line.
func (ws *workspace) say(format string, args ...any) {
	ws.message = fmt.Sprintf(format, args...)
	ws.status.SetText(ws.message)
}

// typedKey handles the keys of the page view (and of the window when
// nothing has the focus): role keys code the selection.
func (ws *workspace) typedKey(e *fyne.KeyEvent) {
	if ws.pv != nil && !ws.pv.onDocuments() && e.Name != fyne.KeyF1 {
		return // the coding keys act on the Documents tab only
	}
	if r, ok := roleForKey(e.Name); ok {
		ws.codeSelection(r)
		return
	}
	switch e.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		ws.deleteCurrent()
	case fyne.KeyPageDown:
		ws.view.NextPage()
	case fyne.KeyPageUp:
		ws.view.PreviousPage()
	case fyne.KeyF1:
		ws.showShortcuts()
	case fyne.KeyEscape:
		// The first Esc drops the selection, the next one the search.
		if s, e := ws.view.Selection(); s == e {
			ws.clearSearch()
		}
		ws.view.ClearSelection()
	}
}

// typedRune handles the valence keys: + , - and 0.
func (ws *workspace) typedRune(r rune) {
	if ws.pv != nil && !ws.pv.onDocuments() {
		return
	}
	switch r {
	case '+', '=':
		ws.setValence(coding.Positive)
	case '-', '−':
		ws.setValence(coding.Negative)
	case '0':
		ws.setValence(coding.NoValence)
	}
}

// shortcutEntry is one keyboard shortcut of the app.
type shortcutEntry struct {
	shortcut fyne.Shortcut
	action   func()
}

var (
	ctrl      = fyne.KeyModifierShortcutDefault
	ctrlShift = fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
)

func custom(k fyne.KeyName, m fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// extraShortcuts are the shortcuts that have no menu item of their own.
func (ws *workspace) extraShortcuts() []shortcutEntry {
	return []shortcutEntry{
		{&fyne.ShortcutRedo{}, ws.redo}, // Ctrl+Y
		{custom(fyne.KeyPlus, ctrl), ws.view.ZoomIn},
		{custom(fyne.KeyEqual, ctrlShift), ws.view.ZoomIn},
	}
}

// shortcut runs the app's action for a shortcut that reached the page
// view (a focused widget gets every shortcut); true when there was one.
func (ws *workspace) shortcut(s fyne.Shortcut) bool {
	name := s.ShortcutName()
	for _, e := range ws.extraShortcuts() {
		if e.shortcut.ShortcutName() == name {
			e.action()
			return true
		}
	}
	for _, m := range ws.menus() {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == name && it.Action != nil {
				it.Action()
				return true
			}
		}
	}
	return false
}
