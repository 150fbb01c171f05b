package gui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
)

// compareDecisionsDialog asks for a teammate's project or coding file and
// shows how their inclusion decisions agree with this project's (Code ▸
// Compare decisions with a teammate…).
func (ws *workspace) compareDecisionsDialog() {
	ws.chooseFile([]string{".cmoproj", ".coding"}, ws.showDecisionAgreement)
}

// showDecisionAgreement shows the agreement on decisions between this
// project and the teammate's file at path, as `agreement --decisions`
// prints it, with a button to copy the report.
func (ws *workspace) showDecisionAgreement(path string) {
	other, err := session.OpenTeammate(path)
	if err != nil {
		ws.fail(err)
		return
	}
	defer other.Close()
	ag, err := ws.session.CompareDecisions(other)
	if err != nil {
		ws.fail(err)
		return
	}
	report := strings.Join(session.DecisionReport(ag, filepath.Base(ws.session.Path()), other.Name()), "\n")
	text := widget.NewLabel(report)
	text.TextStyle = fyne.TextStyle{Monospace: true} // the table's columns line up
	text.Wrapping = fyne.TextWrapWord
	copyReport := widget.NewButton("Copy report", func() {
		fyne.CurrentApp().Clipboard().SetContent(report)
		ws.say("Copied the agreement on decisions: paste it into the review's methods.")
	})
	note := widget.NewLabel("Only sources both decided (include or exclude) are compared; kappa corrects the agreement for chance.")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	content := container.NewBorder(nil, container.NewVBox(note, container.NewHBox(layoutSpacer(), copyReport)), nil, nil,
		container.NewVScroll(text))
	if ws.win == nil {
		return
	}
	d := dialog.NewCustom("Agreement on decisions with "+other.Name(), "Close", content, ws.win)
	d.Resize(fyne.NewSize(760, 460))
	d.Show()
}
