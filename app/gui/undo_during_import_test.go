package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/coding"
)

// TestUndoDuringImport: Ctrl+Z pressed again and again while a REFI-QDA
// import runs in the background (go test -race shows the two goroutines
// share the history safely). Afterwards the history is whole: undoing
// everything leaves the demo's codebook as it was.
func TestUndoDuringImport(t *testing.T) {
	qdc := sharedFile(t, "refi-qda", "samples", "taguette-1.4.1-codebook.qdc")
	ws, _ := openWorkspace(t)
	before, _ := ws.session.Labels()
	for range 5 { // again and again: the later imports find everything here, and say so in a change
		finished := false
		var got error
		ws.importREFITo(qdc, func(err error) { got, finished = err, true })
		for !finished {
			if err := ws.session.Do(coding.PutLabel{Label: coding.Label{Name: "Mine " + coding.NewID()}}); err != nil {
				t.Fatal(err)
			}
			shortcut(ws, &fyne.ShortcutUndo{})
			pump()
		}
		if got != nil {
			t.Fatal(got)
		}
	}
	if during, _ := ws.session.Labels(); len(during) <= len(before) {
		t.Fatalf("%d labels before the import, %d after", len(before), len(during))
	}
	for ws.session.CanUndo() {
		if err := ws.session.Undo(); err != nil {
			t.Fatalf("undo after the imports: %v", err)
		}
	}
	if after, _ := ws.session.Labels(); len(after) != len(before) {
		t.Errorf("%d labels before, %d after undoing everything", len(before), len(after))
	}
}
