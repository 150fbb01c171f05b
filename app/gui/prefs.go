package gui

import (
	"time"

	"cmocoder.org/cmocoder/coding"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// What the app remembers across restarts, in Fyne's preferences: the
// window's size, and per project (keyed by its path) the document open
// last, the reading position in each document and the tab shown last.

// Preference keys of the window's size.
const (
	prefWindowWidth  = "windowWidth"
	prefWindowHeight = "windowHeight"
)

// defaultWindowSize is the window's size on the first start.
var defaultWindowSize = fyne.NewSize(1260, 780)

// savedWindowSize is the size the window had when it was last closed.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWindowWidth, float64(defaultWindowSize.Width))
	h := p.FloatWithFallback(prefWindowHeight, float64(defaultWindowSize.Height))
	if w < 400 || h < 300 { // a damaged or absurd value: start as new
		return defaultWindowSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// saveWindowSize remembers the window's size for the next start.
func saveWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	p.SetFloat(prefWindowWidth, float64(s.Width))
	p.SetFloat(prefWindowHeight, float64(s.Height))
}

// placeKey is the preference key of something remembered about the
// project open in v: "project /path/review.cmoproj: lastDocument".
func (v *projectView) placeKey(what string) string {
	return projectKey(v.session.Path(), what)
}

// projectKey is the preference key of something remembered about the
// project at path.
func projectKey(path, what string) string {
	return "project " + path + ": " + what
}

func (v *projectView) positionKey(docID string) string { return v.placeKey("position " + docID) }

func prefs() fyne.Preferences { return fyne.CurrentApp().Preferences() }

// selectCharactersKey remembers View ▸ Select whole words turned off: a
// drag then selects exactly the characters it covers, as Alt+drag does
// (on desktops whose window manager takes Alt+drag to move windows, this
// is the way to character precision).
const selectCharactersKey = "selectCharacters"

// restorePlace opens the document and the tab shown when the project was
// last closed, or the first document on the Documents tab.
func (v *projectView) restorePlace() {
	if len(v.docs) > 0 {
		v.docList.Select(placeIndex(v.docs, prefs().String(v.placeKey("lastDocument"))))
	}
	if tab := prefs().String(v.placeKey("lastTab")); tab != "" {
		v.showTab(tab)
	}
	// From now on every tab shown is remembered.
	t := &v.tabsView
	if t.tabs == nil {
		return
	}
	shown := t.tabs.OnSelected
	t.tabs.OnSelected = func(ti *container.TabItem) {
		if shown != nil {
			shown(ti)
		}
		prefs().SetString(v.placeKey("lastTab"), ti.Text)
	}
}

// placeIndex is the index in docs of the document open last (lastDoc),
// or 0.
func placeIndex(docs []coding.Document, lastDoc string) int {
	i := 0
	for j, d := range docs {
		if d.ID == lastDoc {
			i = j
		}
	}
	return i
}

// rememberDocument notes d as the project's document open last.
func (v *projectView) rememberDocument(docID string) {
	prefs().SetString(v.placeKey("lastDocument"), docID)
}

// savePosition remembers where the open document is being read: the
// offset of the text at the top of the view.
func (ws *workspace) savePosition() {
	if ws.pv == nil || ws.doc.ID == "" || ws.view.Pages() == 0 {
		return
	}
	off := ws.view.CaretAt(fyne.NewPos(ws.view.Size().Width/2, 8))
	prefs().SetInt(ws.pv.positionKey(ws.doc.ID), off)
}

// restorePosition scrolls the document just shown back to where it was
// read last: its page at the top, the line at the top then in view.
func (ws *workspace) restorePosition() {
	if ws.pv == nil || ws.text == nil {
		return
	}
	off := prefs().Int(ws.pv.positionKey(ws.doc.ID))
	if off <= 0 || off >= ws.text.Len() {
		return
	}
	ws.view.GoToPage(ws.text.PageAt(off))
	ws.view.ShowOffset(off)
}

// close remembers where the reviewer was and lets the page view go: the
// project is being closed.
func (v *projectView) close() {
	v.ws.flush() // what the coding panel holds, not yet saved
	v.ws.savePosition()
	v.ws.view.Close()
	v.ws.closed = true
}

// prefsSettle is how long Fyne's preferences need to reach the disk after
// a burst of changes: the first change is written at once, the others
// within 100 ms by a goroutine that then waits for the UI goroutine
// (fyne.io/fyne/v2/app/preferences.go). Fyne's own save at exit is queued
// as an event the process may end before, which lost the window's height
// and the reading position in one run of TestE2ERestartKeepsPlace.
const prefsSettle = 300 * time.Millisecond

// quit remembers the window's size and the reading position, then closes
// the window, which ends the app, once those have reached the disk.
func (d *mainWindow) quit() {
	if d.quitting {
		return
	}
	d.quitting = true
	saveWindowSize(d.app.Preferences(), d.win.Canvas().Size())
	if d.view != nil {
		d.view.ws.savePosition()
	}
	time.AfterFunc(prefsSettle, func() { fyne.Do(d.win.Close) })
}
