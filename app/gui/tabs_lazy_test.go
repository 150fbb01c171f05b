package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// A tab's content joins the window only when the tab is first shown
// (projectTabs.showContent): each tab, once picked, shows its own panel in
// the window, and still does when picked again after another.
func TestTabsShowTheirContent(t *testing.T) {
	ws, w := openWorkspace(t)
	tv := &ws.pv.tabsView
	panels := map[string]fyne.CanvasObject{
		"CMOCs": tv.cmocs.content, "Theories": tv.theories.content, "Codebook": tv.codebook.content,
		"Sources": tv.sources.content, "Matrix": tv.matrix.content, "Figures": tv.figures.content,
		"Search": tv.search.content,
	}
	for round := range 2 {
		for name, content := range panels {
			ws.pv.showTab(name)
			if got := tv.tabs.Selected().Text; got != name {
				t.Fatalf("round %d: %q selected, want %q", round, got, name)
			}
			if !inWindow(w, content) {
				t.Errorf("round %d: the %s tab shows something else than its panel", round, name)
			}
			ws.pv.showTab("Documents")
			if inWindow(w, content) {
				t.Errorf("round %d: the %s panel is still in the window on the Documents tab", round, name)
			}
		}
	}
}

// inWindow reports whether o is drawn in w: in its content's tree.
func inWindow(w fyne.Window, o fyne.CanvasObject) bool {
	found := false
	walk(w.Content(), func(c fyne.CanvasObject) {
		if c == o {
			found = true
		}
	})
	return found
}
