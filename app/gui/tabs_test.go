package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// Theories: a new one is made from its dialog, edited into a refined
// theory of the demo's initial one with its statement, moved up, and
// every step undoes.
func TestTheoriesTab(t *testing.T) {
	ws, w := openWorkspace(t)
	pv := ws.pv
	pv.showTab("Theories")
	p := pv.tabsView.theories
	if len(p.theories) != 1 || p.rowText(0) != "1. Leading for quality  (IPT, 1 CMOC)" {
		t.Fatalf("rows: %d %q", len(p.theories), p.rowText(0))
	}
	test.Tap(button(t, p.content, "New theory…"))
	var name *widget.Entry
	walk(topDialog(t, w), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && name == nil {
			name = e
		}
	})
	test.Type(name, "Leading for quality, refined")
	test.Tap(button(t, topDialog(t, w), "Create"))
	if len(p.theories) != 2 || p.theory(p.selected) == nil || p.theory(p.selected).Name != "Leading for quality, refined" {
		t.Fatalf("after create: %d theories, selected %q", len(p.theories), p.selected)
	}
	if p.name.Text != "Leading for quality, refined" || p.kind.Selected != kindInitial || !p.refines.Disabled() {
		t.Errorf("form: %q %q refines disabled %v", p.name.Text, p.kind.Selected, p.refines.Disabled())
	}
	p.kind.SetSelected(kindRefined)
	p.refines.SetSelected("Leading for quality")
	p.description.SetText("After the interviews.")
	p.statement.SetText("Effective leaders share authority so that staff commit because they are trusted.")
	test.Tap(p.save)
	ts, _ := ws.session.Theories()
	if len(ts) != 2 || ts[1].Kind != coding.Refined || ts[1].Refines != ts[0].ID || !strings.HasPrefix(ts[1].Statement, "Effective leaders") ||
		ts[1].Description != "After the interviews." {
		t.Fatalf("stored %+v", ts)
	}
	if !strings.HasPrefix(p.rowText(1), "2. Leading for quality, refined  (refined, 0 CMOCs)") {
		t.Errorf("row %q", p.rowText(1))
	}
	// Up: the refined theory comes first.
	test.Tap(p.up)
	ts, _ = ws.session.Theories()
	if ts[0].Name != "Leading for quality, refined" || !strings.HasPrefix(p.rowText(0), "1. Leading for quality, refined") {
		t.Errorf("after up: %q first, row %q", ts[0].Name, p.rowText(0))
	}
	// The CMOCs tab follows the order (only theories with CMOCs show).
	shortcut(ws, &fyne.ShortcutUndo{}) // the move
	ts, _ = ws.session.Theories()
	if ts[0].Name != "Leading for quality" || p.theories[0].Name != "Leading for quality" {
		t.Errorf("undo of the move: %q first", ts[0].Name)
	}
	shortcut(ws, &fyne.ShortcutUndo{}) // the edit
	ts, _ = ws.session.Theories()
	if ts[1].Kind != coding.Initial || ts[1].Statement != "" {
		t.Errorf("undo of the edit: %+v", ts[1])
	}
	// A theory with CMOCs is not deleted.
	p.list.Select(0)
	test.Tap(p.remove)
	if !strings.Contains(dialogText(w), "the programme theory still holds 1 CMOC") {
		t.Errorf("dialog %q", dialogText(w))
	}
	topDialog(t, w).Hide()
	p.list.Select(1)
	test.Tap(p.remove)
	if ts, _ = ws.session.Theories(); len(ts) != 1 {
		t.Errorf("%d theories after delete", len(ts))
	}
}

// Codebook: labels with counts; a rename keeps every coding; a merge
// moves them to the label kept; undo restores both.
func TestCodebookTab(t *testing.T) {
	ws, w := openWorkspace(t)
	pv := ws.pv
	pv.showTab("Codebook")
	p := pv.tabsView.codebook
	settle(t, &p.loader)
	idx := -1
	for i, l := range p.labels {
		if l.Name == "Leadership" {
			idx = i
		}
	}
	if idx < 0 || p.rowText(idx) != "Leadership  (2 fragments, 1 CMOC)" {
		t.Fatalf("labels %v", p.labels)
	}
	p.list.Select(idx)
	p.name.SetText("Leading")
	p.definition.SetText("Anything a leader offers.")
	test.Tap(p.save)
	settle(t, &p.loader)
	frags, _ := ws.session.Fragments("")
	n := 0
	for _, f := range frags {
		if hasLabel(f, "Leading") {
			n++
		}
		if hasLabel(f, "Leadership") {
			t.Errorf("a fragment still carries the old name: %q", f.Labels)
		}
	}
	cs, _ := ws.session.CMOCs()
	if n != 2 || strings.Join(cs[0].Labels, ",") != "Leading" {
		t.Errorf("%d fragments carry the new name; CMOC %q", n, cs[0].Labels)
	}
	ls, _ := ws.session.Labels()
	for _, l := range ls {
		if l.Name == "Leading" && l.Definition != "Anything a leader offers." {
			t.Errorf("definition %q", l.Definition)
		}
	}
	// Merge Motivation into Leading.
	for i, l := range p.labels {
		if l.Name == "Motivation" {
			p.list.Select(i)
		}
	}
	p.mergeInto.SetSelected("Leading")
	test.Tap(p.merge)
	if !strings.Contains(dialogText(w), "The 1 fragment and 0 CMOCs carrying “Motivation” will carry “Leading” instead") {
		t.Errorf("dialog %q", dialogText(w))
	}
	test.Tap(button(t, topDialog(t, w), "Yes"))
	settle(t, &p.loader)
	ls, _ = ws.session.Labels()
	for _, l := range ls {
		if l.Name == "Motivation" {
			t.Error("Motivation is still in the codebook")
		}
	}
	if p.label(p.selected) == nil || !strings.Contains(p.heading.Text, "“Leading”: 3 fragments, 1 CMOC") {
		t.Errorf("heading %q", p.heading.Text)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	shortcut(ws, &fyne.ShortcutUndo{})
	frags, _ = ws.session.Fragments("")
	for _, f := range frags {
		if hasLabel(f, "Leading") {
			t.Errorf("after two undos a fragment carries %q", f.Labels)
		}
	}
}

// Sources: the form saves study characteristics and appraisal (itself,
// when a judgement is picked); a bad year gives an error dialog and
// changes nothing.
func TestSourcesTab(t *testing.T) {
	ws, w := openWorkspace(t)
	pv := ws.pv
	pv.showTab("Sources")
	p := pv.tabsView.sources
	if len(p.docs) != 1 || p.selected == "" || p.year.Text != "2014" {
		t.Fatalf("docs %d, year %q", len(p.docs), p.year.Text)
	}
	p.design.SetText("Qualitative case study")
	p.rigourNote.SetText("Interviews with 39 staff.")
	p.relevance.SetSelected("high")
	d, _ := ws.session.Document(p.selected)
	if d.Design != "Qualitative case study" || d.Relevance.Judgement != coding.High || d.Rigour.Note != "Interviews with 39 staff." || d.Year != "2014" {
		t.Errorf("stored %+v", d.Source())
	}
	p.year.SetText("twenty")
	p.save()
	if !strings.Contains(dialogText(w), "not four digits") {
		t.Errorf("dialog %q", dialogText(w))
	}
	if d, _ = ws.session.Document(p.selected); d.Year != "2014" {
		t.Errorf("year stored %q", d.Year)
	}
	topDialog(t, w).Hide()
	p.year.SetText("2014")
	shortcut(ws, &fyne.ShortcutUndo{})
	if d, _ = ws.session.Document(p.selected); d.Design != "" && d.Design == "Qualitative case study" {
		t.Errorf("undo left design %q", d.Design)
	}
	if p.design.Text == "Qualitative case study" {
		t.Error("the form still shows the undone design")
	}
}

// Matrix: labels down, the source across, counts as the export gives
// them, with N and Total beside the names; clicking a count lists its
// fragments, clicking one opens it.
func TestMatrixTab(t *testing.T) {
	ws, _ := openWorkspace(t)
	pv := ws.pv
	pv.showTab("Matrix")
	p := pv.tabsView.matrix
	cells := shownMatrix(t, p)
	if len(cells) < 3 || cells[0][0] != "Mechanism \\ Source" || cells[0][1] != "N" || cells[0][2] != "Total" || cells[1][0] != "Total" {
		t.Fatalf("cells %q", cells)
	}
	row := -1
	for i, r := range cells {
		if r[0] == "Leadership" {
			row = i
		}
	}
	if row < 0 || cells[row][1] != "1" || cells[row][2] != "2" || cells[row][3] != "2" {
		t.Fatalf("cells %q", cells)
	}
	p.table.Select(widget.TableCellID{Row: row, Col: 3})
	if len(p.frags) != 2 || !strings.HasPrefix(p.cellInfo.Text, "Leadership · ") {
		t.Fatalf("cell lists %d fragments: %q", len(p.frags), p.cellInfo.Text)
	}
	p.table.Select(widget.TableCellID{Row: row, Col: 0})
	if len(p.frags) != 2 || !strings.HasPrefix(p.cellInfo.Text, "Leadership · all sources") {
		t.Errorf("row name lists %d fragments: %q", len(p.frags), p.cellInfo.Text)
	}
	p.table.Select(widget.TableCellID{Row: 1, Col: 3})
	if len(p.frags) != 5 {
		t.Errorf("total cell lists %d fragments", len(p.frags))
	}
	f := p.frags[4]
	p.list.Select(4)
	if !pv.onDocuments() || ws.current != f.ID {
		t.Errorf("clicking the fragment: documents %v, current %q", pv.onDocuments(), ws.current)
	}
	// By theories: the demo's theory, its 4 fragments.
	pv.showTab("Matrix")
	p.by.SetSelectedIndex(1)
	cells = shownMatrix(t, p)
	if cells[0][0] != "Programme theory \\ Source" || cells[2][0] != "Leading for quality" || cells[2][3] != "4" {
		t.Fatalf("theory cells %q", cells)
	}
	p.table.Select(widget.TableCellID{Row: 2, Col: 3})
	if len(p.frags) != 4 {
		t.Errorf("theory cell lists %d", len(p.frags))
	}
}
