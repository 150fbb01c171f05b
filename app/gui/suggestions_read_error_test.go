package gui

import (
	"strings"
	"testing"
)

// Typing a label while the project cannot be read says why, as the views
// do, instead of suggesting nothing as if the codebook were empty.
func TestSuggestionsSayWhyLabelsCannotBeRead(t *testing.T) {
	ws, w, store := openFailingWorkspace(t)
	store.failing = true
	ws.panel.labelBox.SetText("lea")
	want := "in use by another program"
	if got := ws.status.Label.Text; !strings.Contains(got, "Cannot read the labels") || !strings.Contains(got, want) {
		t.Errorf("status line %q; want the reason (%q)", got, want)
	}
	if got := dialogText(w); !strings.Contains(got, want) {
		t.Errorf("dialog %q; want the reason", got)
	}
	store.failing = false
	ws.panel.labelBox.SetText("lea")
	if sugg := ws.panel.suggestions(); len(sugg) != 1 || sugg[0] != "Leadership" {
		t.Errorf("once the project can be read again, %q suggests %q", "lea", sugg)
	}
}
