package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/codingfile"
)

// File ▸ Send my coding… writes a coding file; File ▸ Merge a teammate's
// work… takes one as it takes a project and brings the teammate's
// fragments in.
func TestSendAndMergeCodingFile(t *testing.T) {
	ws, w := openWorkspace(t)
	dir := t.TempDir()

	mine := filepath.Join(dir, "mine.coding")
	finished := false
	var result error
	ws.sendCodingTo(mine, func(err error) { result, finished = err, true })
	waitFor(t, "the coding file", func() bool { return finished })
	if result != nil {
		t.Fatal(result)
	}
	if ws.status.Text != "Exported to mine.coding." {
		t.Errorf("status %q", ws.status.Text)
	}
	other, err := session.OpenTeammate(mine)
	if err != nil {
		t.Fatalf("the coding file written does not open: %v", err)
	}
	other.Close()

	// Bea's copy, one more fragment, sent as a coding file.
	p := beasCopy(t, ws, filepath.Join(dir, "bea.cmoproj"))
	beaCoding := filepath.Join(dir, "bea.coding")
	err = session.WriteFileAtomic(beaCoding, session.New(p).ExportCoding)
	p.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !codingfile.Sniff(readHead(t, beaCoding)) {
		t.Fatal("not a coding file")
	}

	before := len(stored(t, ws))
	finished = false
	ws.previewMerge(beaCoding, func(err error) { result, finished = err, true })
	if text := dialogText(w); !strings.Contains(text, "Merging bea.coding would do this:") || !strings.Contains(text, "added: 1 fragment, 1 coder") {
		t.Fatalf("preview says %q", text)
	}
	test.Tap(button(t, topDialog(t, w), "Merge"))
	waitFor(t, "the merge", func() bool { return finished })
	if result != nil {
		t.Fatal(result)
	}
	if n := len(stored(t, ws)); n != before+1 {
		t.Errorf("%d fragments after merging Bea's coding file, want %d", n, before+1)
	}
}

func readHead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b[:min(len(b), 8)]
}
