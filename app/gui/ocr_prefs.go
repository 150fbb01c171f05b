package gui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/pdfview"
)

// The language OCR reads pages in, a preference (File ▸ Preferences…)
// kept with the others in Fyne's preferences: used when a PDF is added
// (pages whose fonts have no usable character map are read by OCR) and
// by the OCR button. Tesseract's form, "eng" or "eng+deu"; unset is
// English, as the CLI's default.

// prefOCRLang is the preference key of the OCR language.
const prefOCRLang = "ocrLanguage"

// ocrLanguage is the OCR language chosen, "" for Tesseract's default
// (pdfview.DefaultOCRLang).
func ocrLanguage() string { return prefs().String(prefOCRLang) }

// ocrLanguages splits a Tesseract language ("eng+deu") into its parts.
func ocrLanguages(lang string) []string {
	if lang == "" {
		return []string{pdfview.DefaultOCRLang}
	}
	return strings.Split(lang, "+")
}

// preferencesDialog is File ▸ Preferences…: the OCR language, ticked
// among the languages Tesseract has data for (`tesseract --list-langs`,
// asked in the background). Several ticked are read together ("eng+deu").
func (ws *workspace) preferencesDialog() {
	if ws.win == nil {
		return
	}
	chosen := ocrLanguages(ocrLanguage())
	langs := widget.NewCheckGroup(nil, nil)
	langs.Horizontal = true
	note := widget.NewLabel("Looking for Tesseract's languages…")
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("OCR language", langs),
		widget.NewFormItem("", note),
	}
	items[0].HintText = "for pages read by OCR: when a PDF is added and by the OCR button"
	d := dialog.NewForm("Preferences", "Save", "Cancel", items, func(ok bool) {
		if !ok || len(langs.Options) == 0 {
			return
		}
		ws.setOCRLanguage(langs.Options, langs.Selected)
	}, ws.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
	go func() {
		installed, err := pdfview.TesseractLanguages(context.Background())
		runOnUI(func() { showLanguages(langs, note, installed, chosen, err) })
	}()
}

// showLanguages fills the check group with the installed languages and
// those chosen before (even if no longer installed, so they can be
// unticked), the chosen ones ticked; note says what is wrong, if anything.
func showLanguages(langs *widget.CheckGroup, note *widget.Label, installed, chosen []string, err error) {
	switch {
	case errors.Is(err, pdfview.ErrNoTesseract):
		note.SetText(pdfview.TesseractHowTo)
		return
	case err != nil:
		note.SetText(session.OneLine(err))
		return
	}
	options := slices.Clone(installed)
	for _, l := range chosen {
		if !slices.Contains(options, l) {
			options = append(options, l)
		}
	}
	langs.Options = options
	langs.Selected = nil
	langs.SetSelected(chosen)
	note.SetText("Tick several for documents in more than one language; " +
		"more languages are installed with Tesseract (Debian/Ubuntu: tesseract-ocr-deu, …).")
}

// setOCRLanguage remembers the ticked languages, in the order offered;
// none ticked is the default, English.
func (ws *workspace) setOCRLanguage(options, ticked []string) {
	var lang []string
	for _, l := range options {
		if slices.Contains(ticked, l) {
			lang = append(lang, l)
		}
	}
	prefs().SetString(prefOCRLang, strings.Join(lang, "+"))
	ws.say("OCR reads pages in %s.", strings.Join(ocrLanguages(strings.Join(lang, "+")), " and "))
}
