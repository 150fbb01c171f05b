package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
	"cmocoder.org/cmocoder/storage"
)

// beasCopy copies the project open in ws to path and opens the copy as
// Bea's, with one Outcome fragment more than ours; the caller closes it.
func beasCopy(t *testing.T, ws *workspace, path string) *storage.Project {
	t.Helper()
	testfiles.Copy(t, ws.session.Path(), path)
	p, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p.SetCoder("Bea")
	if _, err := p.Apply(coding.AddFragment{Fragment: coding.Fragment{DocID: ws.doc.ID, Start: 2000, End: 2060, Role: coding.Outcome}}); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMergeFromApp: File ▸ Merge a teammate's work shows what the merge
// would do; Merge brings Bea's fragment in, keeps a copy of the project as
// it was, and says what was done; merging again finds nothing to do.
func TestMergeFromApp(t *testing.T) {
	ws, w := openWorkspace(t)
	menuAction(t, ws, "File", "Merge a teammate's work…")
	before := len(stored(t, ws))

	// Bea's copy of the same project, with one more fragment.
	bea := filepath.Join(t.TempDir(), "bea.cmoproj")
	beasCopy(t, ws, bea).Close()
	if err := ws.session.Do(coding.PutLabel{Label: coding.Label{Name: "Mine"}}); err != nil {
		t.Fatal(err)
	}

	var result error
	finished := false
	done := func(err error) { result, finished = err, true }
	ws.previewMerge(bea, done)
	if text := dialogText(w); !strings.Contains(text, "Merging bea.cmoproj would do this:") || !strings.Contains(text, "added: 1 fragment, 1 coder") {
		t.Fatalf("preview says %q", text)
	}
	if n := len(stored(t, ws)); n != before {
		t.Fatalf("the preview changed the project: %d fragments", n)
	}
	test.Tap(button(t, topDialog(t, w), "Merge"))
	waitFor(t, "the merge", func() bool { return finished })
	if result != nil {
		t.Fatal(result)
	}
	var beas []coding.Fragment
	for _, f := range stored(t, ws) {
		if f.Coder == "Bea" {
			beas = append(beas, f)
		}
	}
	if len(beas) != 1 || len(stored(t, ws)) != before+1 {
		t.Errorf("after the merge: %d of Bea's fragments, %d in all", len(beas), len(stored(t, ws)))
	}
	if !strings.Contains(dialogText(w), "The project as it was before is kept as") || !strings.HasPrefix(ws.status.Text, "Merged bea.cmoproj: added: 1 fragment") {
		t.Errorf("after the merge: dialog %q, status %q", dialogText(w), ws.status.Text)
	}
	if ws.session.CanUndo() {
		t.Error("the undo history survived the merge")
	}
	// The copy kept beside the project holds it as it was.
	copies, _ := filepath.Glob(strings.TrimSuffix(ws.session.Path(), ".cmoproj") + " before merge *.cmoproj")
	if len(copies) != 1 {
		t.Fatalf("backups: %q", copies)
	}
	b, err := storage.Open(copies[0])
	if err != nil {
		t.Fatal(err)
	}
	old, _ := b.Fragments("")
	b.Close()
	if len(old) != before {
		t.Errorf("the backup holds %d fragments, want %d", len(old), before)
	}
	os.Remove(copies[0])

	finished = false
	ws.previewMerge(bea, done)
	waitFor(t, "the second preview", func() bool { return finished })
	if !strings.Contains(dialogText(w), "Nothing to merge") {
		t.Errorf("merging again: %q", dialogText(w))
	}
}
