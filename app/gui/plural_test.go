package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestOneIsSingular: where the demo project has one of a thing, the
// tabs say "1 fragment" and "1 CMOC", never "1 fragments" or "(1 CMOCs)".
func TestOneIsSingular(t *testing.T) {
	ws, w := openWorkspace(t)
	pv := ws.pv

	pv.showTab("Theories")
	th := pv.tabsView.theories
	th.list.Select(0)
	if want := "Programme theory: Leading for quality (1 CMOC)"; th.heading.Text != want {
		t.Errorf("theory heading %q, want %q", th.heading.Text, want)
	}
	test.Tap(th.remove)
	if got, want := dialogText(w), "Leading for quality: the programme theory still holds 1 CMOC; move or delete it first"; !strings.Contains(got, want) {
		t.Errorf("theory in use: %q, want %q", got, want)
	}
	topDialog(t, w).Hide()

	pv.showTab("Codebook")
	cb := pv.tabsView.codebook
	settle(t, &cb.loader)
	for i, l := range cb.labels {
		if l.Name == "Motivation" {
			cb.list.Select(i)
		}
	}
	if want := "Label “Motivation”: 1 fragment, 0 CMOCs"; cb.heading.Text != want {
		t.Errorf("label heading %q, want %q", cb.heading.Text, want)
	}

	pv.showTab("Matrix")
	m := pv.tabsView.matrix
	for i, r := range shownMatrix(t, m) {
		if r[0] == "Accountability" {
			m.table.Select(widget.TableCellID{Row: i, Col: matrixFixedCols})
		}
	}
	if !strings.Contains(m.cellInfo.Text, ": 1 fragment (click one to open it)") {
		t.Errorf("matrix cell %q, want 1 fragment", m.cellInfo.Text)
	}

}
