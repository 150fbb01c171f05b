package gui

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// What a desktop picker prints is read safely: absolute paths of files
// that exist, spaces kept, each once; nothing else.
func TestPickedFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "with space; and $(rm -rf).pdf")
	for _, p := range []string{a, b} {
		os.WriteFile(p, []byte("%PDF"), 0o644)
	}
	tests := []struct {
		name, out string
		want      []string
	}{
		{"one", a + "\n", []string{a}},
		{"two, odd names", a + "\n" + b + "\n", []string{a, b}},
		{"CRLF and blank lines", a + "\r\n\r\n" + b, []string{a, b}},
		{"twice", a + "\n" + a + "\n", []string{a}},
		{"relative", "a.pdf\n", nil},
		{"a folder", dir + "\n", nil},
		{"missing", filepath.Join(dir, "gone.pdf") + "\n", nil},
		{"nothing", "", nil},
	}
	for _, tt := range tests {
		if got := pickedFiles(tt.out); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// zenity, else kdialog, is asked for several PDFs; without either there
// is no desktop picker.
func TestPlatformPicker(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the desktop pickers are used on Linux and the BSDs")
	}
	defer func(old func(string) (string, error)) { findPicker = old }(findPicker)
	for _, tt := range []struct {
		have string
		want []string
	}{
		{"zenity", []string{"/usr/bin/zenity", "--file-selection", "--multiple", "--separator=\n"}},
		{"kdialog", []string{"/usr/bin/kdialog", "--getopenfilename", "/p", "--multiple", "--separate-output"}},
		{"", nil},
	} {
		findPicker = func(name string) (string, error) {
			if name == tt.have {
				return "/usr/bin/" + name, nil
			}
			return "", exec.ErrNotFound
		}
		got := platformPicker("/p")
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("with %q: %q lacks %q", tt.have, got, w)
			}
		}
		if tt.want == nil && got != nil {
			t.Errorf("without a picker: %q", got)
		}
	}
}

// Without a desktop picker, Add PDFs asks for a folder, then lists its
// PDFs (and only those) with tick boxes, all ticked; Add hands over the
// ones left ticked.
func TestAddPDFsFromFolder(t *testing.T) {
	defer func(old func(string) (string, error)) { findPicker = old }(findPicker)
	findPicker = func(string) (string, error) { return "", exec.ErrNotFound }
	ws, w := openWorkspace(t)
	ws.addPDFs()
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("Add PDFs shows no dialog")
	}
	w.Canvas().Overlays().Top().Hide()

	dir := t.TempDir()
	for _, n := range []string{"b.pdf", "A.PDF", "notes.xls", "c.pdf"} {
		os.WriteFile(filepath.Join(dir, n), []byte("%PDF"), 0o644)
	}
	os.Mkdir(filepath.Join(dir, "sub.pdf"), 0o755)
	var added []string
	ws.tickFolderPDFs(dir, func(paths []string) { added = paths })
	var checks []*widget.Check
	walk(topDialog(t, w), func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text != "All" {
			checks = append(checks, c)
		}
	})
	var names []string
	for _, c := range checks {
		names = append(names, c.Text)
		if !c.Checked {
			t.Errorf("%s is not ticked", c.Text)
		}
	}
	if strings.Join(names, ",") != "A.PDF,b.pdf,c.pdf" {
		t.Fatalf("the folder's PDFs are listed as %q", names)
	}
	if !strings.Contains(dialogText(w), "3 documents in "+dir) {
		t.Errorf("dialog %q", dialogText(w))
	}
	test.Tap(checks[1]) // b.pdf off
	test.Tap(button(t, topDialog(t, w), "Add"))
	want := []string{filepath.Join(dir, "A.PDF"), filepath.Join(dir, "c.pdf")}
	if !slices.Equal(added, want) {
		t.Errorf("added %q, want %q", added, want)
	}
}

// A folder dropped on the window brings in its PDFs, and nothing else.
func TestDropFolder(t *testing.T) {
	ws, _ := openWorkspace(t)
	dir := t.TempDir()
	for _, n := range []string{"a.pdf", "notes.xls"} {
		os.WriteFile(filepath.Join(dir, n), []byte("not really a PDF"), 0o644)
	}
	ws.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(dir)})
	deadline := time.Now().Add(30 * time.Second)
	for !strings.HasPrefix(ws.status.Text, "Import finished") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		pump()
	}
	if ws.status.Text != "Import finished: 0 of 1 added." {
		t.Errorf("status %q", ws.status.Text)
	}
	if n := len(ws.imports.Objects); n != 1 {
		t.Errorf("%d import rows, want 1 (a.pdf)", n)
	}
}
