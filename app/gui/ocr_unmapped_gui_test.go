package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testtools"
)

// unmappedPDF is one of the PDFs whose fonts have no usable character
// map (testdata/pdf-unmapped/SOURCES.md): its one page reads as U+FFFD.
func unmappedPDF(name string) string {
	return filepath.Join("..", "..", "testdata", "pdf-unmapped", name)
}

// importWithoutOCR adds a PDF as it went in before automatic OCR (or
// without Tesseract): with the unreadable text its fonts give.
func importWithoutOCR(t *testing.T, s *session.Session, path string) coding.Document {
	t.Helper()
	eng, err := session.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	t.Setenv("CMOCODER_TESSERACT", filepath.Join(t.TempDir(), "no-tesseract"))
	d, err := s.Import(context.Background(), eng, path, "")
	if err != nil {
		t.Fatal(err)
	}
	os.Unsetenv("CMOCODER_TESSERACT") // Setenv puts it back when the test ends
	return d
}

// TestOCRButtonUnmapped: for a document added before, whose page reads
// as U+FFFD, the project view offers "OCR page 1"; one tap reads it, the
// words are in the text and the button goes away.
func TestOCRButtonUnmapped(t *testing.T) {
	needTesseract(t)
	test.NewTempApp(t)
	s := newTestSession(t, "Unmapped fonts")
	d := importWithoutOCR(t, s, unmappedPDF("distiller-type1c-font-ascent-descent.pdf"))
	if d.NeedsOCR || !strings.Contains(strings.Join(d.Warnings, "|"), "some characters cannot be read") {
		t.Fatalf("imported without OCR: needs OCR %v, warnings %q", d.NeedsOCR, d.Warnings)
	}

	v := openProjectView(t, s)
	if !v.ocrButton.Visible() || v.ocrButton.Text != "OCR page 1" {
		t.Fatalf("OCR button visible %v, %q; want \"OCR page 1\"", v.ocrButton.Visible(), v.ocrButton.Text)
	}
	test.Tap(v.ocrButton)
	deadline := time.Now().Add(60 * time.Second)
	for {
		pump()
		text, err := s.Text(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text.String(), "Odfjell Drilling") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("OCR did not finish in 60 s: %q", text.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	for range 50 { // the job's end reloads the document on the UI goroutine
		pump()
		if !v.ocrButton.Visible() {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if v.ocrButton.Visible() {
		t.Errorf("the OCR button is still shown: %q", v.ocrButton.Text)
	}
	if got := v.docs[0].Warnings; strings.Join(got, "|") != "page 1: text from OCR (the PDF's fonts have no usable character map)" {
		t.Errorf("warnings after OCR %q", got)
	}
}

// TestOCRButtonUnmappedCoded: once a fragment is coded on such a
// document, OCR is not offered (its offsets must never shift): neither
// when it is opened, nor right after the fragment is coded in the window.
func TestOCRButtonUnmappedCoded(t *testing.T) {
	test.NewTempApp(t)
	s := newTestSession(t, "Unmapped fonts")
	d := importWithoutOCR(t, s, unmappedPDF("ghostscript-type3-bug1001080.pdf"))
	code := func() {
		t.Helper()
		if err := s.Do(coding.AddFragment{Fragment: coding.Fragment{DocID: d.ID, Start: 0, End: 3,
			Role: coding.Context, Coder: "tester"}}); err != nil {
			t.Fatal(err)
		}
	}

	v := openProjectView(t, s)
	if v.ws.doc.ID != d.ID || !v.ocrButton.Visible() {
		t.Fatalf("shown %q, OCR button visible %v: want the document, offered", v.ws.doc.ID, v.ocrButton.Visible())
	}
	code()
	v.ws.reload() // what the window does after each change
	if v.ocrButton.Visible() {
		t.Errorf("OCR still offered once a fragment is coded: %q", v.ocrButton.Text)
	}

	w := openProjectView(t, s)
	if w.ws.doc.ID != d.ID {
		t.Fatalf("shown %q, want the document", w.ws.doc.ID)
	}
	if w.ocrButton.Visible() {
		t.Errorf("OCR offered for a coded document: %q", w.ocrButton.Text)
	}
}

// needTesseract skips without tesseract, unless CMOCODER_E2E=1 (make test
// installs it), where that fails.
func needTesseract(t *testing.T) {
	t.Helper()
	testtools.Need(t, "tesseract")
}

// openProjectView shows the project view of s in a test window.
func openProjectView(t *testing.T, s *session.Session) *projectView {
	t.Helper()
	v, err := newProjectView(s)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, v.content)
	w.Resize(fyne.NewSize(1000, 700))
	v.win = w
	return v
}
