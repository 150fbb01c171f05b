package gui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// The documents column counts a document's unclassified fragments, "U n",
// beside its C/R/M/O counts, whole however narrow the column is dragged.
func TestDocumentRowCountsUnclassified(t *testing.T) {
	ws, w := openWorkspace(t)
	w.Resize(fyne.NewSize(1024, 768))
	selectSentence(t, ws)
	ws.panel.labelBox.SetText("Staffing")
	key(ws, fyne.KeyU)

	var row string
	for i, d := range ws.pv.docs {
		if d.ID == ws.doc.ID {
			ws.pv.docList.ScrollTo(i)
			row = ws.pv.docRoleCounts(d)
		}
	}
	if !strings.HasSuffix(row, " · U 1") || !strings.HasPrefix(row, "C ") {
		t.Errorf("the open document's counts read %q, want \"C n · R n · M n · O n · U 1\"", row)
	}
	split := ws.pv.tabsView.docs.Content.(*tabPane).content.(*container.Split)
	split.SetOffset(0)
	split.Refresh()
	if whole, cut := visibleLabels(ws.pv.docList); !slices.Contains(whole, row) {
		t.Errorf("the counts %q are not shown whole; whole %q, cut %q", row, whole, cut)
	}
}
