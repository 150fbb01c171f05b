package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/app/session"
)

// editItems are the window's Edit ▸ Undo and Redo as the menu shows them.
func editItems(t *testing.T, w fyne.Window) (undo, redo *fyne.MenuItem) {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		if m.Label == "Edit" {
			return m.Items[0], m.Items[1]
		}
	}
	t.Fatal("no Edit menu")
	return nil, nil
}

// Undo and redo say what they undo and redo, on the status line and in
// the Edit menu; Undo with nothing to undo is plain and disabled.
func TestUndoRedoNamed(t *testing.T) {
	ws, w := openWorkspace(t)
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	check := func(when, status, undo string, undoOff bool, redo string, redoOff bool) {
		t.Helper()
		u, r := editItems(t, w)
		if status != "" && ws.status.Text != status {
			t.Errorf("%s: status %q, want %q", when, ws.status.Text, status)
		}
		if tip := ws.undoButton.ToolTip(); !undoOff && tip != undo+" (Ctrl+Z)" {
			t.Errorf("%s: the undo button's tooltip reads %q", when, tip)
		}
		if u.Label != undo || u.Disabled != undoOff || r.Label != redo || r.Disabled != redoOff {
			t.Errorf("%s: menu %q (disabled %v) / %q (disabled %v), want %q (%v) / %q (%v)",
				when, u.Label, u.Disabled, r.Label, r.Disabled, undo, undoOff, redo, redoOff)
		}
	}
	check("at first", "", "Undo", true, "Redo", true)
	dragOver(t, ws, start, end)
	key(ws, fyne.KeyO)
	ws.view.Content().(fyne.Focusable).TypedRune('+')
	check("after coding", "", "Undo set valence + on Outcome on p. 1", false, "Redo", true)

	shortcut(ws, &fyne.ShortcutUndo{})
	check("after one undo", "Undone: set valence + on Outcome on p. 1",
		"Undo code Outcome on p. 1", false, "Redo set valence + on Outcome on p. 1", false)
	shortcut(ws, &fyne.ShortcutUndo{})
	check("after two undos", "Undone: code Outcome on p. 1", "Undo", true, "Redo code Outcome on p. 1", false)
	shortcut(ws, &fyne.ShortcutRedo{})
	check("after a redo", "Redone: code Outcome on p. 1", "Undo code Outcome on p. 1", false, "Redo set valence + on Outcome on p. 1", false)
}
