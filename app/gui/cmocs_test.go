package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	ttwidget "github.com/dweymouth/fyne-tooltip/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// walk visits every visible object under o, widgets' insides included.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// button finds a visible button by its text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch b := c.(type) {
		case *widget.Button:
			if b.Text == text {
				found = b
			}
		case *ttwidget.Button: // a button with a tooltip
			if b.Text == text {
				found = &b.Button
			}
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// topDialog is the dialog shown on top of the window.
func topDialog(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// dialogText is all the label text of the dialog on top.
func dialogText(w fyne.Window) string {
	var parts []string
	walk(w.Canvas().Overlays().Top(), func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Label:
			parts = append(parts, x.Text)
		case *widget.RichText:
			parts = append(parts, x.String())
		}
	})
	return strings.Join(parts, "\n")
}

// tickRows ticks the fragment list's rows whose fragments match, with the
// rows' own check boxes (scrolling each into view).
func tickRows(t *testing.T, ws *workspace, match func(coding.Fragment) bool) []coding.Fragment {
	t.Helper()
	var out []coding.Fragment
	for i, f := range ws.fragments.shown {
		if !match(f) {
			continue
		}
		ws.fragments.list.ScrollTo(i)
		want := []rune(strings.Join(strings.Fields(f.Text), " "))
		if len(want) > 30 {
			want = want[:30]
		}
		var check *rowTick
		walk(ws.fragments.list, func(c fyne.CanvasObject) {
			if row, ok := c.(*fragmentRow); ok && row.Visible() && strings.Contains(row.line, string(want)) {
				check = row.tick
			}
		})
		if check == nil {
			t.Fatalf("no check box on the row of %q", string(want))
		}
		test.Tap(check)
		out = append(out, f)
	}
	return out
}

func cmocNamed(t *testing.T, ws *workspace, statement string) *coding.CMOC {
	t.Helper()
	cs, err := ws.session.CMOCs()
	if err != nil {
		t.Fatal(err)
	}
	for i := range cs {
		if cs[i].Statement == statement {
			return &cs[i]
		}
	}
	return nil
}

func boxNamed(p *cmocsPanel, statement string) *cmocBox {
	for _, b := range p.boxes {
		if b.cmoc.Statement == statement {
			return b
		}
	}
	return nil
}

// A reviewer ticks a context and an outcome fragment, presses New CMOC,
// fills in the form with a new theory's name: the CMOC is stored under a
// new initial theory, the CMOCs tab shows it in its box with the two
// missing mechanism roles as gaps, a quote opens its page, and Ctrl+Z
// takes it (and the theory) away again.
func TestNewCMOCFromTickedFragments(t *testing.T) {
	ws, w := openWorkspace(t)
	pv := ws.pv
	if !ws.fragments.newCMOC.Disabled() {
		t.Error("New CMOC is enabled with nothing ticked")
	}
	ticked := tickRows(t, ws, func(f coding.Fragment) bool {
		return f.Role == coding.Outcome || f.Role == coding.Context && hasLabel(f, "Resources")
	})
	if len(ticked) != 2 || ws.fragments.tickInfo.Text != "2 ticked (C 1 · O 1)" {
		t.Fatalf("ticked %d, info %q", len(ticked), ws.fragments.tickInfo.Text)
	}
	test.Tap(ws.fragments.newCMOC)
	form := pv.tabsView.form
	if form == nil || !strings.Contains(dialogText(w), "No fragment yet for: Mechanism resource, Mechanism reasoning") {
		t.Fatalf("form %v, dialog says %q", form, dialogText(w))
	}
	test.Type(form.statement, "Without resources nobody answers for the work")
	form.narrative.SetText("A short narrative.")
	form.theory.SetText("Being")
	form.labels.SetText("Accountability, Trust")
	test.Tap(button(t, topDialog(t, w), "Create"))

	c := cmocNamed(t, ws, "Without resources nobody answers for the work")
	if c == nil {
		t.Fatal("the CMOC was not stored")
	}
	if len(c.Fragments) != 2 || c.Fragments[0] != ticked[0].ID && c.Fragments[1] != ticked[0].ID || c.Narrative != "A short narrative." ||
		strings.Join(c.Labels, ",") != "Accountability,Trust" || c.Coder != "tester" {
		t.Errorf("stored %+v", *c)
	}
	th, err := theoryByID(ws, c.TheoryID)
	if err != nil || th.Name != "Being" || th.Kind != coding.Initial {
		t.Errorf("theory %+v %v", th, err)
	}
	if len(ws.fragments.ticked) != 0 || !strings.Contains(ws.status.Text, "CMOC “Without resources") {
		t.Errorf("after create: %d ticked, status %q", len(ws.fragments.ticked), ws.status.Text)
	}

	// The CMOCs tab: grouped by theory, in the published form.
	pv.showTab("CMOCs")
	p := settledCMOCs(t, pv.tabsView.cmocs)
	if p.heading.Text != "CMOCs (2)" || len(p.groups) != 2 || !strings.HasPrefix(p.groups[0], "Leading for quality") || !strings.HasPrefix(p.groups[1], "Being") {
		t.Fatalf("heading %q, groups %q", p.heading.Text, p.groups)
	}
	b := boxNamed(p, c.Statement)
	if b == nil {
		t.Fatal("no box for the new CMOC")
	}
	frags := []coding.Fragment{}
	for _, f := range ticked {
		g, _ := ws.session.Fragment(f.ID)
		frags = append(frags, g)
	}
	if b.line.Text != coding.Configuration(frags) || !strings.Contains(b.line.Text, "(C) → … (M, Resource) → … (M, Reasoning) → ") ||
		!strings.HasSuffix(b.line.Text, "(O−)") {
		t.Errorf("configuration %q", b.line.Text)
	}
	for _, r := range []coding.Role{coding.Resource, coding.Reasoning} {
		if !strings.Contains(b.parts[r].Text, "a gap") {
			t.Errorf("%s shown as %q", r, b.parts[r].Text)
		}
	}
	if len(b.links) != 2 || !strings.Contains(b.links[1].link.Text, ", p. ") {
		t.Fatalf("links %d", len(b.links))
	}
	// Clicking the outcome's quote opens its page in the Documents tab.
	out := b.links[1].frag
	test.TapAt(b.links[1].link, fyne.NewPos(12, b.links[1].link.Size().Height/2))
	if !pv.onDocuments() || ws.current != out.ID || ws.view.Page() != out.Page {
		t.Errorf("after the click: documents %v, current %q, page %d (want %d)", pv.onDocuments(), ws.current, ws.view.Page(), out.Page)
	}

	// Ctrl+Z removes the CMOC and the theory it made.
	shortcut(ws, &fyne.ShortcutUndo{})
	if cmocNamed(t, ws, c.Statement) != nil {
		t.Error("undo left the CMOC")
	}
	if _, err := theoryByID(ws, c.TheoryID); !coding.IsKind(err, coding.KindNotFound) {
		t.Errorf("undo left the theory: %v", err)
	}
	pv.showTab("CMOCs")
	settledCMOCs(t, p)
	if p.heading.Text != "CMOCs (1)" {
		t.Errorf("after undo the tab shows %q", p.heading.Text)
	}
}

// In the CMOCs tab a CMOC is edited (statement, theory), given the ticked
// fragments, has one taken out, shows a deleted fragment as missing
// evidence, and is deleted; every step is undoable.
func TestEditCMOCInTab(t *testing.T) {
	ws, w, p := demoCMOCsTab(t)
	pv := ws.pv
	demo := p.boxes[0].cmoc
	if len(p.boxes[0].links) != 4 || strings.Contains(p.boxes[0].line.Text, coding.Gap) {
		t.Errorf("demo box: %d links, line %q", len(p.boxes[0].links), p.boxes[0].line.Text)
	}

	// Edit: new statement, unfiled.
	test.Tap(p.boxes[0].edit)
	form := pv.tabsView.form
	if form.statement.Text != demo.Statement || form.theory.Text != "Leading for quality" {
		t.Fatalf("form shows %q / %q", form.statement.Text, form.theory.Text)
	}
	form.statement.SetText("Edited statement")
	form.theory.SetText("")
	test.Tap(button(t, topDialog(t, w), "Save"))
	settledCMOCs(t, p)
	c := cmocNamed(t, ws, "Edited statement")
	if c == nil || c.TheoryID != "" || len(c.Fragments) != 4 {
		t.Fatalf("edited %+v", c)
	}
	if len(p.groups) != 1 || !strings.HasPrefix(p.groups[0], "(no programme theory)") {
		t.Errorf("groups %q", p.groups)
	}

	// Tick the fifth fragment (Documents tab) and add it from the box.
	pv.showTab("Documents")
	tickRows(t, ws, func(f coding.Fragment) bool { return !containsString(demo.Fragments, f.ID) })
	pv.showTab("CMOCs")
	settledCMOCs(t, p)
	b := p.boxes[0]
	if b.addTicked.Disabled() || b.addTicked.Text != "Add ticked fragments (1)" {
		t.Fatalf("add button %q", b.addTicked.Text)
	}
	test.Tap(b.addTicked)
	settledCMOCs(t, p)
	if c = cmocNamed(t, ws, "Edited statement"); len(c.Fragments) != 5 {
		t.Fatalf("after adding: %d fragments", len(c.Fragments))
	}
	if n := len(p.boxes[0].links); n != 5 {
		t.Errorf("box shows %d links", n)
	}

	// Take the outcome out: the outcome becomes a gap.
	b = p.boxes[0]
	for _, l := range b.links {
		if l.frag.Role == coding.Outcome {
			test.Tap(l.remove)
			break
		}
	}
	settledCMOCs(t, p)
	c = cmocNamed(t, ws, "Edited statement")
	if len(c.Fragments) != 4 || !strings.Contains(p.boxes[0].parts[coding.Outcome].Text, "a gap") {
		t.Errorf("after removing: %d fragments, outcome %q", len(c.Fragments), p.boxes[0].parts[coding.Outcome].Text)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	if c = cmocNamed(t, ws, "Edited statement"); len(c.Fragments) != 5 {
		t.Errorf("undo of the removal: %d fragments", len(c.Fragments))
	}

	// Delete one of its fragments in the Documents tab: missing evidence.
	gone := c.Fragments[1]
	if err := ws.session.Do(coding.DeleteFragment{ID: gone}); err != nil {
		t.Fatal(err)
	}
	pv.changed()
	pv.showTab("CMOCs")
	settledCMOCs(t, p)
	b = p.boxes[0]
	if len(b.missing) != 1 || !strings.Contains(b.missing[0].Text, "Missing evidence") || !strings.Contains(b.missing[0].Text, "by tester") {
		t.Fatalf("missing evidence not shown: %d", len(b.missing))
	}
	// It can still be edited, and keeps showing what is missing.
	test.Tap(b.edit)
	pv.tabsView.form.statement.SetText("Edited again")
	test.Tap(button(t, topDialog(t, w), "Save"))
	settledCMOCs(t, p)
	if c = cmocNamed(t, ws, "Edited again"); c == nil || len(c.Fragments) != 5 || !containsString(c.Fragments, gone) {
		t.Fatalf("editing a CMOC with missing evidence: %+v", c)
	}
	if len(p.boxes[0].missing) != 1 {
		t.Errorf("after the edit %d missing evidence rows", len(p.boxes[0].missing))
	}
	test.Tap(button(t, p.content, "Remove from CMOC"))
	settledCMOCs(t, p)
	if c = cmocNamed(t, ws, "Edited again"); len(c.Fragments) != 4 || containsString(c.Fragments, gone) {
		t.Errorf("after removing the missing evidence: %q", c.Fragments)
	}

	// Delete the CMOC (after confirming), then undo.
	test.Tap(p.boxes[0].remove)
	test.Tap(button(t, topDialog(t, w), "Yes"))
	settledCMOCs(t, p)
	if cmocNamed(t, ws, "Edited again") != nil || p.heading.Text != "CMOCs (0)" {
		t.Errorf("after delete: heading %q", p.heading.Text)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	settledCMOCs(t, p)
	if cmocNamed(t, ws, "Edited again") == nil || len(p.boxes) != 1 {
		t.Error("undo did not bring the CMOC back")
	}
}

// The coding keys do nothing while another tab is shown.
func TestCodingKeysOnlyOnDocuments(t *testing.T) {
	ws, _ := openWorkspace(t)
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	dragOver(t, ws, start, end)
	ws.pv.showTab("CMOCs")
	before := len(stored(t, ws))
	ws.typedKey(&fyne.KeyEvent{Name: fyne.KeyC})
	if len(stored(t, ws)) != before {
		t.Error("C coded a fragment from the CMOCs tab")
	}
}

// File > Export… offers the tables and formats; exporting writes the file
// whole, shows the warnings (missing evidence), and an unwritable place
// gives an error dialog and no file.
func TestExportFromApp(t *testing.T) {
	ws, w := openWorkspace(t)
	menuAction(t, ws, "File", "Export…")()
	f := ws.exportForm
	if f == nil || len(f.table.Options) != len(exportTableNames) || len(f.format.Options) != 6 || !f.by.Disabled() {
		t.Fatalf("export form %+v", f)
	}
	f.table.SetSelectedIndex(2) // matrix
	if f.by.Disabled() {
		t.Error("matrix rows disabled for the matrix")
	}
	test.Tap(button(t, topDialog(t, w), "Choose file…"))
	topDialog(t, w).Hide() // the save dialog

	dir := t.TempDir()
	path := filepath.Join(dir, "cmocs.md")
	if err := ws.exportTo(path, "cmocs", "md", "labels"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "When authority over staff is held nationally") || !strings.HasPrefix(ws.status.Text, "Exported to cmocs.md") {
		t.Errorf("status %q, file %.200q", ws.status.Text, data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder (temporary file left?)", len(entries))
	}
	xlsx := filepath.Join(dir, "matrix.xlsx")
	if err := ws.exportTo(xlsx, "matrix", "xlsx", "theories"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(xlsx); len(data) < 4 || string(data[:2]) != "PK" {
		t.Error("the xlsx is not a zip file")
	}

	// A CMOC fragment deleted: the export warns.
	c, _ := ws.session.CMOCs()
	if err := ws.session.Do(coding.DeleteFragment{ID: c[0].Fragments[0]}); err != nil {
		t.Fatal(err)
	}
	if err := ws.exportTo(filepath.Join(dir, "cmocs.html"), "cmocs", "html", "labels"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dialogText(w), "missing evidence") {
		t.Errorf("no warning dialog: %q", dialogText(w))
	}
	topDialog(t, w).Hide()

	// Nowhere to write: an error dialog, nothing written.
	bad := filepath.Join(dir, "no such folder", "x.csv")
	if err := ws.exportTo(bad, "fragments", "csv", "labels"); err == nil {
		t.Error("no error writing into a missing folder")
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog")
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a file was written")
	}
}

// theoryByID reads a theory from storage.
func theoryByID(ws *workspace, id string) (coding.Theory, error) {
	ts, err := ws.session.Theories()
	if err != nil {
		return coding.Theory{}, err
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return coding.Theory{}, coding.Errorf(coding.KindNotFound, "theory", id, "not found")
}

// Many CMOCs are shown a page at a time (Fyne draws every object of a
// box), in theory order, with Next and Previous.
func TestCMOCsPaging(t *testing.T) {
	ws, _ := openWorkspace(t)
	frags, _ := ws.session.Fragments("")
	var b coding.Batch
	for i := range 60 {
		b = append(b, coding.AddCMOC{CMOC: coding.CMOC{Statement: "Generated " + itoa(i), Fragments: []string{frags[i%5].ID}},
			TheoryName: "Theory " + itoa(i%3)})
	}
	if err := ws.session.Do(b); err != nil {
		t.Fatal(err)
	}
	ws.pv.showTab("CMOCs")
	p := settledCMOCs(t, ws.pv.tabsView.cmocs)
	if p.heading.Text != "CMOCs (61)" || len(p.boxes) != cmocsPerPage || !p.pager.Visible() || p.pageInfo.Text != "1–8 of 61" || !p.prevPage.Disabled() {
		t.Fatalf("heading %q, %d boxes, pager %q", p.heading.Text, len(p.boxes), p.pageInfo.Text)
	}
	if !strings.HasPrefix(p.groups[0], "Leading for quality") || !strings.HasPrefix(p.groups[1], "Theory 0  ·  initial theory  (20 CMOCs)") {
		t.Errorf("groups %q", p.groups)
	}
	for range 7 {
		test.Tap(p.nextPage)
	}
	if p.pageInfo.Text != "57–61 of 61" || len(p.boxes) != 5 || !p.nextPage.Disabled() {
		t.Errorf("last page %q, %d boxes", p.pageInfo.Text, len(p.boxes))
	}
	p.filter.SetText("Generated 5")
	if p.heading.Text != "CMOCs (11 of 61)" || !p.pager.Visible() || len(p.boxes) != cmocsPerPage || p.pageInfo.Text != "1–8 of 11" {
		t.Errorf("filtered: %q, %d boxes", p.heading.Text, len(p.boxes))
	}
}

// demoCMOCsTab opens the demo project on its CMOCs tab, read, which shows
// the demo's one CMOC box.
func demoCMOCsTab(t *testing.T) (*workspace, fyne.Window, *cmocsPanel) {
	t.Helper()
	ws, w := openWorkspace(t)
	ws.pv.showTab("CMOCs")
	p := settledCMOCs(t, ws.pv.tabsView.cmocs)
	if len(p.boxes) != 1 {
		t.Fatalf("%d CMOC boxes", len(p.boxes))
	}
	return ws, w, p
}

// settledCMOCs waits for the CMOCs tab's background read to be shown and
// returns the panel.
func settledCMOCs(t *testing.T, p *cmocsPanel) *cmocsPanel {
	t.Helper()
	settle(t, &p.loader)
	return p
}

// settle runs what goroutines hand the UI goroutine until a view's
// background read has been shown.
func settle(t *testing.T, l *loader) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		pump()
		if !l.loading {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("a view did not load in 20 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
}
