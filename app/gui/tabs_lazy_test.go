package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// A tab's content joins the window only when the tab is first shown
// (projectTabs.showContent), and the Theories, Codebook and Sources views
// are only made then: each tab, once picked, shows its own panel in the
// window, and still does when picked again after another.
func TestTabsShowTheirContent(t *testing.T) {
	ws, w := openWorkspace(t)
	tv := &ws.pv.tabsView
	// Each tab's panel, read once the tab was shown (the Theories,
	// Codebook and Sources views are made then).
	panels := map[string]func() fyne.CanvasObject{
		"CMOCs":    func() fyne.CanvasObject { return tv.cmocs.content },
		"Theories": func() fyne.CanvasObject { return tv.theories.content },
		"Codebook": func() fyne.CanvasObject { return tv.codebook.content },
		"Sources":  func() fyne.CanvasObject { return tv.sources.content },
		"Matrix":   func() fyne.CanvasObject { return tv.matrix.content },
		"Figures":  func() fyne.CanvasObject { return tv.figures.content },
		"Search":   func() fyne.CanvasObject { return tv.search.content },
	}
	if tv.theories != nil || tv.codebook != nil || tv.sources != nil {
		t.Error("the Theories, Codebook and Sources views are made before their tab is shown")
	}
	for round := range 2 {
		for name, panel := range panels {
			ws.pv.showTab(name)
			content := panel()
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
