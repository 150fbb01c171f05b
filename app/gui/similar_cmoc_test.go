package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
)

// A CMOC box's "Find passages like it" lists, in the Search tab, the
// sentences most like the CMOC's evidence from the documents it does not
// cite, each codable as a hit.
func TestFindPassagesLikeACMOC(t *testing.T) {
	ws, _, p := demoCMOCsTab(t)
	pv := ws.pv
	c := p.boxes[0].cmoc
	// A second paper, one of whose sentences repeats a quote of the CMOC.
	f, err := ws.session.Fragment(c.Fragments[0])
	if err != nil {
		t.Fatal(err)
	}
	quote := strings.Join(strings.Fields(f.Text), " ")
	other := importText(t, ws, "second-paper.txt", "Weather reports only. "+quote+" Nothing more here.\n")
	pv.changed()
	pv.showTab("CMOCs")
	p = settledCMOCs(t, p)

	test.Tap(p.boxes[0].like)
	sp := pv.tabsView.search
	if pv.tabsView.tabs.Selected().Text != "Search" {
		t.Fatalf("the %s tab is shown", pv.tabsView.tabs.Selected().Text)
	}
	waitFor(t, "the passages like the CMOC", func() bool { return strings.Contains(sp.info.Text, "like the evidence of") })
	if len(sp.results) == 0 {
		t.Fatalf("no passage like the CMOC: %q", sp.info.Text)
	}
	for _, r := range sp.results {
		if r.DocID != other.ID {
			t.Errorf("a sentence of a document the CMOC cites: %+v", r.Hit)
		}
	}
	if got := strings.Join(strings.Fields(sp.results[0].Text), " "); !strings.Contains(got, quote) && !strings.Contains(quote, got) {
		t.Errorf("the most alike is %q, not the repeated quote %q", got, quote)
	}
}

// importText adds a plain-text document called name holding text to the
// project open in ws.
func importText(t *testing.T, ws *workspace, name, text string) coding.Document {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := ws.session.Import(context.Background(), nil, path, "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
