package gui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/internal/testtools"
	"cmocoder.org/cmocoder/pdfview"
)

// lockedPDF is a shared test PDF encrypted by qpdf with a user password.
func lockedPDF(t *testing.T, password string) string {
	t.Helper()
	src := sharedFile(t, "testdata", "pdf", "hindawi-rrp-2010-tully.pdf")
	testtools.Need(t, "qpdf")
	out := filepath.Join(t.TempDir(), "locked.pdf")
	if msg, err := exec.Command("qpdf", "--encrypt", password, "owner-"+password, "256", "--", src, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	return out
}

// waitDone starts work that calls done when it ends, waits for that and
// returns the work's error.
func waitDone(t *testing.T, what string, start func(done func(error))) error {
	t.Helper()
	var got error
	finished := false
	start(func(err error) { got, finished = err, true })
	waitFor(t, what, func() bool { return finished })
	return got
}

// waitFor pumps the UI queue until cond holds, or fails after 60 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	uiQueue.WaitFor(t, what, 60*time.Second, cond)
}

// typePassword types into the password dialog on top and presses Open.
func typePassword(t *testing.T, w fyne.Window, password string) {
	t.Helper()
	var entry *widget.Entry
	walk(topDialog(t, w), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Password {
			entry = e
		}
	})
	if entry == nil {
		t.Fatal("the dialog has no password box")
	}
	entry.SetText("")
	test.Type(entry, password)
	test.Tap(button(t, topDialog(t, w), "Open"))
}

// TestPasswordPDF: a PDF with a user password is listed as locked among
// the imports, with a button to enter its password; a wrong password is
// refused in the dialog, the right one adds it; the password is never
// written to the project; and when the document is opened in a later
// session its password is asked for before its pages are drawn.
func TestPasswordPDF(t *testing.T) {
	const password = "s3cret pass"
	locked := lockedPDF(t, password)
	ws, w := openWorkspace(t)
	eng := newEngine(t)
	ws.engine = func() (*pdfview.Engine, error) { return eng, nil }

	ws.importFiles([]string{locked})
	waitFor(t, "the import to finish", func() bool { return strings.HasPrefix(ws.status.Text, "Import finished") })
	if want := "Import finished: 0 of 1 added. 1 protected by a password: press Enter password… beside it."; ws.status.Text != want {
		t.Errorf("status %q, want %q", ws.status.Text, want)
	}
	row := ws.imports.Objects[0].(*fyne.Container)
	if got := row.Objects[0].(*widget.Label).Text; got != "🔒 locked.pdf is protected by a password" {
		t.Errorf("row %q", got)
	}
	enter, ok := row.Objects[1].(*widget.Button)
	if !ok || enter.Text != "Enter password…" {
		t.Fatalf("beside the locked file: %#v", row.Objects[1])
	}

	test.Tap(enter)
	if text := dialogText(w); !strings.Contains(text, "locked.pdf is protected by a password") {
		t.Fatalf("password dialog says %q", text)
	}
	typePassword(t, w, "wrong")
	waitFor(t, "the wrong password to be refused", func() bool {
		return strings.Contains(dialogText(w), "That password did not open it")
	})
	typePassword(t, w, password)
	waitFor(t, "the file to go in", func() bool { return strings.HasPrefix(ws.status.Text, "Added ") })
	if got := row.Objects[0].(*widget.Label).Text; !strings.HasPrefix(got, "✓ ") {
		t.Errorf("row after the password: %q", got)
	}
	docs, err := ws.session.Documents()
	if err != nil || len(docs) != 2 {
		t.Fatalf("%d documents (%v)", len(docs), err)
	}
	doc := docs[0]
	if doc.ID == ws.doc.ID || strings.Contains(doc.Title, "Understanding") {
		doc = docs[1]
	}
	if ws.session.Password(doc.ID) != password {
		t.Error("the password is not remembered for the session")
	}
	if raw, _ := os.ReadFile(ws.session.Path()); bytes.Contains(raw, []byte(password)) {
		t.Error("the project file holds the password")
	}

	// A later session: the password is not known, so opening the
	// document asks for it, then draws the pages.
	demoID := docs[0].ID
	if demoID == doc.ID {
		demoID = docs[1].ID
	}
	ws.pv.openDocument(demoID)
	waitFor(t, "the demo article", func() bool { return ws.doc.ID == demoID })
	ws.session.RememberPassword(doc.ID, "")
	ws.pv.openDocument(doc.ID)
	waitFor(t, "the password question", func() bool {
		return w.Canvas().Overlays().Top() != nil && strings.Contains(dialogText(w), "to show its pages")
	})
	// Cancel: the pages stay blank, the status line says why, and no
	// question comes back until the document is opened again.
	test.Tap(button(t, topDialog(t, w), "Cancel"))
	waitFor(t, "the status line", func() bool { return strings.Contains(ws.status.Text, "stay hidden without its password") })
	time.Sleep(200 * time.Millisecond)
	pump()
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("asked again after Cancel: %q", dialogText(w))
	}
	ws.pv.openDocument(demoID)
	waitFor(t, "the demo article", func() bool { return ws.doc.ID == demoID })
	ws.pv.openDocument(doc.ID)
	waitFor(t, "the password question again", func() bool {
		return w.Canvas().Overlays().Top() != nil && strings.Contains(dialogText(w), "to show its pages")
	})
	before := ws.view.Rendered()
	typePassword(t, w, password)
	waitFor(t, "a page to be drawn", func() bool { return ws.view.Rendered() > before })
	if w.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog is still open: %q", dialogText(w))
	}
}
