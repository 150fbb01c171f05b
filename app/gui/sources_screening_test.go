package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/coding"
)

// TestSourcesScreening: richness, a decision with a common reason and a
// stage are saved from the Sources tab with who decided, shown by the
// form, and undone in one step each.
func TestSourcesScreening(t *testing.T) {
	ws, _ := openWorkspace(t)
	pv := ws.pv
	pv.showTab("Sources")
	p := pv.tabsView.sources
	f := p.screening
	f.richness.SetSelected("high")
	f.stage.SetSelected("richness")
	f.decision.SetSelected("exclude")
	f.reasons.SetSelected("insufficient richness")
	f.doi.SetText("10.1186/1472-6963-14-1")
	p.save()
	d, _ := ws.session.Document(p.selected)
	if d.Richness.Judgement != coding.High || d.Decision != coding.Exclude || d.Reason != "insufficient richness" ||
		d.Stage != "richness" || d.DOI != "10.1186/1472-6963-14-1" || d.DecidedBy != ws.session.Coder() || d.DecidedAt == "" {
		t.Fatalf("stored %+v", d.Screening)
	}
	if f.decision.Selected != "exclude" || f.reason.Text != "insufficient richness" || !strings.HasPrefix(f.decided.Text, "by "+d.DecidedBy) {
		t.Errorf("form shows decision %q, reason %q, %q", f.decision.Selected, f.reason.Text, f.decided.Text)
	}
	shortcut(ws, &fyne.ShortcutUndo{}) // the DOI
	shortcut(ws, &fyne.ShortcutUndo{}) // the reason
	shortcut(ws, &fyne.ShortcutUndo{}) // the decision
	if d, _ = ws.session.Document(p.selected); d.Decision != coding.Undecided || d.DecidedBy != "" || d.Reason != "" {
		t.Errorf("after undo: %+v", d.Screening)
	}
	if f.decision.Selected != "undecided" || f.decided.Text != "" {
		t.Errorf("form after undo: %q %q", f.decision.Selected, f.decided.Text)
	}
}

// TestSourcesFilterByDecision: the Sources list marks decided sources
// and shows only those with the decision the filter picks.
func TestSourcesFilterByDecision(t *testing.T) {
	ws, _ := openWorkspace(t)
	ws.pv.showTab("Sources")
	p := ws.pv.tabsView.sources
	all := len(p.docs)
	p.screening.decision.SetSelected("exclude")
	if d, _ := ws.session.Document(p.selected); d.Decision != coding.Exclude {
		t.Fatalf("decision stored %q", d.Decision)
	}
	for _, c := range []struct {
		filter string
		n      int
	}{{"Excluded", 1}, {"Included", 0}, {"Undecided", all - 1}, {"All sources", all}} {
		p.screening.filter.SetSelected(c.filter)
		if len(p.docs) != c.n {
			t.Errorf("filter %s lists %d sources, want %d", c.filter, len(p.docs), c.n)
		}
	}
	if got := decisionMark(coding.Exclude); !strings.Contains(got, "excluded") {
		t.Errorf("mark %q", got)
	}
}

// TestMatrixTabWithExcludedSource: with Excluded sources too ticked, the
// Matrix tab counts an excluded source in its own column.
func TestMatrixTabWithExcludedSource(t *testing.T) {
	ws, _ := openWorkspace(t)
	excludeDemo(t, ws)
	ws.pv.showTab("Matrix")
	ws.pv.tabsView.matrix.all.SetChecked(true)
	cells := shownMatrix(t, ws.pv.tabsView.matrix)
	for _, r := range cells {
		if r[0] == "Leadership" {
			if r[1] != "1" || r[2] != "2" || r[3] != "2" {
				t.Errorf("Leadership row %q, want N 1, Total 2, 2 in the source's column", r)
			}
			return
		}
	}
	t.Errorf("no Leadership row in %q", cells)
}
