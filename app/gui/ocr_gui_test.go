package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
)

// TestOCRButton: the project view offers "OCR this document" for a scan,
// runs it with a progress dialog and then shows the text; the button goes
// away once the document no longer needs OCR.
func TestOCRButton(t *testing.T) {
	scan := sharedFile(t, "testdata", "pdf", "scanned-abstract-ccitt-no-text.pdf")
	needTesseract(t)
	test.NewTempApp(t)
	s := newTestSession(t, "Scans")
	eng, err := session.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if _, err := s.Import(context.Background(), eng, scan, ""); err != nil {
		t.Fatal(err)
	}

	v := openProjectView(t, s)
	if !v.ocrButton.Visible() {
		t.Fatal("no OCR button for a scan")
	}
	test.Tap(v.ocrButton)
	deadline := time.Now().Add(60 * time.Second)
	for {
		pump() // run what the OCR goroutine handed to the UI
		needs, docID := v.docs[0].NeedsOCR, v.docs[0].ID
		if !needs {
			text, err := s.Text(docID)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.ToLower(text.String()), "hydrogen incorporation") {
				t.Errorf("text after OCR: %q", text.String())
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("OCR did not finish in 60 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if v.ocrButton.Visible() {
		t.Error("the OCR button is still shown")
	}
}
