package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// At 1260×780 a picked fragment's memo is in view whole: the row of
// label suggestions, which is empty until a label is typed, takes no room
// (an empty scroller was 32 px tall and pushed the memo half out of view).
// Typing a label's start shows the row, each suggestion drawn whole.
func TestSuggestionRowOnlyWhenSuggesting(t *testing.T) {
	for _, onPage := range []bool{false, true} {
		ws, _ := openWorkspace(t)
		pickOutcome(t, ws, onPage)
		p := ws.panel
		if p.suggestRow.Visible() {
			t.Errorf("picked on the page %v: the empty row of suggestions is shown (%d objects)", onPage, len(p.suggest.Objects))
		}
		if bottom, view := memoBottom(p), p.content.Size().Height; bottom > view {
			t.Errorf("picked on the page %v: the memo ends %.0f px down the coding panel, which shows %.0f", onPage, bottom, view)
		}

		p.labelBox.SetText("Accountability, lea")
		if !p.suggestRow.Visible() {
			t.Fatalf("typing %q shows no row of suggestions", p.labelBox.Text)
		}
		var shown []string
		for _, o := range p.suggest.Objects {
			b, ok := o.(*widget.Button)
			if !ok {
				continue
			}
			if b.Size().Width < b.MinSize().Width || b.Size().Height < b.MinSize().Height {
				t.Errorf("the suggestion %q is %v, it needs %v", b.Text, b.Size(), b.MinSize())
			}
			shown = append(shown, b.Text)
		}
		if len(shown) != 1 || shown[0] != "Leadership" {
			t.Errorf("typing %q suggests %q, want [Leadership]", p.labelBox.Text, shown)
		}
		if h := p.suggestRow.Size().Height; h < p.suggest.MinSize().Height {
			t.Errorf("the row of suggestions is %.0f px tall, its buttons need %.0f", h, p.suggest.MinSize().Height)
		}
	}
}

// memoBottom is how far down the coding panel's scroller the memo box
// ends.
func memoBottom(p *codingPanel) float32 {
	var y float32
	for o := fyne.CanvasObject(p.memo); o != nil && o != p.content; o = parentIn(p.content, o) {
		y += o.Position().Y
	}
	return y + p.memo.Size().Height
}

// parentIn is the object under root that holds o directly.
func parentIn(root, o fyne.CanvasObject) fyne.CanvasObject {
	for _, c := range allObjects(root) {
		if k, ok := c.(*fyne.Container); ok {
			for _, x := range k.Objects {
				if x == o {
					return c
				}
			}
		}
	}
	return nil
}
