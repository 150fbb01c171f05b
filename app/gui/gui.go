package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/install"
	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/assets"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// AppID identifies cmocoder to Fyne (preferences, single-instance data).
const AppID = install.AppID

// prefRecent is the preference key of the recently opened projects.
const prefRecent = "recentProjects"

// RunApp's exit statuses, as the verbs' (../shared/CLI.md).
const (
	exitOK    = 0
	exitError = 1
)

// RunApp opens the desktop app, on the project at path if it is not empty,
// and returns the exit status when the last window closes.
func RunApp(path string) (status int) {
	// GLFW panics when the display named in DISPLAY cannot be opened (or
	// there is no OpenGL): say so in one line instead of a stack trace.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "cmocoder: cannot open a window: %v\n", r)
			status = exitError
		}
	}()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("Icon.png", assets.Icon))
	w := a.NewWindow("cmocoder")
	w.Resize(savedWindowSize(a.Preferences()))
	ui := &mainWindow{app: a, win: w}
	session.OnSlowEngineStart(ui.preparingPDFReader)
	ui.showWelcome()
	// Show the window while it is still titled "cmocoder": on X11 GLFW
	// names the window's class (WM_CLASS) after its first title, and
	// desktops match that against the desktop entry's StartupWMClass to
	// give the window cmocoder's icon. The project's title comes after.
	w.Show()
	if path != "" {
		ui.openProject(path)
	}
	w.SetOnClosed(ui.closeSession)
	// Closing the window, by its close button or Ctrl+Q, first saves the
	// place (prefs.go): the preferences are written before the app ends,
	// and not reliably once the window is gone.
	w.SetCloseIntercept(ui.quit)
	// Ctrl+Q quits everywhere (Fyne's own quit is Cmd+Q on macOS only).
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { ui.quit() })
	a.Run()
	ui.eng.close()
	return exitOK
}

// preparingPDFReader says in the status line why the pages do not show
// yet the first time the app runs on a computer, while PDFium is compiled
// for it (session.OnSlowEngineStart), and that it is ready after.
func (d *mainWindow) preparingPDFReader(ready <-chan struct{}) {
	runOnUI(func() {
		if d.view != nil {
			d.view.ws.say("%s", preparingMessage)
		}
	})
	<-ready
	runOnUI(func() {
		if d.view != nil && d.view.ws.message == preparingMessage { // nothing else said since
			d.view.ws.say("The PDF reader is ready.")
		}
	})
}

const preparingMessage = "Preparing the PDF reader for this computer (only the first time: a few seconds)…"

// mainWindow is the main window and the session it shows.
type mainWindow struct {
	app     fyne.App
	win     fyne.Window
	session *session.Session
	view    *projectView // the project shown, nil on the welcome screen
	eng     engineHolder // one PDF engine for the app (window.go)
	// opens counts the projects asked to be opened (openProject), and
	// opened is the count of the last that was: only the newest is shown,
	// and none asked for before a close (cancelOpen).
	opens, opened int
	// shown is the project view as put in the window (with its tooltip
	// layer), to show again when an open fails.
	shown fyne.CanvasObject
	// quitting is set once quit has saved the place and waits for the
	// preferences to reach the disk; a second Ctrl+Q then does nothing.
	quitting bool
}

func (d *mainWindow) closeSession() {
	if d.view != nil {
		d.view.stopWatch()
		d.view.close()
		d.view, d.shown = nil, nil
	}
	if d.session != nil {
		d.session.Close()
		d.session = nil
	}
}

// showError shows err as a dialog with one clear sentence.
func (d *mainWindow) showError(err error) {
	dialog.ShowError(fmt.Errorf("%s", session.OneLine(err)), d.win)
}

func (d *mainWindow) showWelcome() {
	d.win.SetTitle("cmocoder")
	open := widget.NewButton("Open project…", d.openDialog)
	create := widget.NewButton("New project…", d.newProjectDialog)
	create.Importance = widget.HighImportance
	recent := d.app.Preferences().StringList(prefRecent)
	list := widget.NewList(
		func() int { return len(recent) },
		func() fyne.CanvasObject { return widget.NewButton("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := o.(*widget.Button)
			b.SetText(recentName(d.app.Preferences(), recent[i]) + "  —  " + filepath.Dir(recent[i]))
			path := recent[i]
			b.OnTapped = func() { d.openProject(path) }
		})
	title := widget.NewLabelWithStyle("cmocoder", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	intro := widget.NewLabelWithStyle("Code realist-review evidence in PDFs and text documents and build CMO configurations.", fyne.TextAlignCenter, fyne.TextStyle{})
	heading := "Recent projects"
	if len(recent) == 0 {
		heading = "No recent projects yet: create one, or open a .cmoproj file a teammate sent you."
	}
	top := container.NewVBox(title, intro, container.NewCenter(container.NewHBox(create, open)), widget.NewLabel(heading))
	d.win.SetContent(container.NewBorder(top, nil, nil, nil, list))
}

// openDialog asks for a project file and opens it.
func (d *mainWindow) openDialog() {
	fd := dialog.NewFileOpen(pickedPath[fyne.URIReadCloser](d.showError, d.openProject), d.win)
	fd.SetFilter(fynestorage.NewExtensionFileFilter([]string{".cmoproj"}))
	fd.Show()
}

// newProjectDialog asks for a title and a folder, creates the project
// there and opens it. It never writes over a file: a save dialog would
// truncate an existing project before we could refuse it.
func (d *mainWindow) newProjectDialog() {
	title := widget.NewEntry()
	title.SetPlaceHolder("e.g. Leadership in hospital mergers")
	dialog.ShowForm("New project", "Choose folder…", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Title", title)},
		func(ok bool) {
			name := strings.TrimSpace(title.Text)
			if !ok || name == "" {
				return
			}
			dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
				if err != nil {
					d.showError(err)
					return
				}
				if dir == nil {
					return
				}
				path := filepath.Join(dir.Path(), projectFileName(name))
				p, err := storage.Create(path, name, d.coderName())
				if err != nil {
					d.showError(err)
					return
				}
				p.Close()
				d.openProject(path)
			}, d.win)
		}, d.win)
}

// projectFileName makes a file name from a project title: letters,
// digits, spaces and a few marks kept, the rest dropped.
func projectFileName(title string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '_' || r == '.':
			return r
		}
		return -1
	}, title)
	name = strings.Trim(strings.Join(strings.Fields(name), " "), ". ")
	if name == "" {
		name = "project"
	}
	return name + ".cmoproj"
}

// addRecent puts path first in the recent projects.
func (d *mainWindow) addRecent(path string) {
	prefs := d.app.Preferences()
	list := slices.DeleteFunc(prefs.StringList(prefRecent), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > 10 {
		list = list[:10]
	}
	prefs.SetStringList(prefRecent, list)
}

// openProject opens the project at path: the window says it is opening
// while the project is opened and its documents, counts and last
// document read on a goroutine (at 500 papers that takes frames), then
// the view is built on the UI goroutine. A project that cannot be opened
// is said in a dialog, over the project still open or the welcome screen.
func (d *mainWindow) openProject(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	d.opens++
	n := d.opens
	d.win.SetContent(openingScreen(path))
	coder, last := d.coderName(), prefs().String(projectKey(path, "lastDocument"))
	go func() {
		s, r, err := openFiles(path, coder, last)
		runOnUI(func() {
			if n != d.opens { // another open, or a close, was asked for meanwhile: it wins
				if s != nil {
					s.Close()
				}
				return
			}
			d.opened = n
			if err != nil {
				d.showCurrent() // the project open stays open
				d.showError(err)
				return
			}
			d.showProject(path, s, r)
		})
	}()
}

// opening says whether a project is being opened (openProject).
func (d *mainWindow) opening() bool { return d.opened != d.opens }

// cancelOpen drops the open under way, if any: its project is closed
// again when its read ends, instead of shown.
func (d *mainWindow) cancelOpen() {
	d.opens++
	d.opened = d.opens
}

// showCurrent shows the project open again, or the welcome screen when
// none is.
func (d *mainWindow) showCurrent() {
	if d.view == nil || d.shown == nil {
		d.showWelcome()
		return
	}
	d.win.SetContent(d.shown)
}

// openingScreen is what the window shows while a project opens.
func openingScreen(path string) fyne.CanvasObject {
	msg := widget.NewLabelWithStyle("Opening "+filepath.Base(path)+"…", fyne.TextAlignCenter, fyne.TextStyle{})
	return container.NewCenter(container.NewVBox(msg, widget.NewProgressBarInfinite()))
}

// openFiles is what openProject opens a project with: openAndRead, or in
// tests one that can be held.
var openFiles = openAndRead

// openAndRead opens the project at path and reads what its view shows
// first (readProject); on a goroutine of its own.
func openAndRead(path, coder, lastDoc string) (*session.Session, projectRead, error) {
	s, err := session.OpenSession(path, coder)
	if err != nil {
		return nil, projectRead{}, err
	}
	r, err := readProject(s, lastDoc)
	if err != nil {
		s.Close()
		return nil, projectRead{}, err
	}
	return s, r, nil
}

// showProject shows the project just opened and read, in place of the
// one shown before.
func (d *mainWindow) showProject(path string, s *session.Session, r projectRead) {
	d.closeSession()
	d.session = s
	d.addRecent(path)
	view := buildProjectView(s, r)
	d.view = view
	view.watch()
	view.ws.projectActions = projectActions{New: d.newProjectDialog, Open: d.openDialog, Close: d.closeProject, Recent: d.recentMenu, Quit: d.quit}
	view.win = d.win
	title, _ := s.Title()
	rememberTitle(d.app.Preferences(), path, title)
	d.win.SetTitle(fmt.Sprintf("%s — cmocoder", title))
	// The pages are laid out in the window before attach shows the
	// document again, so that it opens where it was read last.
	d.shown = withToolTips(view.content, d.win.Canvas())
	d.win.SetContent(d.shown)
	view.ws.attach(d.win, d.engine)
}

// projectView shows a project's documents, and the fragments and text of
// the selected one.
type projectView struct {
	// lastReadError is the last reason shown for a failed read
	// (readFailed), so that each reason gets one dialog.
	lastReadError string
	// stopWatch stops looking for other programs' changes (watch).
	stopWatch func()

	// countsFresh: docs and counts were just read (newProjectView), so
	// refreshCounts need not read them again.
	countsFresh bool

	session   *session.Session
	docs      []coding.Document
	counts    map[string]map[coding.Role]int
	docList   *widget.List
	fragList  *widget.List
	frags     []coding.Fragment
	text      *widget.Label
	heading   *widget.Label
	content   fyne.CanvasObject
	selection int
	ws        *workspace     // the open document's pages and coding
	docsList  docsColumn     // heading and filter of the documents (docs_column.go)
	ocrButton *widget.Button // "OCR this document" (ocr_gui.go)
	win       fyne.Window    // for dialogs
	tabsView  projectTabs    // Documents, CMOCs, Theories, ... (tabs.go)

	// The mostly unreadable pages of the text shown, for ocrButton.
	unreadable unreadablePages
}

// projectRead is what a project's view shows first, read before it is
// built: the documents, their fragments counted by role, and the text and
// fragments of the document shown first.
type projectRead struct {
	docs   []coding.Document
	counts map[string]map[coding.Role]int
	first  docRead
}

// docRead is a document's text and fragments, read ahead of showing it.
type docRead struct {
	id    string
	text  *coding.Text
	frags []coding.Fragment
}

// readProject reads what the view of s shows first; lastDoc is the
// document open when the project was last closed (restorePlace).
func readProject(s *session.Session, lastDoc string) (projectRead, error) {
	var r projectRead
	var err error
	if r.docs, err = s.Documents(); err != nil {
		return r, err
	}
	if r.counts, err = s.RoleCounts(); err != nil {
		return r, err
	}
	if len(r.docs) == 0 {
		return r, nil
	}
	id := r.docs[placeIndex(r.docs, lastDoc)].ID
	// A document that cannot be read is said when it is shown, as when
	// it is picked from the list: the project still opens.
	text, err := s.Text(id)
	if err != nil {
		return r, nil
	}
	frags, err := s.Fragments(id)
	if err != nil {
		return r, nil
	}
	r.first = docRead{id: id, text: text, frags: frags}
	return r, nil
}

// newProjectView reads the project open in s and builds its view.
func newProjectView(s *session.Session) (*projectView, error) {
	r, err := readProject(s, prefs().String(projectKey(s.Path(), "lastDocument")))
	if err != nil {
		return nil, err
	}
	return buildProjectView(s, r), nil
}

// buildProjectView builds the view of the project open in s from what
// readProject read, on the UI goroutine.
func buildProjectView(s *session.Session, r projectRead) *projectView {
	v := &projectView{session: s, selection: -1, stopWatch: func() {}}
	v.docs = v.filterDocs(r.docs)
	v.counts = r.counts
	v.docList = widget.NewList(
		func() int { return len(v.docs) },
		newDocRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { v.fillDocRow(o, v.docs[i]) })
	v.docList.OnSelected = v.selectDocument
	v.heading = widget.NewLabelWithStyle("Select a document", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.Wrapping = fyne.TextWrapWord
	v.ocrButton = v.newOCRButton()
	// The pages, the coding panel and the fragments (workspace.go).
	v.ws = newWorkspace(v)
	v.ws.ahead = r.first
	right := v.ws.content
	split := container.NewHSplit(
		v.documentsColumn(),
		right) // the document's title heads its pages (workspace.go)
	split.Offset = 0.17
	v.content = v.newTabs(split)
	// The counts load read are fresh while the document of last time is
	// shown: reading them again for it held the UI goroutine (issue 14).
	v.countsFresh = true
	v.restorePlace() // the document and tab of last time (prefs.go)
	v.countsFresh = false
	return v
}

// load reads the documents and counts their fragments by role.
func (v *projectView) load() error {
	docs, err := v.session.Documents()
	if err != nil {
		return err
	}
	counts, err := v.session.RoleCounts()
	if err != nil {
		return err
	}
	v.docs = v.filterDocs(docs)
	v.counts = counts
	return nil
}

// summary is the last line of a document's row: its pages, and whether
// it needs OCR (the fragments per role are on the line above,
// docRoleCounts).
func (v *projectView) summary(d coding.Document) string {
	parts := []string{coding.Count(d.Pages, "page")}
	if d.NeedsOCR {
		parts = append(parts, "needs OCR")
	}
	return strings.Join(parts, " · ")
}

func (v *projectView) selectDocument(i widget.ListItemID) {
	v.selection = i
	if v.docsList.quiet {
		return // the list was filtered: the same document stays shown
	}
	d := v.docs[i]
	v.heading.SetText(d.Title)
	if d.ID == v.ws.doc.ID {
		v.ws.savePosition() // shown again (after OCR, say): stay where the reader is
	}
	v.ws.showDocument(d)
	v.showOCR(d) // after showDocument: it looks at the pages shown
	v.rememberDocument(d.ID)
}
