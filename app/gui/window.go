package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// prefCoder is the preference key of the coder's name.
const prefCoder = "coderName"

// engineHolder starts the app's one PDF engine when first needed (off the
// UI goroutine: the page view's worker or an import asks first) and keeps
// it until the app ends.
type engineHolder struct {
	once sync.Once
	eng  *pdfview.Engine
	err  error
}

func (h *engineHolder) get() (*pdfview.Engine, error) {
	h.once.Do(func() { h.eng, h.err = session.NewEngine() })
	return h.eng, h.err
}

func (h *engineHolder) close() {
	h.once.Do(func() {}) // no engine is started after this
	if h.eng != nil {
		h.eng.Close()
	}
}

func (d *mainWindow) engine() (*pdfview.Engine, error) { return d.eng.get() }

// coderName is the name recorded on this reviewer's changes: the one they
// gave (kept in the preferences), else $CMOCODER_CODER or the login name.
func (d *mainWindow) coderName() string {
	if n := strings.TrimSpace(d.app.Preferences().String(prefCoder)); n != "" {
		return n
	}
	return session.DefaultCoder()
}

// showError shows err in a dialog with one clear sentence.
func showError(win fyne.Window, err error) {
	dialog.ShowError(errors.New(session.OneLine(err)), win)
}

// refreshCounts reads the documents again (fragment counts per role)
// after a change.
func (v *projectView) refreshCounts() {
	if v.countsFresh {
		return
	}
	if err := v.load(); err != nil {
		v.readFailed("documents", err)
		return
	}
	if v.docList != nil {
		v.docList.Refresh()
	}
	v.updateOCR() // a fragment coded: OCR is no longer offered
	v.refreshTabs()
}

// askCoder asks the reviewer's name once (File > Coder name… asks again)
// and remembers it in the preferences.
func (ws *workspace) askCoder() {
	if ws.win == nil {
		return
	}
	prefs := fyne.CurrentApp().Preferences()
	name := widget.NewEntry()
	name.SetText(prefs.StringWithFallback(prefCoder, session.DefaultCoder()))
	items := []*widget.FormItem{widget.NewFormItem("Your name", name)}
	d := dialog.NewForm("Who is coding?", "Save", "Cancel", items, func(ok bool) {
		n := strings.TrimSpace(name.Text)
		if !ok || n == "" {
			return
		}
		prefs.SetString(prefCoder, n)
		ws.session.SetCoder(n)
		ws.say("Fragments you code are recorded as %s.", n)
	}, ws.win)
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	ws.win.Canvas().Focus(name)
}

// askCoderOnce asks the name unless it is known: given before, or set in
// $CMOCODER_CODER.
func (ws *workspace) askCoderOnce() {
	if fyne.CurrentApp().Preferences().String(prefCoder) != "" || os.Getenv("CMOCODER_CODER") != "" {
		return
	}
	ws.askCoder()
}

// chooseFile asks for a file to open with one of the extensions, then
// hands its path to use.
func (ws *workspace) chooseFile(exts []string, use func(path string)) {
	if ws.win == nil {
		return
	}
	fd := dialog.NewFileOpen(pickedPath[fyne.URIReadCloser](ws.fail, use), ws.win)
	fd.SetFilter(fynestorage.NewExtensionFileFilter(exts))
	fd.Resize(fyne.NewSize(800, 560))
	fd.Show()
}

// pickedPath is a file dialog's callback: an error goes to fail, Cancel
// does nothing, and the file picked is closed (only its path is wanted)
// and its path handed to use.
func pickedPath[F interface {
	URI() fyne.URI
	Close() error
}](fail func(error), use func(path string)) func(F, error) {
	return func(f F, err error) {
		if err != nil {
			fail(err)
			return
		}
		if any(f) == nil { // Cancel
			return
		}
		f.Close()
		use(f.URI().Path())
	}
}

// chooseSaveFile asks where to save a file, offering name, then hands
// the path to write: the dialog has made the file, empty; write it again
// whole (writeFileAtomic).
func (ws *workspace) chooseSaveFile(name, ext string, write func(path string)) {
	if ws.win == nil {
		return
	}
	fd := dialog.NewFileSave(pickedPath[fyne.URIWriteCloser](ws.fail, write), ws.win)
	fd.SetFileName(name)
	fd.SetFilter(fynestorage.NewExtensionFileFilter([]string{ext}))
	if dir, err := fynestorage.ListerForURI(fynestorage.NewFileURI(filepath.Dir(ws.session.Path()))); err == nil {
		fd.SetLocation(dir) // what a project exports goes beside it
	}
	fd.Resize(fyne.NewSize(800, 560))
	fd.Show()
}

// dropped imports the PDFs dropped on the window (those in a dropped
// folder too).
func (ws *workspace) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		p := u.Path()
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			names, err := folderPDFs(p)
			if err != nil {
				ws.fail(err)
			}
			for _, n := range names {
				paths = append(paths, filepath.Join(p, n))
			}
			continue
		}
		paths = append(paths, p)
	}
	ws.importFiles(paths)
}

// importFiles imports the files in the background, the next ones read
// while one is stored (importAll), with a row per file in order: a
// progress bar while it is read, then what became of it.
// A file that fails is listed with its reason and the others still go in.
func (ws *workspace) importFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	type row struct {
		path  string
		label *widget.Label
		bar   *widget.ProgressBarInfinite
		box   *fyne.Container
		note  string // after "added": why OCR was not done
	}
	var rows []*row
	for _, p := range paths {
		r := &row{path: p, label: widget.NewLabel(filepath.Base(p) + ": waiting"), bar: widget.NewProgressBarInfinite()}
		r.bar.Stop()
		r.label.Truncation = fyne.TextTruncateEllipsis
		r.box = container.NewGridWithColumns(2, r.label, r.bar)
		rows = append(rows, r)
		ws.imports.Add(r.box)
	}
	ws.importBox.Show()
	engine := ws.engine
	// finish shows what became of a file (on the UI goroutine); it is
	// true if the file went in.
	var finish func(r *row, doc coding.Document, err error) bool
	// retry imports a locked file again with the password typed for it.
	retry := func(r *row) {
		data, err := os.ReadFile(r.path)
		if err != nil {
			finish(r, coding.Document{}, err)
			return
		}
		askPassword(ws.win, filepath.Base(r.path), "to add it",
			func(password string) error { return checkPassword(engine, data, password) },
			func(password string, ok bool) {
				if !ok {
					return
				}
				r.label.SetText(filepath.Base(r.path) + ": reading…")
				r.label.Importance = widget.MediumImportance
				r.box.Objects[1] = r.bar
				r.bar.Show()
				r.bar.Start()
				r.box.Refresh()
				go func() {
					doc, note, err := ws.addOne(engine, r.path, password)
					r.note = note
					runOnUI(func() {
						if finish(r, doc, err) {
							ws.session.RememberPassword(doc.ID, password)
							ws.say("Added %s.", doc.Title)
						}
					})
				}()
			})
	}
	finish = func(r *row, doc coding.Document, err error) bool {
		r.bar.Stop()
		r.bar.Hide()
		switch {
		case errors.Is(err, pdfview.ErrPassword) && ws.win != nil:
			r.label.SetText("🔒 " + filepath.Base(r.path) + " is protected by a password")
			r.label.Importance = widget.WarningImportance
			r.box.Objects[1] = widget.NewButtonWithIcon("Enter password…", theme.AccountIcon(), func() { retry(r) })
		case err != nil:
			r.label.SetText("✗ " + session.OneLine(err))
			r.label.Importance = widget.DangerImportance
			r.box.Objects[1] = widget.NewIcon(theme.ErrorIcon())
		default:
			r.label.SetText(fmt.Sprintf("✓ %s: %s added%s", doc.Title, coding.Count(doc.Pages, "page"), r.note))
			r.label.Importance = widget.SuccessImportance
			r.box.Objects[1] = widget.NewIcon(theme.ConfirmIcon())
		}
		r.label.Refresh()
		r.box.Refresh()
		if err == nil && ws.pv != nil {
			ws.pv.reloadDocument(doc.ID)
		}
		return err == nil
	}
	go func() {
		added, locked, told := 0, 0, 0
		// reading shows that the file of row i is being read (the files
		// after the one being stored are read ahead).
		reading := func(i int) {
			r := rows[i]
			runOnUI(func() {
				r.label.SetText(filepath.Base(r.path) + ": reading…")
				r.bar.Start()
			})
		}
		// tell shows what became of the next file.
		tell := func(doc coding.Document, err error) {
			r := rows[told]
			told++
			if errors.Is(err, pdfview.ErrPassword) {
				locked++
			}
			runOnUI(func() {
				if finish(r, doc, err) {
					added++
				}
			})
		}
		// Each file has its own context and OCR job: its Cancel stops
		// that file only.
		var cur *addingFile
		opts := session.ImportOptions{Reading: reading, ForFile: func(ctx context.Context, path string) (context.Context, session.ImportOptions, func()) {
			cur = ws.startAdding(ctx, path)
			return cur.ctx, cur.opts, cur.returned
		}}
		err := ws.importAll(engine, paths, func(_ string, doc coding.Document, err error) bool {
			rows[told].note = cur.note
			tell(doc, cur.result(err))
			return true
		}, opts)
		for err != nil && told < len(rows) { // no PDF engine could be started
			tell(coding.Document{}, err)
		}
		runOnUI(func() {
			msg := fmt.Sprintf("Import finished: %d of %d added.", added, len(rows))
			if locked > 0 && ws.win != nil {
				msg += fmt.Sprintf(" %d protected by a password: press Enter password… beside it.", locked)
			}
			ws.say("%s", msg)
		})
	}()
}

// importAll imports the files at paths with Session.ImportAll, which
// extracts the next PDFs while one is stored, and the app's PDF engine,
// started only if a PDF is among them. Without it (tests, or an engine
// that could not start) ImportAll starts one of its own, or says why it
// could not.
func (ws *workspace) importAll(engine func() (*pdfview.Engine, error), paths []string,
	done func(path string, doc coding.Document, err error) bool, opts session.ImportOptions) error {
	var eng *pdfview.Engine
	if engine != nil && slices.ContainsFunc(paths, func(p string) bool { return !session.IsTextName(filepath.Base(p)) }) {
		if e, err := engine(); err == nil {
			eng = e
		}
	}
	return ws.session.ImportAll(context.Background(), eng, paths, "", done, opts)
}

// importOne imports a PDF with the app's PDF engine, or a text document
// (which needs no engine, so none is started for it).
func (ws *workspace) importOne(ctx context.Context, engine func() (*pdfview.Engine, error), path, password string,
	opts session.ImportOptions) (coding.Document, error) {
	if session.IsTextName(filepath.Base(path)) {
		return ws.session.Import(ctx, nil, path, password)
	}
	eng, err := engineOrNew(engine)
	if err != nil {
		return coding.Document{}, err
	}
	if engine == nil {
		defer eng.Close()
	}
	return ws.session.Import(ctx, eng, path, password, opts)
}

// runOnUI hands work from a goroutine to the UI goroutine. Fyne's test
// driver runs fyne.Do at once on the calling goroutine; the tests replace
// it with a queue they drain on theirs.
var runOnUI = fyne.Do

// engineOrNew is the app's engine, or a fresh one without a window (tests).
func engineOrNew(engine func() (*pdfview.Engine, error)) (*pdfview.Engine, error) {
	if engine != nil {
		return engine()
	}
	return session.NewEngine()
}

// openDocument selects a document in the list (and so shows it).
func (v *projectView) openDocument(docID string) {
	for i, d := range v.docs {
		if d.ID == docID {
			if i == v.selection {
				return
			}
			v.docList.Select(i)
			return
		}
	}
}
