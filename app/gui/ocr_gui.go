package gui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// The "OCR this document" action of the project view: shown for a
// document marked needs OCR, it reads the pages without text by Tesseract
// as a job (jobs.go), and stores the text (Session.OCR). For a document
// added before its pages with unreadable fonts were read by OCR on import
// (or without Tesseract), the same button offers those pages: "OCR pages
// 2–22". A document with coded fragments is never offered
// (coding.CheckNewText).

// newOCRButton makes the (hidden) button; showOCR shows it when it applies.
func (v *projectView) newOCRButton() *widget.Button {
	b := widget.NewButtonWithIcon(ocrAll, theme.DocumentIcon(), v.runOCR)
	b.Importance = widget.HighImportance
	b.Hide()
	return b
}

// showOCR shows the OCR button for a document that needs OCR, or whose
// pages shown now (v.ws.text) are mostly unreadable, with what it does.
func (v *projectView) showOCR(d coding.Document) {
	if v.ocrButton == nil {
		return
	}
	if label := v.ocrOffer(d); label != "" {
		v.ocrButton.SetText(label)
		v.ocrButton.Show()
	} else {
		v.ocrButton.Hide()
	}
}

// updateOCR shows the OCR button again for the document shown, after a
// change.
func (v *projectView) updateOCR() {
	if v.ws != nil && v.ws.doc.ID != "" {
		v.showOCR(v.ws.doc)
	}
}

// ocrOffer is the OCR button's label for d, "" when OCR has nothing to
// offer or may not change its text.
func (v *projectView) ocrOffer(d coding.Document) string {
	coded := 0
	for _, n := range v.counts[d.ID] {
		coded += n
	}
	if coding.CheckNewText(d, coded) != nil {
		return ""
	}
	if d.NeedsOCR {
		return ocrAll
	}
	if v.ws == nil || v.ws.text == nil || v.ws.doc.ID != d.ID {
		return ""
	}
	if pages := v.unreadable.of(v.ws.text); len(pages) > 0 {
		return "OCR " + pdfview.PageList(pages)
	}
	return ""
}

// unreadablePages remembers pdfview.UnreadablePages of one text: looking
// takes ~20 ms for a 350-page book, too long to repeat on the UI
// goroutine after every change. A text read again (after OCR) is another
// *coding.Text, and is looked at anew.
type unreadablePages struct {
	text  *coding.Text
	pages []int
}

func (u *unreadablePages) of(t *coding.Text) []int {
	if u.text != t {
		u.text, u.pages = t, pdfview.UnreadablePages(t.Pages)
	}
	return u.pages
}

// ocrAll is the OCR button's label for a scan.
const ocrAll = "OCR this document"

// window is the window the view is shown in, for dialogs.
func (v *projectView) window() fyne.Window {
	if v.win != nil {
		return v.win
	}
	if ws := fyne.CurrentApp().Driver().AllWindows(); len(ws) > 0 {
		return ws[0]
	}
	return nil
}

// runOCR reads the selected document by OCR.
func (v *projectView) runOCR() {
	if v.selection < 0 || v.selection >= len(v.docs) {
		return
	}
	d := v.docs[v.selection]
	win := v.window()
	if _, err := pdfview.FindTesseract(); err != nil {
		dialog.ShowError(errors.New(session.OneLine(err)), win)
		return
	}
	v.ocrButton.Disable()
	var nd coding.Document
	runJob(win, job{
		title:  v.ocrButton.Text,
		note:   fmt.Sprintf("Reading %q with Tesseract…", d.Title),
		cancel: true,
		work: func(ctx context.Context, progress func(string, float64)) error {
			eng, err := session.NewEngine()
			if err != nil {
				return err
			}
			defer eng.Close()
			nd, err = v.session.OCR(ctx, eng, d.ID, session.OCROptions{Password: v.session.Password(d.ID), Lang: ocrLanguage(), Progress: func(done, total int) {
				progress(fmt.Sprintf("Read %d of %s", done, coding.Count(total, "page")), float64(done)/float64(total))
			}})
			return err
		},
		done: func(err error) {
			v.ocrButton.Enable()
			if err == nil {
				v.reloadDocument(nd.ID)
			}
		},
	})
}

// reloadDocument reads the documents again and shows docID.
func (v *projectView) reloadDocument(docID string) {
	if err := v.load(); err != nil {
		dialog.ShowError(errors.New(session.OneLine(err)), v.window())
		return
	}
	v.docList.Refresh()
	for i, d := range v.docs {
		if d.ID == docID {
			if i == v.selection {
				v.selectDocument(i)
			} else {
				v.docList.Select(i)
			}
			return
		}
	}
}
