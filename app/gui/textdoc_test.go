package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
)

// waitImport pumps the UI queue until the window says the import of
// dropped files finished.
func waitImport(t *testing.T, ws *workspace) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.HasPrefix(ws.status.Text, "Import finished") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		pump()
	}
}

// A Word interview dropped on the window of an empty project is added and
// shown: its page is drawn from its layout (ink where the sentence's
// characters are), and dragging over a sentence and pressing C codes
// exactly that sentence.
func TestTextDocDropShowAndCode(t *testing.T) {
	t.Setenv("CMOCODER_CODER", "tester")
	test.NewTempApp(t)
	s := newTestSession(t, "Interviews")
	ws, _ := openWorkspaceOn(t, s)

	docx, err := filepath.Abs("../../textdoc/testdata/interview.docx")
	if err != nil {
		t.Fatal(err)
	}
	ws.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(docx)})
	waitImport(t, ws)
	if ws.status.Text != "Import finished: 1 of 1 added." {
		t.Fatalf("status %q", ws.status.Text)
	}
	if ws.doc.Format != "docx" || ws.text == nil {
		t.Fatalf("the document shown is %+v", ws.doc)
	}

	const sentence = "P3: People came back\tbecause someone remembered their names."
	text := ws.text.String()
	i := strings.Index(text, sentence)
	if i < 0 {
		t.Fatalf("%q not in the text %q", sentence, text)
	}
	start := len([]rune(text[:i]))
	end := start + len([]rune(sentence))

	// The page is drawn, with ink inside the first character's box.
	img, err := ws.source(ws.doc, ws.text).Render(context.Background(), 1, 144)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 595*2 || b.Dy() != 842*2 {
		t.Errorf("page image %v, want A4 at 2 pixels a point", b)
	}
	pg, err := ws.session.Page(ws.doc.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	box := pg.Boxes[start-ws.text.PageStart(1)]
	ink := 0
	for y := int((842 - box.Y1) * 2); y < int((842-box.Y0)*2); y++ {
		for x := int(box.X0 * 2); x < int(box.X1*2); x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				ink++
			}
		}
	}
	if ink == 0 {
		t.Errorf("no ink where %q is laid out (%v)", "P", box)
	}

	dragOver(t, ws, start, end)
	key(ws, fyne.KeyC)
	frags := stored(t, ws)
	if len(frags) != 1 {
		t.Fatalf("%d fragments stored, want 1", len(frags))
	}
	if f := frags[0]; f.Text != sentence || f.Start != start || f.End != end || f.Role != coding.Context || f.Page != 1 {
		t.Errorf("stored %+v", f)
	}
}

// A folder's text documents are offered with its PDFs, other files not.
func TestFolderListsTextDocs(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.pdf", "b.docx", "c.TXT", "d.odt", "e.htm", "f.md", "g.rtf", "h.xls", "i.doc"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names, err := folderPDFs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names, ","); got != "a.pdf,b.docx,c.TXT,d.odt,e.htm,f.md,g.rtf" {
		t.Errorf("listed %q", got)
	}
}
