package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportFromApp: File ▸ Import REFI-QDA project or codebook brings a
// tool's codebook in as labels and says so; a file that is not REFI-QDA
// gives a message and changes nothing.
func TestImportFromApp(t *testing.T) {
	qdc := sharedFile(t, "refi-qda", "samples", "taguette-1.4.1-codebook.qdc")
	ws, _ := openWorkspace(t)
	menuAction(t, ws, "File", "Import REFI-QDA project or codebook…")
	before, _ := ws.session.Labels()

	run := func(path string) error {
		return waitDone(t, "the import", func(done func(error)) { ws.importREFITo(path, done) })
	}
	if err := run(qdc); err != nil {
		t.Fatal(err)
	}
	after, _ := ws.session.Labels()
	if len(after) <= len(before) || !strings.HasPrefix(ws.status.Text, "Imported taguette-1.4.1-codebook.qdc: ") {
		t.Errorf("%d labels before, %d after; status %q", len(before), len(after), ws.status.Text)
	}

	bad := filepath.Join(t.TempDir(), "notes.qdpx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	if err := run(bad); err == nil || !strings.Contains(ws.status.Text, "notes.qdpx") {
		t.Errorf("a bad file: %v, status %q", err, ws.status.Text)
	}
	if again, _ := ws.session.Labels(); len(again) != len(after) {
		t.Error("the bad file changed the codebook")
	}
}
