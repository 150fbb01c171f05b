package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding/export"
)

// TestExportCiteAndExcluded: File ▸ Export… cites sources by number when
// asked (and offers that style first next time), and keeps excluded
// sources only when Excluded sources too is ticked.
func TestExportCiteAndExcluded(t *testing.T) {
	ws, _ := openWorkspace(t)
	ws.exportDialog()
	f := ws.exportForm
	f.extras.cite.SetSelectedIndex(1)
	path := filepath.Join(t.TempDir(), "cmocs.md")
	if err := ws.exportTo(path, export.TableCMOCs, export.Markdown, "labels"); err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(path)
	if !strings.Contains(string(md), "| [1], pp. ") || strings.Contains(string(md), "Agyeman-Duah et al. 2014, pp.") {
		t.Errorf("cmocs.md does not cite by number:\n%s", md)
	}
	ws.exportDialog()
	if got := ws.exportForm.extras.cite.SelectedIndex(); got != 1 {
		t.Errorf("next time the form offers citation style %d, want the numbered one", got)
	}

	excludeDemo(t, ws)
	for _, all := range []bool{false, true} {
		ws.exportForm.extras.all.SetChecked(all)
		path := filepath.Join(t.TempDir(), "sources.md")
		if err := ws.exportTo(path, export.TableSources, export.Markdown, "labels"); err != nil {
			t.Fatal(err)
		}
		md, _ := os.ReadFile(path)
		if has := strings.Contains(string(md), "Kamuzu"); has != all {
			t.Errorf("excluded sources too %v: the sources table names the excluded source: %v\n%s", all, has, md)
		}
	}
}
