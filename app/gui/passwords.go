package gui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// A PDF encrypted with a user password needs it to be read at import and
// to be drawn later. The password is kept in memory for the session only:
// a project travels by e-mail, so it never holds one. The reviewer types
// it when adding the file and again, once a session, when opening it.

// askPassword asks for the password of a PDF. what names it ("“Title”" or
// a file name), why says what the password is for. check tries a password
// off the UI goroutine and returns pdfview.ErrPassword if it is wrong, in
// which case the question is asked again; done runs on the UI goroutine
// with the password that worked, or with ok false if the reviewer gave up.
func askPassword(win fyne.Window, what, why string, check func(password string) error, done func(password string, ok bool)) {
	entry := widget.NewPasswordEntry()
	note := widget.NewLabel(fmt.Sprintf("%s is protected by a password. Enter it %s. It is kept only until cmocoder closes, never in the project file.", what, why))
	note.Wrapping = fyne.TextWrapWord
	wrong := widget.NewLabel("")
	wrong.Importance = widget.DangerImportance
	wrong.Hide()
	var dlg *dialog.ConfirmDialog
	try := func(ok bool) {
		if !ok {
			done("", false)
			return
		}
		password := entry.Text
		go func() {
			err := check(password)
			runOnUI(func() {
				switch {
				case err == nil:
					done(password, true)
				case errors.Is(err, pdfview.ErrPassword):
					wrong.SetText("That password did not open it. Try again.")
					wrong.Show()
					entry.SetText("")
					dlg.Show()
					win.Canvas().Focus(entry)
				default:
					showError(win, err)
					done("", false)
				}
			})
		}()
	}
	dlg = dialog.NewCustomConfirm("Password", "Open", "Cancel",
		container.NewVBox(note, entry, wrong), try, win)
	entry.OnSubmitted = func(string) { dlg.Confirm() }
	dlg.Resize(fyne.NewSize(460, 220))
	dlg.Show()
	win.Canvas().Focus(entry)
}

// checkPassword tries a password on a PDF.
func checkPassword(engine func() (*pdfview.Engine, error), pdf []byte, password string) error {
	eng, err := engineOrNew(engine)
	if err != nil {
		return err
	}
	if engine == nil {
		defer eng.Close()
	}
	_, err = eng.PageCount(context.Background(), pdf, password)
	return err
}

// unlock asks for the password of the document shown when its pages
// cannot be drawn with the one tried, and draws them again with the
// password that works. One question at a time; a reviewer who cancels is
// not asked again until the document is opened again (showDocument).
func (ws *workspace) unlock(d coding.Document, tried string) {
	if ws.win == nil || ws.doc.ID != d.ID || ws.asking[d.ID] || ws.declined[d.ID] ||
		ws.session.Password(d.ID) != tried { // a later password is being used already
		return
	}
	pdf, err := ws.session.PDF(d.ID)
	if err != nil {
		ws.fail(err)
		return
	}
	ws.asking[d.ID] = true
	askPassword(ws.win, "“"+d.Title+"”", "to show its pages",
		func(password string) error { return checkPassword(ws.engine, pdf, password) },
		func(password string, ok bool) {
			delete(ws.asking, d.ID)
			if !ok {
				ws.declined[d.ID] = true
				ws.say("The pages of “%s” stay hidden without its password; open the document again to enter it.", d.Title)
				return
			}
			ws.session.RememberPassword(d.ID, password)
			if ws.doc.ID == d.ID {
				ws.view.SetSource(ws.source(d, ws.text))
				ws.reload()
			}
		})
}
