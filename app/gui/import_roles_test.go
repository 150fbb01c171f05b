package gui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// roleRow finds the role-mapping step's row of the code named name (after
// filtering the list to it) and returns its label text and its choice.
func roleRow(t *testing.T, w fyne.Window, name string) (string, *roleSelect) {
	t.Helper()
	var filter *findEntry
	waitFor(t, "the role-mapping step", func() bool {
		walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if e, ok := o.(*findEntry); ok {
				filter = e
			}
		})
		return filter != nil
	})
	filter.SetText(name)
	var text string
	var sel *roleSelect
	walk(topDialog(t, w), func(o fyne.CanvasObject) {
		box, ok := o.(*fyne.Container)
		if !ok || len(box.Objects) != 3 {
			return
		}
		s, ok := box.Objects[2].(*roleSelect)
		if !ok || !box.Visible() {
			return
		}
		if l, ok := box.Objects[0].(*widget.Label); ok && strings.HasPrefix(l.Text, name+" (") {
			text, sel = l.Text, s
		}
	})
	if sel == nil {
		t.Fatalf("no row for the code %q in %q", name, dialogText(w))
	}
	return text, sel
}

// pressKey types a key into whatever has the focus in w (the canvas when
// nothing has).
func pressKey(w fyne.Window, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.Canvas().OnTypedKey()(ev)
}

// projectCounts is the number of fragments, outcome fragments and labels
// in the project.
func projectCounts(t *testing.T, ws *workspace) (frags, outcomes, labels int) {
	t.Helper()
	c, err := ws.session.Contents()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Fragments {
		if f.Role == coding.Outcome {
			outcomes++
		}
	}
	return len(c.Fragments), outcomes, len(c.Labels)
}

// The import dialog's role-mapping step: the other tool's codebook with
// the passages per code and the role the import would pick; a code set to
// Outcome there gives its passages the role outcome and is no label;
// Escape (Cancel) writes nothing; Enter imports.
func TestImportRolesStep(t *testing.T) {
	qc := sharedFile(t, "refi-qda", "samples", "qc-1.3.2-demo.qdpx")
	in, err := session.ReadREFI(qc)
	if err != nil {
		t.Fatal(err)
	}
	const code = "collaboration" // a leaf: a role on a parent passes to its children
	var guid string
	for _, r := range flattenCodes(in.Codes, 0, nil) {
		if r.code.Name == code {
			guid = r.code.GUID
		}
	}
	perCode, _ := in.Passages()
	passages := perCode[guid]
	if passages == 0 {
		t.Fatalf("the qc sample codes no passage with %q", code)
	}

	ws, w := openWorkspace(t)
	frags0, outcomes0, labels0 := projectCounts(t, ws)
	start := func() func() (error, bool) {
		var got error
		finished := false
		ws.importREFIAsking(qc, func(err error) { got, finished = err, true })
		return func() (error, bool) { pump(); return got, finished }
	}

	// Cancel: nothing written.
	result := start()
	label, sel := roleRow(t, w, code)
	if want := code + " (" + coding.Count(passages, "passage") + ")"; label != want {
		t.Errorf("row %q, want %q", label, want)
	}
	if sel.Selected != noRole {
		t.Errorf("%s is pre-filled with %q, want %q", code, sel.Selected, noRole)
	}
	sel.SetSelected(coding.Outcome.Title())
	pressKey(w, fyne.KeyEscape)
	err, finished := result()
	if !finished || !errors.Is(err, errImportCancelled) {
		t.Fatalf("Escape: finished %v, %v", finished, err)
	}
	if f, _, l := projectCounts(t, ws); f != frags0 || l != labels0 {
		t.Errorf("Cancel changed the project: %d fragments, %d labels; before %d, %d", f, l, frags0, labels0)
	}

	// Outcome, then Enter.
	result = start()
	_, sel = roleRow(t, w, code)
	sel.SetSelected(coding.Outcome.Title())
	sel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter on the row's choice
	waitFor(t, "the import", func() bool { _, done := result(); return done })
	if err, _ := result(); err != nil {
		t.Fatal(err)
	}
	frags, outcomes, _ := projectCounts(t, ws)
	if outcomes-outcomes0 != passages {
		t.Errorf("%d outcome fragments added, want %d (the passages coded %s)", outcomes-outcomes0, passages, code)
	}
	labels, err := ws.session.Labels()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range labels {
		if l.Name == code {
			t.Errorf("%s, a role, became a label", code)
		}
	}
	if frags == frags0 {
		t.Error("the import added no fragments")
	}
}

// A cmocoder export's role codes are pre-filled with their roles.
func TestImportRolesStepPrefilled(t *testing.T) {
	ws, w := openWorkspace(t)
	rp, err := session.QDPXProject(ws.session)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.qdpx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := refiqda.Write(f, rp); err != nil {
		t.Fatal(err)
	}
	f.Close()
	finished := false
	ws.importREFIAsking(path, func(error) { finished = true })
	for _, r := range coding.Roles {
		if _, sel := roleRow(t, w, r.Title()); sel.Selected != r.Title() {
			t.Errorf("the code %s is pre-filled with %q", r.Title(), sel.Selected)
		}
	}
	button(t, topDialog(t, w), "Cancel") // is there
	w.Canvas().Unfocus()
	pressKey(w, fyne.KeyEscape) // with nothing focused
	pump()
	if !finished {
		t.Error("Escape did not end the import")
	}
}

// A file that is not REFI-QDA is one message naming it, before any step.
func TestImportRolesStepBadFile(t *testing.T) {
	ws, _ := openWorkspace(t)
	bad := filepath.Join(t.TempDir(), "notes.qdpx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	err := waitDone(t, "reading the file", func(done func(error)) { ws.importREFIAsking(bad, done) })
	if err == nil || errors.Is(err, errImportCancelled) || !strings.Contains(ws.status.Text, "notes.qdpx") {
		t.Errorf("a bad file: %v, status %q", err, ws.status.Text)
	}
}

// The step draws (a row's indent once had no colour, which the painter
// cannot fill), and every choice shows whole in a row's select: "Mechanism
// reasoning", not "Mechanism re…".
func TestImportRolesStepDraws(t *testing.T) {
	ws, _ := openWorkspace(t)
	in, err := session.ReadREFI(sharedFile(t, "refi-qda", "samples", "nvivo-win-12.6-hu-youtube-comments.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(widget.NewLabel("the project"))
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1000, 700))
	ws.win = w
	ws.importRolesStep(in, func() {}, func() {})
	if img := w.Canvas().Capture(); img.Bounds().Dx() == 0 {
		t.Fatal("nothing drawn")
	}
	_, sel := roleRow(t, w, "piros")
	need := fyne.MeasureText(coding.Reasoning.Title(), theme.TextSize(), fyne.TextStyle{}).Width +
		3*theme.InnerPadding() + theme.IconInlineSize()
	if sel.Size().Width < need {
		t.Errorf("a row's choice is %.0f wide; %q needs %.0f", sel.Size().Width, coding.Reasoning.Title(), need)
	}
}

// Enter imports and Esc cancels wherever the focus is in the step: the
// filter box, a row's choice, the list (a tapped row), or nothing.
func TestImportRolesStepKeys(t *testing.T) {
	ws, w := openWorkspace(t)
	in, err := session.ReadREFI(sharedFile(t, "refi-qda", "samples", "qc-1.3.2-demo.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	focus := map[string]func() fyne.Focusable{
		"filter": func() fyne.Focusable { return w.Canvas().Focused() },
		"choice": func() fyne.Focusable { _, sel := roleRow(t, w, "curriculum"); return sel },
		"list": func() fyne.Focusable {
			var l *keyList
			walk(topDialog(t, w), func(o fyne.CanvasObject) {
				if x, ok := o.(*keyList); ok {
					l = x
				}
			})
			return l
		},
		"nothing": func() fyne.Focusable { w.Canvas().Unfocus(); return nil },
	}
	for where, find := range focus {
		for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
			got := ""
			ws.importRolesStep(in, func() { got = "import" }, func() { got = "cancel" })
			ev := &fyne.KeyEvent{Name: k}
			if f := find(); f != nil {
				f.TypedKey(ev)
			} else {
				w.Canvas().OnTypedKey()(ev)
			}
			want := map[fyne.KeyName]string{fyne.KeyReturn: "import", fyne.KeyEscape: "cancel"}[k]
			if got != want {
				t.Errorf("%s with the focus on %s: %q, want %q", k, where, got, want)
			}
			if top := w.Canvas().Overlays().Top(); top != nil {
				t.Errorf("%s with the focus on %s left the dialog open", k, where)
				top.Hide()
			}
		}
	}
}

// While the step is up, the coding keys do not code the page behind it;
// once it is gone they do again.
func TestImportRolesStepHoldsKeys(t *testing.T) {
	ws, w := openWorkspace(t)
	in, err := session.ReadREFI(sharedFile(t, "refi-qda", "samples", "qc-1.3.2-demo.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	selectSentence(t, ws)
	before := len(stored(t, ws))
	ws.importRolesStep(in, func() {}, func() {})
	w.Canvas().Unfocus()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyC})
	settleCommits(ws) // coding commits in the background
	if n := len(stored(t, ws)); n != before {
		t.Fatalf("C under the import dialog coded the page: %d fragments, %d before", n, before)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyC})
	settleCommits(ws)
	if n := len(stored(t, ws)); n != before+1 {
		t.Errorf("C after the dialog: %d fragments, want %d", n, before+1)
	}
}
