package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
)

// TestMatrixAndFiguresLeaveOutExcluded: once the demo's only source is
// excluded, the Matrix tab has no column for it and says so, and a click
// on a row's total lists none of its fragments; Excluded sources too
// brings it back. The Figures tab's evidence map likewise leaves it out
// until the same choice is ticked there.
func TestMatrixAndFiguresLeaveOutExcluded(t *testing.T) {
	ws, _ := openWorkspace(t)
	excludeDemo(t, ws)
	ws.pv.showTab("Matrix")
	p := ws.pv.tabsView.matrix
	cells := shownMatrix(t, p)
	if len(cells[0]) != matrixFixedCols {
		t.Errorf("header %q: the excluded source has a column", cells[0])
	}
	if !strings.Contains(p.note.Text, "1 source left out as excluded") {
		t.Errorf("note %q", p.note.Text)
	}
	if len(p.contents.Fragments) != 0 {
		t.Errorf("a click on a count would list %d fragments of the excluded source", len(p.contents.Fragments))
	}
	test.Tap(p.all)
	cells = shownMatrix(t, p)
	if len(cells[0]) != matrixFixedCols+1 || len(p.contents.Fragments) == 0 {
		t.Errorf("with excluded sources too: header %q, %d fragments", cells[0], len(p.contents.Fragments))
	}

	ws.pv.showTab("Figures")
	f := ws.pv.tabsView.figures
	f.kind.SetSelectedIndex(1) // the evidence map
	if text := shownFigure(t, f); strings.Contains(text, "Agyeman-Duah") || !strings.Contains(text, "left out as excluded") {
		t.Errorf("the map names the excluded source: %s", text)
	}
	test.Tap(f.all)
	if text := shownFigure(t, f); !strings.Contains(text, "Agyeman-Duah") {
		t.Errorf("with excluded sources too the map lacks it: %s", text)
	}
}

// excludeDemo records the decision to exclude the demo's source.
func excludeDemo(t *testing.T, ws *workspace) {
	t.Helper()
	docs, _ := ws.session.Documents()
	src := docs[0].Source()
	src.Decision = coding.Exclude
	if err := ws.session.Do(coding.EditSource{DocID: docs[0].ID, Source: src}); err != nil {
		t.Fatal(err)
	}
}

// TestFiguresTabFlow: the Figures tab draws the flow of sources.
func TestFiguresTabFlow(t *testing.T) {
	ws, _ := openWorkspace(t)
	excludeDemo(t, ws)
	ws.pv.showTab("Figures")
	f := ws.pv.tabsView.figures
	f.kind.SetSelected("Flow of sources")
	text := shownFigure(t, f)
	if f.all.Visible() {
		t.Error("the flow, which counts every source, offers Excluded sources too")
	}
	for _, want := range []string{"Full texts assessed for relevance (n = 1)", "Excluded (n = 0)", "Sources included (n = 0)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the flow lacks %q: %s", want, text)
		}
	}
}
