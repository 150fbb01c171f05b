package gui

// The coding actions of the Documents tab: what a selection, a role key,
// an edit of the current fragment, Delete, undo and redo do to the project
// (through the session, each change committed in turn) and to the view.

import (
	"errors"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// selectionChanged follows the page view's selection: a new selection
// lets go of the current fragment (its edits saved, kept as the one whose
// span may be moved), and the coding panel shows what it can do.
func (ws *workspace) selectionChanged(start, end int) {
	if end > start {
		if ws.current != "" {
			ws.flush()
			ws.spanTarget = ws.current
		}
		ws.current = ""
		ws.fragments.list.UnselectAll()
	}
	ws.panel.show()
}

// trimmedSelection is the selection without white space at its ends.
func (ws *workspace) trimmedSelection() (int, int) {
	start, end := ws.view.Selection()
	if ws.text == nil || end <= start {
		return start, start
	}
	runes := []rune(ws.text.Slice(start, end))
	i, j := 0, len(runes)
	for i < j && (unicode.IsSpace(runes[i]) || runes[i] == coding.PageSeparator) {
		i++
	}
	for j > i && (unicode.IsSpace(runes[j-1]) || runes[j-1] == coding.PageSeparator) {
		j--
	}
	return start + i, start + j
}

// codeSelection codes the selected passage with role, taking valence,
// labels and memo from the coding panel (which hold only what the
// reviewer gave this passage, and the pinned labels); without a selection
// it gives the fragment being edited that role.
func (ws *workspace) codeSelection(role coding.Role) {
	if ws.doc.ID == "" {
		return
	}
	start, end := ws.trimmedSelection()
	if end <= start {
		if ws.editCurrent(func(f *coding.Fragment) { f.Role = role }) {
			return
		}
		ws.say("Select a passage first: drag across the text on the page.")
		return
	}
	f := coding.Fragment{
		ID: coding.NewID(), DocID: ws.doc.ID, Start: start, End: end, Role: role,
		Valence: ws.panel.valence(), Labels: ws.panel.labels(), Memo: ws.panel.memo.Text,
	}
	before := ws.labelNames()
	// The commit (a transaction and its fsync) runs in the background, so
	// the window goes on answering; the passage is drawn and reported as
	// coded only once it is committed. The selection and the draft are
	// taken now, so that the next key codes the next passage.
	ws.view.ClearSelection()
	ws.panel.clearDraft()
	ws.say("Coding %s…", role.Title())
	ws.commit(coding.AddFragment{Fragment: f}, func(err error) {
		if err != nil {
			ws.fail(err)
			return
		}
		ws.current = f.ID
		ws.reload()
		ws.fragments.selectID(f.ID)
		if g := ws.fragment(f.ID); g != nil {
			ws.say("Coded %s on p.%d: “%s” (Ctrl+Z undoes)", role.Title(), g.Page, coding.Clip(g.Text, 80))
		}
		ws.defineNewLabels(before)
	})
}

// commit applies c in the background (Session.Commit), then runs then
// with the result on the UI goroutine. Later writes, whichever way they
// are made, come after c; undo and redo, while a commit is under way, are
// made the same way (replay), so that they report what they undid.
func (ws *workspace) commit(c coding.Change, then func(error)) {
	ws.committing++
	ws.session.Commit(c, func(err error) {
		runOnUI(func() {
			ws.committing--
			if !ws.closed {
				then(err)
			}
		})
	})
}

// flush saves what the coding panel's fields hold for the fragment being
// edited, and what the sources form holds, before they show something
// else, before undo, and when the window closes.
func (ws *workspace) flush() {
	ws.panel.save()
	if ws.pv != nil && ws.pv.tabsView.sources != nil {
		ws.pv.tabsView.sources.save() // and what the sources form holds
	}
}

// editCurrent saves the fragment being edited with what the panel's fields
// hold and one change more, as one undoable step; false when no fragment
// is being edited.
func (ws *workspace) editCurrent(change func(*coding.Fragment)) bool {
	f := ws.fragment(ws.current)
	if f == nil {
		return false
	}
	g := *f
	if ws.panel.shown.ID == f.ID {
		g = ws.panel.edited(g)
	}
	change(&g)
	if !sameEdits(g, *f) {
		ws.edit(g, ws.panel.startedFrom(*f))
	}
	return true
}

// edit saves a changed fragment: the fields in which it differs from
// from, the fragment as the reviewer saw it. A field another program
// changed meanwhile asks what to do (askConflict).
func (ws *workspace) edit(f, from coding.Fragment) {
	before := ws.labelNames()
	c := coding.EditFragment{Fragment: f, From: &from}
	err := ws.session.Do(c)
	if conflict, ok := coding.AsEditConflict(err); ok && ws.pv != nil {
		ws.pv.askConflict(c, conflict, func() { ws.panel.shown = coding.Fragment{} })
		return
	}
	if err != nil {
		ws.fail(err)
		ws.reload()
		return
	}
	ws.reload()
	ws.say("Fragment on p.%d saved (Ctrl+Z undoes)", f.Page)
	ws.defineNewLabels(before)
}

// moveSpan gives the fragment edited last the selected span.
func (ws *workspace) moveSpan() {
	f := ws.fragment(ws.spanTarget)
	start, end := ws.trimmedSelection()
	if f == nil || end <= start {
		return
	}
	g := *f
	g.Start, g.End = start, end
	if err := ws.session.Do(coding.EditFragment{Fragment: g, From: f}); err != nil {
		ws.fail(err)
		return
	}
	ws.view.ClearSelection()
	ws.current, ws.spanTarget = g.ID, ""
	ws.reload()
	ws.fragments.selectID(g.ID)
	if h := ws.fragment(g.ID); h != nil {
		ws.say("The %s fragment now reads “%s” (Ctrl+Z undoes)", h.Role.Title(), coding.Clip(h.Text, 80))
	}
}

// deleteCurrent deletes the fragment being edited.
func (ws *workspace) deleteCurrent() {
	ws.flush() // so that Ctrl+Z brings it back as the reviewer left it
	f := ws.fragment(ws.current)
	if f == nil {
		return
	}
	if err := ws.session.Do(coding.DeleteFragment{ID: f.ID}); err != nil {
		ws.fail(err)
		return
	}
	ws.current = ""
	ws.reload()
	ws.say("Fragment on p.%d deleted (Ctrl+Z brings it back)", f.Page)
}

// setValence sets the valence of the fragment being edited, or the one
// the next coding gets.
func (ws *workspace) setValence(v coding.Valence) {
	if ws.editCurrent(func(f *coding.Fragment) { f.Valence = v }) {
		return
	}
	ws.panel.setValence(v)
}

// selectFragment makes a fragment the one being edited; from the list it
// also scrolls the page to it and flashes it.
func (ws *workspace) selectFragment(id string, scroll bool) {
	if id != ws.current {
		ws.flush()
	}
	f := ws.fragment(id)
	if f == nil {
		return
	}
	ws.current = id
	ws.view.ClearSelection()
	ws.current = id
	if scroll {
		ws.view.Flash(f.Start, f.End)
	} else {
		ws.fragments.selectID(id)
	}
	ws.panel.show()
}

func (ws *workspace) undo() {
	if ws.committing > 0 {
		ws.replayLater(ws.session.UndoLater, "Nothing to undo.", "Undone: %s")
		return
	}
	ws.replay(ws.session.CanUndo, ws.session.UndoName, ws.session.Undo, "Nothing to undo.", "Undone: %s")
}

func (ws *workspace) redo() {
	if ws.committing > 0 {
		ws.replayLater(ws.session.RedoLater, "Nothing to redo.", "Redone: %s")
		return
	}
	ws.replay(ws.session.CanRedo, ws.session.RedoName, ws.session.Redo, "Nothing to redo.", "Redone: %s")
}

// replay undoes or redoes one change (do, when can) and says which (name,
// into done), or that there is nothing to do.
func (ws *workspace) replay(can func() bool, name func() string, do func() error, nothing, done string) {
	ws.flush() // what was being typed is the last change, and the one undone
	if !can() {
		ws.say("%s", nothing)
		return
	}
	about := name()
	ws.replayed(about, do(), done)
}

// replayLater is replay while a commit is under way: what is undone is
// known only once the commits asked for before are done, so it is asked
// for in turn after them (later: the session's UndoLater or RedoLater),
// and said when done.
func (ws *workspace) replayLater(later func(func(string, error)), nothing, done string) {
	ws.flush()
	ws.committing++
	later(func(about string, err error) {
		runOnUI(func() {
			ws.committing--
			if ws.closed {
				return
			}
			if about == "" && err == nil {
				ws.say("%s", nothing)
				return
			}
			ws.replayed(about, err, done)
		})
	})
}

// replayed says how undoing or redoing the step about went, and shows the
// project as it now is.
func (ws *workspace) replayed(about string, err error, done string) {
	if errors.Is(err, coding.ErrConflict) {
		ws.say("%s", refusedStep(about, err))
	} else if err != nil {
		ws.fail(err)
	} else {
		ws.say(done, about)
	}
	ws.reload()
	ws.refreshOthers()
}
