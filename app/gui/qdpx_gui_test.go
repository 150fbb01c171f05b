package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testfiles"
)

// TestExportQDPXFromApp: File ▸ Export REFI-QDA project writes the same
// file as the export verb, in the background, and says so; a folder that
// does not exist gives a message and no file.
func TestExportQDPXFromApp(t *testing.T) {
	ws, _ := openWorkspace(t)
	menuAction(t, ws, "File", "Export REFI-QDA project (.qdpx)…")

	export := func(path string) error {
		return waitDone(t, "the export", func(done func(error)) { ws.exportQDPXTo(path, done) })
	}
	path := filepath.Join(t.TempDir(), "review.qdpx")
	if err := export(path); err != nil {
		t.Fatal(err)
	}
	if ws.status.Text != "Exported to review.qdpx." {
		t.Errorf("status %q", ws.status.Text)
	}
	qde := testfiles.ZipPart(t, path, "project.qde")
	frags := stored(t, ws)
	if n := bytes.Count(qde, []byte("<PlainTextSelection ")); n != len(frags) || len(frags) == 0 {
		t.Errorf("%d selections for %d fragments", n, len(frags))
	}

	bad := filepath.Join(t.TempDir(), "no such folder", "review.qdpx")
	if err := export(bad); err == nil || !strings.Contains(ws.status.Text, "no such folder") {
		t.Errorf("export into a missing folder: %v, status %q", err, ws.status.Text)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a file was left in the missing folder")
	}
}
