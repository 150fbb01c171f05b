package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestImportRefsFromApp: File ▸ Import references… fills the demo
// source's reference fields from a BibTeX record matched by title, says
// what matched in the status line, the Sources tab shows them, and one
// undo takes them back.
func TestImportRefsFromApp(t *testing.T) {
	ws, _ := openWorkspace(t)
	menuAction(t, ws, "File", "Import references (RIS, BibTeX, CSL-JSON)…")
	docs, _ := ws.session.Documents()
	d := docs[0]
	bib := filepath.Join(t.TempDir(), "zotero.bib")
	os.WriteFile(bib, []byte(`@article{x, title = {`+d.Title+`}, author = {Agyeman-Duah, Josephine and Theurer, Antje},
		journal = {{BMC} Health Services Research}, volume = {14}, year = {2014}, doi = {10.1186/1472-6963-14-1}}
		@article{y, title = {Nothing here}, year = 2001}`), 0o644)
	if err := waitDone(t, "the import", func(done func(error)) { ws.importRefsFrom(bib, done) }); err != nil {
		t.Fatal(err)
	}
	if want := "References from zotero.bib: matched: 1, unmatched documents: none, unmatched references: Nothing here"; !strings.HasPrefix(ws.status.Text, want) {
		t.Errorf("status %q, want %q", ws.status.Text, want)
	}
	ws.pv.showTab("Sources")
	p := ws.pv.tabsView.sources
	if p.screening.journal.Text != "BMC Health Services Research" || p.screening.doi.Text != "10.1186/1472-6963-14-1" {
		t.Errorf("Sources tab shows journal %q, DOI %q", p.screening.journal.Text, p.screening.doi.Text)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	if got, _ := ws.session.Document(d.ID); got.Journal != "" || got.DOI != "" {
		t.Errorf("after undo: journal %q, DOI %q", got.Journal, got.DOI)
	}
}
