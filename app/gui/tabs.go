package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// The project view's tabs: Documents (the workspace) and the views of what
// a review publishes. Each view but Documents reads the project again when
// it is shown after a change, so undo anywhere shows everywhere.

// tabView is one of the tabs after Documents.
type tabView interface {
	reload()
}

// unloader is a view that drops its widgets while its tab is hidden and
// builds them again, from what it read, when it is shown.
type unloader interface {
	unload()
	restore()
}

// projectTabs holds the tabs and the views in them.
type projectTabs struct {
	tabs     *container.AppTabs
	docs     *container.TabItem
	cmocs    *cmocsPanel
	theories *theoriesPanel
	codebook *codebookPanel
	sources  *sourcesPanel
	matrix   *matrixPanel
	figures  *figuresPanel
	search   *searchPanel
	views    map[*container.TabItem]tabView
	dirty    map[*container.TabItem]bool
	form     *cmocForm // the CMOC form shown last

	// unshown makes the view and content of each tab not shown yet
	// (showContent).
	unshown map[*container.TabItem]func() (tabView, fyne.CanvasObject)
}

// showContent puts ti's own content in its stand-in, an empty stack, the
// first time ti is shown, making its view first if it is not made yet.
// Filling the stand-in refreshes the tab's content only: refreshing the
// tabs to swap it would lay out every tab's text again, the most of a
// first visit (issue 14).
func (t *projectTabs) showContent(ti *container.TabItem) {
	build, ok := t.unshown[ti]
	if !ok {
		return
	}
	delete(t.unshown, ti)
	view, obj := build()
	t.views[ti] = view
	stand := ti.Content.(*tabPane).content.(*fyne.Container)
	stand.Add(obj)
	stand.Refresh()
}

// newTabs puts the documents view and the other views in tabs.
func (v *projectView) newTabs(documents fyne.CanvasObject) fyne.CanvasObject {
	t := &v.tabsView
	t.docs = container.NewTabItem("Documents", newTabPane(documents))
	t.cmocs = newCMOCsPanel(v)
	t.matrix = newMatrixPanel(v)
	t.figures = newFiguresPanel(v)
	t.search = newSearchPanel(v)
	made := func(view tabView, obj fyne.CanvasObject) func() (tabView, fyne.CanvasObject) {
		return func() (tabView, fyne.CanvasObject) { return view, obj }
	}
	// The Theories, Codebook and Sources views are made when their tab
	// is first shown: making their forms and lists was a quarter of the
	// UI goroutine's time opening a 500-paper review (issue 14). The
	// others are kept from the start: other views call them.
	items := []struct {
		name string
		make func() (tabView, fyne.CanvasObject)
	}{
		{"CMOCs", made(t.cmocs, t.cmocs.content)},
		{"Theories", func() (tabView, fyne.CanvasObject) {
			t.theories = newTheoriesPanel(v)
			return t.theories, t.theories.content
		}},
		{"Codebook", func() (tabView, fyne.CanvasObject) {
			t.codebook = newCodebookPanel(v)
			return t.codebook, t.codebook.content
		}},
		{"Sources", func() (tabView, fyne.CanvasObject) {
			t.sources = newSourcesPanel(v)
			return t.sources, t.sources.content
		}},
		{"Matrix", made(t.matrix, t.matrix.content)},
		{"Figures", made(t.figures, t.figures.content)},
		{"Search", made(t.search, t.search.content)},
	}
	t.views = map[*container.TabItem]tabView{}
	t.dirty = map[*container.TabItem]bool{}
	all := []*container.TabItem{t.docs}
	t.unshown = map[*container.TabItem]func() (tabView, fyne.CanvasObject){}
	for _, it := range items {
		// A tab's content joins the tabs when it is first shown:
		// AppTabs refreshes every tab's content whenever it refreshes
		// (when first drawn, on every tab switch), and the hidden tabs'
		// forms and lists made up a third of the UI goroutine's time
		// opening a 500-paper review (issue 14).
		ti := container.NewTabItem(it.name, newTabPane(container.NewStack()))
		all = append(all, ti)
		t.dirty[ti] = true
		t.unshown[ti] = it.make
	}
	// The tabs made at once: each Append lays out every tab again (a
	// third of the UI goroutine's time opening a 500-paper review).
	t.tabs = container.NewAppTabs(all...)
	t.tabs.OnSelected = func(ti *container.TabItem) {
		t.showContent(ti)
		if t.sources != nil {
			t.sources.save() // what was typed there, when leaving the Sources tab
		}
		if t.dirty[ti] {
			t.dirty[ti] = false
			t.views[ti].reload()
		}
	}
	return t.tabs
}

// refreshTabs marks every view out of date and reads the shown one again.
func (v *projectView) refreshTabs() {
	t := &v.tabsView
	if t.tabs == nil {
		return
	}
	for ti := range t.dirty {
		t.dirty[ti] = true
	}
	if cur := t.tabs.Selected(); cur != nil && t.views[cur] != nil {
		t.dirty[cur] = false
		t.views[cur].reload()
	}
}

// showTab selects a tab by name ("Documents", "CMOCs", ...).
func (v *projectView) showTab(name string) {
	t := &v.tabsView
	if t.tabs == nil {
		return
	}
	for _, ti := range t.tabs.Items {
		if ti.Text == name {
			t.tabs.Select(ti)
			return
		}
	}
}

// onDocuments tells whether the documents tab is the one shown: the
// coding keys only act there.
func (v *projectView) onDocuments() bool {
	t := &v.tabsView
	return t.tabs == nil || t.tabs.Selected() == t.docs
}

// do applies a change made in one of the views, then refreshes
// everything that shows the project; false (after an error dialog) when
// it failed, or when another program changed the same fields meanwhile
// (then the conflict dialog asks what to do, and applies it as chosen).
func (v *projectView) do(c coding.Change) bool { return v.doForm(c, nil) }

// doForm is do for the edit a form saves: forget, when not nil, makes
// the form forget what it was filled with once a conflict is settled, so
// that it shows what was stored as chosen.
func (v *projectView) doForm(c coding.Change, forget func()) bool {
	err := v.session.Do(c)
	if conflict, ok := coding.AsEditConflict(err); ok {
		v.askConflict(c, conflict, forget)
		return false
	}
	if err != nil {
		showError(v.window(), err)
		return false
	}
	v.changed()
	return true
}

// readFailed says that a view could not read the project, and why (a
// busy or damaged file), instead of showing empty lists as if the project
// were empty: on the status line, and in a dialog the first time that
// reason comes up, so that refreshing the views again does not stack
// dialogs.
func (v *projectView) readFailed(what string, err error) {
	msg := fmt.Sprintf("Cannot read the %s: %s", what, session.OneLine(err))
	v.ws.message = msg
	v.ws.status.SetText(msg)
	if msg == v.lastReadError {
		return
	}
	v.lastReadError = msg
	if w := v.window(); w != nil {
		dialog.ShowError(errors.New(msg), w)
	}
}

// changed refreshes every view after a change.
func (v *projectView) changed() {
	if v.ws.doc.ID != "" {
		v.ws.reload() // calls refreshCounts, which refreshes the tabs
	} else {
		v.ws.updateUndo()
		v.ws.fragments.reload()
		v.refreshTabs()
	}
}

// jumpTo shows a fragment in its document: the Documents tab, the page
// scrolled to it and flashed, the fragment open in the coding panel.
func (v *projectView) jumpTo(f coding.Fragment) {
	v.showTab("Documents")
	if f.DocID != v.ws.doc.ID {
		found := false
		for _, d := range v.docs {
			found = found || d.ID == f.DocID
		}
		if !found && v.docsList.filter != nil {
			v.docsList.filter.SetText("") // the filter hid it
		}
		v.openDocument(f.DocID)
	}
	v.ws.selectFragment(f.ID, true)
	v.ws.fragments.selectID(f.ID)
	if v.ws.win != nil {
		v.ws.view.Focus()
	}
}

// refreshOthers refreshes the other views after undo or redo when no
// document is open (reload does it otherwise).
func (ws *workspace) refreshOthers() {
	if ws.pv != nil && ws.doc.ID == "" {
		ws.updateUndo()
		ws.pv.refreshTabs()
	}
}
