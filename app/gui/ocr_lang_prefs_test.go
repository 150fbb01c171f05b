package gui

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The OCR language preference and the progress of OCR while a PDF is
// added. A stand-in for tesseract (fakeTesseract) lists German and
// English, notes the language each page is read in, waits until the test
// lets it go on, then runs the real Tesseract in English (the only
// language sure to be installed).

// fakeTesseract puts the stand-in in $CMOCODER_TESSERACT and returns the
// file it notes its command lines in, and the file whose creation lets it
// go on.
func fakeTesseract(t *testing.T) (log, gate string) {
	t.Helper()
	real, err := exec.LookPath("tesseract")
	if err != nil {
		if os.Getenv("CMOCODER_E2E") == "1" {
			t.Fatal("CMOCODER_E2E=1 but tesseract is not installed")
		}
		t.Skip("tesseract is not installed")
	}
	dir := t.TempDir()
	log, gate = filepath.Join(dir, "log"), filepath.Join(dir, "go-on")
	script := `#!/bin/sh
if [ "$1" = "--list-langs" ]; then
	printf 'List of available languages in "/x/" (3):\ndeu\neng\nosd\n'
	exit 0
fi
echo "$@" >> '` + log + `'
while [ ! -e '` + gate + `' ]; do sleep 0.05; done
n=$#; prev=
for a in "$@"; do
	if [ "$prev" = "-l" ]; then set -- "$@" eng; else set -- "$@" "$a"; fi
	prev=$a
done
shift $n
exec '` + real + `' "$@"
`
	prog := filepath.Join(dir, "tesseract")
	if err := os.WriteFile(prog, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CMOCODER_TESSERACT", prog)
	return log, gate
}

// languagesRead are the languages the stand-in was asked to read in.
func languagesRead(t *testing.T, log string) []string {
	t.Helper()
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		for i := range f[:len(f)-1] {
			if f[i] == "-l" {
				langs = append(langs, f[i+1])
			}
		}
	}
	return langs
}

// pumpUntil runs the UI queue until ok, or fails after 60 s saying what.
func pumpUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		pump()
		if ok() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within 60 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// dialogButton is the button of the dialog on top labelled text.
func dialogButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == text {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no %q button in the dialog: %q", text, dialogText(w))
	}
	return b
}

// importRows are the texts of the rows of the files being added.
func importRows(ws *workspace) []string {
	var rows []string
	for _, o := range ws.imports.Objects {
		rows = append(rows, o.(*fyne.Container).Objects[0].(*widget.Label).Text)
	}
	return rows
}

const unmappedName = "distiller-type1c-font-ascent-descent.pdf"

// TestAddShowsOCRProgress: adding a PDF whose fonts have no usable
// character map shows "OCR page 1 of 1 of FILE" in a job while its page is
// read, in the language chosen in the preferences; then the file is in.
func TestAddShowsOCRProgress(t *testing.T) {
	log, gate := fakeTesseract(t)
	test.NewTempApp(t)
	ws, w := openWorkspaceOn(t, newTestSession(t, "OCR progress"))
	prefs().SetString(prefOCRLang, "deu")

	ws.importFiles([]string{unmappedPDF(unmappedName)})
	want := "OCR page 1 of 1 of " + unmappedName
	pumpUntil(t, "OCR progress", func() bool { return strings.Contains(dialogText(w), want) })
	pumpUntil(t, "tesseract", func() bool { _, err := os.Stat(log); return err == nil })
	if got := languagesRead(t, log); !reflect.DeepEqual(got, []string{"deu"}) {
		t.Errorf("pages read in %q, want the preference, deu", got)
	}
	os.WriteFile(gate, nil, 0o644)
	pumpUntil(t, "end of the import", func() bool { return strings.HasPrefix(ws.status.Text, "Import finished") })
	if ws.status.Text != "Import finished: 1 of 1 added." {
		t.Errorf("status %q, rows %q", ws.status.Text, importRows(ws))
	}
	if strings.Contains(dialogText(w), want) {
		t.Error("the OCR job is still shown")
	}
	docs, err := ws.session.Documents()
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	if got := strings.Join(docs[0].Warnings, "|"); got != "page 1: text from OCR (the PDF's fonts have no usable character map)" {
		t.Errorf("warnings %q", got)
	}
}

// TestAddCancelOCR: Cancel in the OCR job stops that file's import: it is
// not added, and its row says why.
func TestAddCancelOCR(t *testing.T) {
	fakeTesseract(t)
	test.NewTempApp(t)
	ws, w := openWorkspaceOn(t, newTestSession(t, "OCR canceled"))

	ws.importFiles([]string{unmappedPDF(unmappedName)})
	pumpUntil(t, "OCR progress", func() bool { return strings.Contains(dialogText(w), "OCR page 1 of 1 of "+unmappedName) })
	test.Tap(dialogButton(t, w, "Cancel"))
	pumpUntil(t, "end of the import", func() bool { return strings.HasPrefix(ws.status.Text, "Import finished") })
	if ws.status.Text != "Import finished: 0 of 1 added." {
		t.Errorf("status %q", ws.status.Text)
	}
	if rows := importRows(ws); len(rows) != 1 || !strings.Contains(rows[0], unmappedName+": not added: OCR canceled") {
		t.Errorf("rows %q", rows)
	}
	if docs, err := ws.session.Documents(); err != nil || len(docs) != 0 {
		t.Errorf("%d documents after Cancel, %v", len(docs), err)
	}
}

// TestOCRButtonLanguage: the OCR button reads in the language chosen.
func TestOCRButtonLanguage(t *testing.T) {
	test.NewTempApp(t)
	s := newTestSession(t, "OCR language")
	d := importWithoutOCR(t, s, unmappedPDF(unmappedName))
	log, gate := fakeTesseract(t)
	os.WriteFile(gate, nil, 0o644)
	prefs().SetString(prefOCRLang, "eng+deu")
	v := openProjectView(t, s)
	test.Tap(v.ocrButton)
	pumpUntil(t, "OCR", func() bool {
		text, err := s.Text(d.ID)
		return err == nil && strings.Contains(text.String(), "Odfjell Drilling")
	})
	if got := languagesRead(t, log); !reflect.DeepEqual(got, []string{"eng+deu"}) {
		t.Errorf("pages read in %q, want eng+deu", got)
	}
}

// TestPreferencesOCRLanguage: File ▸ Preferences… offers the languages
// Tesseract has (not osd), English ticked at first; what is ticked and
// saved is the preference, and is ticked the next time.
func TestPreferencesOCRLanguage(t *testing.T) {
	fakeTesseract(t)
	test.NewTempApp(t)
	ws, w := openWorkspaceOn(t, newTestSession(t, "Preferences"))

	group := func() *widget.CheckGroup {
		var g *widget.CheckGroup
		walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if x, ok := o.(*widget.CheckGroup); ok {
				g = x
			}
		})
		if g == nil {
			t.Fatalf("no language choice in the dialog: %q", dialogText(w))
		}
		return g
	}
	menuAction(t, ws, "File", "Preferences…")()
	pumpUntil(t, "languages", func() bool { return len(group().Options) > 0 })
	g := group()
	if !reflect.DeepEqual(g.Options, []string{"deu", "eng"}) || !reflect.DeepEqual(g.Selected, []string{"eng"}) {
		t.Fatalf("offered %q, ticked %q; want deu and eng, eng ticked", g.Options, g.Selected)
	}
	g.SetSelected([]string{"eng", "deu"})
	test.Tap(dialogButton(t, w, "Save"))
	if got := prefs().String(prefOCRLang); got != "deu+eng" {
		t.Errorf("preference %q, want deu+eng", got)
	}

	ws.preferencesDialog()
	pumpUntil(t, "languages", func() bool { return len(group().Options) > 0 })
	if g := group(); !reflect.DeepEqual(g.Selected, []string{"deu", "eng"}) {
		t.Errorf("ticked %q the second time, want deu and eng", g.Selected)
	}
}

// TestPreferencesWithoutTesseract: without Tesseract the dialog says how
// to install it, and Save keeps the preference as it was.
func TestPreferencesWithoutTesseract(t *testing.T) {
	t.Setenv("CMOCODER_TESSERACT", filepath.Join(t.TempDir(), "no-tesseract"))
	test.NewTempApp(t)
	ws, w := openWorkspaceOn(t, newTestSession(t, "Preferences"))
	prefs().SetString(prefOCRLang, "fra")
	ws.preferencesDialog()
	pumpUntil(t, "the how-to", func() bool { return strings.Contains(dialogText(w), "OCR needs Tesseract: install it") })
	test.Tap(dialogButton(t, w, "Save"))
	if got := prefs().String(prefOCRLang); got != "fra" {
		t.Errorf("preference %q after Save, want fra kept", got)
	}
}

// TestAddOCRFailedSaysWhy: when Tesseract fails (here: no data for the
// language chosen), the file still goes in and its row says why OCR was
// not done. Before, nothing said it.
func TestAddOCRFailedSaysWhy(t *testing.T) {
	needTesseract(t)
	prog := filepath.Join(t.TempDir(), "tesseract")
	script := "#!/bin/sh\necho 'Failed loading language '\"'\"'xyz'\"'\"'' >&2\nexit 1\n"
	if err := os.WriteFile(prog, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CMOCODER_TESSERACT", prog)
	test.NewTempApp(t)
	ws, _ := openWorkspaceOn(t, newTestSession(t, "OCR failed"))
	prefs().SetString(prefOCRLang, "xyz")
	ws.importFiles([]string{unmappedPDF(unmappedName)})
	pumpUntil(t, "end of the import", func() bool { return strings.HasPrefix(ws.status.Text, "Import finished") })
	rows := importRows(ws)
	if len(rows) != 1 || !strings.HasPrefix(rows[0], "✓ ") || !strings.Contains(rows[0], "added; OCR not done: ") {
		t.Errorf("rows %q", rows)
	} else {
		t.Logf("row %q", rows[0])
	}
}
