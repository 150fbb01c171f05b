package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// visibleLabels are the texts of the labels under o that show whole: not
// shortened, and not wider than the room they were given.
func visibleLabels(o fyne.CanvasObject) (whole, cut []string) {
	walk(o, func(c fyne.CanvasObject) {
		l, ok := c.(*widget.Label)
		if !ok || l.Text == "" {
			return
		}
		if l.Truncation != fyne.TextTruncateOff || l.MinSize().Width > l.Size().Width+0.5 {
			cut = append(cut, l.Text)
		} else {
			whole = append(whole, l.Text)
		}
	})
	return whole, cut
}

// With the documents column dragged as narrow as it goes, at 1024×768,
// each document's fragments per role still show every number, by the
// letters of their keys.
func TestDocumentRowCountsWhole(t *testing.T) {
	ws, w := openWorkspace(t)
	w.Resize(fyne.NewSize(1024, 768))
	split := ws.pv.tabsView.docs.Content.(*tabPane).content.(*container.Split)
	split.SetOffset(0)
	split.Refresh()
	whole, cut := visibleLabels(ws.pv.docList)
	want := ws.pv.docRoleCounts(ws.pv.docs[0])
	if !strings.HasPrefix(want, "C ") || !strings.Contains(want, " · R ") || !strings.Contains(want, " · M ") || !strings.Contains(want, " · O ") {
		t.Errorf("counts read %q, want \"C n · R n · M n · O n\"", want)
	}
	found := false
	for _, s := range whole {
		found = found || s == want
	}
	if !found {
		t.Errorf("the counts %q are not shown whole; whole %q, cut %q", want, whole, cut)
	}
}

// A status message too long for the status line is shortened with an
// ellipsis, and its whole text is in the tooltip.
func TestStatusLineLongMessage(t *testing.T) {
	ws, w := openWorkspace(t)
	w.Resize(fyne.NewSize(1024, 768))
	long := "Exported to " + strings.Repeat("a very long file name ", 12) + ".xlsx (2 warnings: CMOC 3 has missing evidence)"
	ws.say("%s", long)
	if ws.status.Text != long || ws.status.ToolTip() != long {
		t.Errorf("status %q, tooltip %q", ws.status.Text, ws.status.ToolTip())
	}
	if ws.status.Truncation != fyne.TextTruncateEllipsis {
		t.Errorf("the status line is cut without an ellipsis: truncation %v", ws.status.Truncation)
	}
}
