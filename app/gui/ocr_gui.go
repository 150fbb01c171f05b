package gui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// The "OCR this document" action of the project view: shown for a
// document marked needs OCR, it reads the pages without text by Tesseract
// in a goroutine, with a progress dialog, and stores the text (Session.OCR).

// newOCRButton makes the (hidden) button; showOCR shows it when it applies.
func (v *projectView) newOCRButton() *widget.Button {
	b := widget.NewButtonWithIcon("OCR this document", theme.DocumentIcon(), v.runOCR)
	b.Importance = widget.HighImportance
	b.Hide()
	return b
}

// showOCR shows the OCR button for a document that needs OCR.
func (v *projectView) showOCR(d coding.Document) {
	if v.ocrButton == nil {
		return
	}
	if d.NeedsOCR {
		v.ocrButton.Show()
	} else {
		v.ocrButton.Hide()
	}
}

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
	ctx, cancel := context.WithCancel(context.Background())
	status := widget.NewLabel(fmt.Sprintf("Reading %q with Tesseract…", d.Title))
	status.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBar()
	stop := widget.NewButton("Cancel", cancel)
	dlg := dialog.NewCustomWithoutButtons("OCR this document",
		container.NewVBox(status, bar, container.NewCenter(stop)), win)
	dlg.Resize(fyne.NewSize(420, 160))
	dlg.Show()
	v.ocrButton.Disable()
	progress := func(done, total int) {
		runOnUI(func() {
			bar.SetValue(float64(done) / float64(total))
			status.SetText(fmt.Sprintf("Read %d of %d pages", done, total))
		})
	}
	go func() {
		defer cancel()
		var nd coding.Document
		eng, err := session.NewEngine()
		if err == nil {
			nd, err = v.session.OCR(ctx, eng, d.ID, session.OCROptions{Password: v.session.Password(d.ID), Progress: progress})
			eng.Close()
		}
		runOnUI(func() {
			dlg.Hide()
			v.ocrButton.Enable()
			if err != nil {
				if ctx.Err() == nil {
					dialog.ShowError(errors.New(session.OneLine(err)), win)
				}
				return
			}
			v.reloadDocument(nd.ID)
		})
	}()
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
