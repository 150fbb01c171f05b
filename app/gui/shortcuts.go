package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/install"
	"cmocoder.org/cmocoder/coding"
)

// The app's shortcuts live in its menus: a menu shortcut fires whatever
// widget has the focus (Fyne tries the main menu first), and the menu shows
// each shortcut beside its action.

// menus are the main menu's menus.
func (ws *workspace) menus() []*fyne.Menu {
	item := func(label string, sc fyne.Shortcut, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Shortcut = sc
		return it
	}
	file := fyne.NewMenu("File")
	if a := ws.projectActions; a.New != nil && a.Open != nil {
		file.Items = append(file.Items,
			item("New project…", custom(fyne.KeyN, ctrl), a.New),
			item("Open project…", custom(fyne.KeyO, ctrlShift), a.Open))
		if a.Recent != nil {
			recent := fyne.NewMenuItem("Open recent", nil)
			recent.ChildMenu = a.Recent()
			file.Items = append(file.Items, recent)
		}
		if a.Close != nil {
			file.Items = append(file.Items, item("Close project", custom(fyne.KeyW, ctrl), a.Close))
		}
		file.Items = append(file.Items, fyne.NewMenuItemSeparator())
	}
	file.Items = append(file.Items,
		item("Add documents…", custom(fyne.KeyO, ctrl), ws.addPDFs),
		item("Export…", custom(fyne.KeyE, ctrl), ws.exportDialog),
		fyne.NewMenuItem("Export REFI-QDA project (.qdpx)…", ws.exportQDPXDialog),
		fyne.NewMenuItem("Send my coding…", ws.sendCodingDialog),
		fyne.NewMenuItem("Merge a teammate's work…", ws.mergeDialog),
		fyne.NewMenuItem("Import REFI-QDA project or codebook…", ws.importREFIDialog),
		fyne.NewMenuItem("Import references (RIS, BibTeX, CSL-JSON)…", ws.importRefsDialog),
		fyne.NewMenuItem("Coder name…", ws.askCoder),
		fyne.NewMenuItem("Preferences…", ws.preferencesDialog),
		fyne.NewMenuItemSeparator(),
	)
	quit := item("Quit", custom(fyne.KeyQ, ctrl), ws.quit)
	quit.IsQuit = true
	file.Items = append(file.Items, quit)
	undo := item("Undo", &fyne.ShortcutUndo{}, func() { ws.undoOrEntry(&fyne.ShortcutUndo{}, ws.undo) })
	redo := item("Redo", custom(fyne.KeyZ, ctrlShift), func() { ws.undoOrEntry(&fyne.ShortcutRedo{}, ws.redo) })
	ws.nameUndo(undo, redo)
	edit := fyne.NewMenu("Edit",
		undo,
		redo,
		fyne.NewMenuItemSeparator(),
		item("Find in document", custom(fyne.KeyF, ctrl), ws.find),
		item("Search all documents", custom(fyne.KeyF, ctrlShift), ws.searchAll),
		item("Next hit", custom(fyne.KeyG, ctrl), func() { ws.nextHit(1) }),
		item("Previous hit", custom(fyne.KeyG, ctrlShift), func() { ws.nextHit(-1) }),
	)
	code := fyne.NewMenu("Code")
	for _, r := range coding.Categories {
		code.Items = append(code.Items, fyne.NewMenuItem("Code as "+roleButtonText(r), func() { ws.codeSelection(r) }))
	}
	code.Items = append(code.Items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Valence +  (+)", func() { ws.setValence(coding.Positive) }),
		fyne.NewMenuItem("Valence −  (-)", func() { ws.setValence(coding.Negative) }),
		fyne.NewMenuItem("No valence  (0)", func() { ws.setValence(coding.NoValence) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete fragment  (Delete)", ws.deleteCurrent),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("New CMOC from the ticked fragments…", ws.newCMOC),
		fyne.NewMenuItem("Find passages like this fragment", ws.findLike),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Compare two coders…", ws.compareCodersDialog),
		fyne.NewMenuItem("Compare decisions with a teammate…", ws.compareDecisionsDialog),
	)
	view := fyne.NewMenu("View",
		item("Zoom in", custom(fyne.KeyEqual, ctrl), ws.view.ZoomIn),
		item("Zoom out", custom(fyne.KeyMinus, ctrl), ws.view.ZoomOut),
		item("Fit width", custom(fyne.Key0, ctrl), ws.view.FitWidth),
		fyne.NewMenuItemSeparator(),
		item("Next page", custom(fyne.KeyDown, ctrl), ws.view.NextPage),
		item("Previous page", custom(fyne.KeyUp, ctrl), ws.view.PreviousPage),
		fyne.NewMenuItemSeparator(),
		ws.wholeWordsItem(),
	)
	help := fyne.NewMenu("Help", fyne.NewMenuItem("Keyboard shortcuts  (F1)", ws.showShortcuts),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open .cmoproj files with cmocoder", ws.registerFileType),
		fyne.NewMenuItem("Check project…", ws.checkProject),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("About cmocoder", ws.showAbout))
	return []*fyne.Menu{file, edit, code, view, help}
}

// wholeWordsItem is View ▸ Select whole words: ticked (the default), a
// drag snaps to whole words; unticked, it selects exactly the characters
// it covers. The choice is remembered.
func (ws *workspace) wholeWordsItem() *fyne.MenuItem {
	it := fyne.NewMenuItem("Select whole words  (Alt+drag: characters)", nil)
	it.Checked = !ws.view.SelectCharacters
	it.Action = func() {
		ws.view.SelectCharacters = !ws.view.SelectCharacters
		it.Checked = !ws.view.SelectCharacters
		prefs().SetBool(selectCharactersKey, ws.view.SelectCharacters)
		if ws.win != nil {
			if m := ws.win.MainMenu(); m != nil {
				m.Refresh()
			}
		}
		if ws.view.SelectCharacters {
			ws.say("A drag now selects exactly the characters it covers (View ▸ Select whole words turns snapping back on).")
		} else {
			ws.say("A drag now selects whole words (hold Alt for characters).")
		}
	}
	return it
}

func (ws *workspace) mainMenu() *fyne.MainMenu {
	m := fyne.NewMainMenu(ws.menus()...)
	for _, menu := range m.Items {
		if menu.Label == "Edit" {
			ws.undoItem, ws.redoItem = menu.Items[0], menu.Items[1]
		}
	}
	return m
}

// nameUndo names in the Edit menu what Undo and Redo would do ("Undo code
// Outcome on p. 3"), disabling the one with nothing to do.
func (ws *workspace) nameUndo(undo, redo *fyne.MenuItem) {
	name := func(it *fyne.MenuItem, verb, about string) {
		it.Label = verb
		if about != "" {
			it.Label += " " + about
		}
		it.Disabled = about == ""
	}
	name(undo, "Undo", ws.session.UndoName())
	name(redo, "Redo", ws.session.RedoName())
	// The toolbar buttons say the same in their tooltips.
	ws.undoButton.setHint(buttonHint(undo, "Undo the last coding action", "Ctrl+Z"))
	ws.redoButton.setHint(buttonHint(redo, "Redo", "Ctrl+Shift+Z or Ctrl+Y"))
}

// buttonHint is an undo or redo button's tooltip: what its menu item
// says, or what it does in general when it is disabled.
func buttonHint(it *fyne.MenuItem, general, keys string) string {
	if it.Disabled {
		return general + " (" + keys + ")"
	}
	return it.Label + " (" + keys + ")"
}

// undoOrEntry gives Ctrl+Z to a text box being typed in, and to the
// coding history otherwise.
func (ws *workspace) undoOrEntry(s fyne.Shortcut, f func()) {
	if ws.win != nil {
		if e, ok := ws.win.Canvas().Focused().(*widget.Entry); ok {
			e.TypedShortcut(s)
			return
		}
	}
	f()
}

func (ws *workspace) quit() {
	switch {
	case ws.projectActions.Quit != nil:
		ws.projectActions.Quit() // saves the place first
	case ws.win != nil:
		ws.win.Close()
	}
}

// shortcutTable lists every shortcut for the Help dialog.
var shortcutTable = [][2]string{
	{"C  or  1", "Code the selection as Context"},
	{"R  or  2", "Code the selection as Mechanism resource"},
	{"M  or  3", "Code the selection as Mechanism reasoning"},
	{"O  or  4", "Code the selection as Outcome"},
	{"U  or  5", "Code the selection as Unclassified: labels, no role yet (C, R, M or O gives it one later)"},
	{"+   −   0", "Valence +, −, none (of the fragment selected, or the next one)"},
	{"Delete", "Delete the selected fragment"},
	{"Esc", "Clear the selection"},
	{"Ctrl+Z", "Undo"},
	{"Ctrl+Shift+Z  or  Ctrl+Y", "Redo"},
	{"Ctrl+F", "Find in the document; Enter / Ctrl+G next hit, Ctrl+Shift+G previous"},
	{"Ctrl+Shift+F", "Search all documents (the Search tab); C, R, M, O, U code the hit selected"},
	{"Page Down  /  Ctrl+↓", "Next page"},
	{"Page Up  /  Ctrl+↑", "Previous page"},
	{"↑  ↓  Home  End", "Scroll; first and last page"},
	{"Ctrl+=  Ctrl+−  Ctrl+0", "Zoom in, zoom out, fit width"},
	{"Ctrl+C", "Copy the selected text"},
	{"Ctrl+O", "Add documents: PDFs and text documents, several at once (or drop them on the window)"},
	{"Ctrl+E", "Export a table (CMOCs, fragments, matrix, codebook, sources)"},
	{"Ctrl+N", "New project"},
	{"Ctrl+Shift+O", "Open another project"},
	{"Ctrl+W", "Close the project (back to the welcome screen)"},
	{"Ctrl+Q", "Quit"},
	{"F1", "This list"},
}

// showShortcuts shows Help > Keyboard shortcuts.
func (ws *workspace) showShortcuts() {
	if ws.win == nil {
		return
	}
	grid := container.New(newTwoColumns())
	for _, row := range shortcutTable {
		grid.Add(widget.NewLabelWithStyle(row[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true}))
		grid.Add(widget.NewLabel(row[1]))
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", grid, ws.win)
	d.Show()
}

// twoColumns lays objects out in two columns: keys, then what they do.
type twoColumns struct{}

func newTwoColumns() fyne.Layout { return twoColumns{} }

func (twoColumns) widths(objs []fyne.CanvasObject) (float32, float32) {
	var a, b float32
	for i, o := range objs {
		if i%2 == 0 {
			a = max(a, o.MinSize().Width)
		} else {
			b = max(b, o.MinSize().Width)
		}
	}
	return a, b
}

func (t twoColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a, _ := t.widths(objs)
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(a, h))
		objs[i+1].Move(fyne.NewPos(a, y))
		objs[i+1].Resize(fyne.NewSize(size.Width-a, h))
		y += h
	}
}

func (t twoColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := t.widths(objs)
	var h float32
	for i := 0; i+1 < len(objs); i += 2 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
	}
	return fyne.NewSize(a+b, h)
}

// registerFileType makes a double click on a .cmoproj file open it in
// this cmocoder (install.go) and says what was done.
func (ws *workspace) registerFileType() {
	done, err := install.RegisterFileType()
	if err != nil {
		ws.fail(err)
		return
	}
	ws.say("%s", done)
	if ws.win != nil {
		dialog.ShowInformation("Open .cmoproj files with cmocoder", done, ws.win)
	}
}
