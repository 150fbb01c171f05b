package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// At 1024×768, the smallest usual laptop screen, the Documents tab asks
// for no more width than the window has: the documents column, the page
// with its toolbar and the coding column are all in view, none cut at
// the right edge (the coding column's Keep box and − valence were, at
// 1062 wide).
func TestDocumentsTabFits1024(t *testing.T) {
	_, w := openWorkspace(t)
	w.Resize(fyne.NewSize(1024, 768))
	got := w.Content().MinSize().Width
	t.Logf("the Documents tab asks for %.0f px of width", got)
	if got > 1024 {
		t.Errorf("the Documents tab asks for %.0f px of width; the window has 1024", got)
	}
}
