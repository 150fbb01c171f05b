package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// loadReasons offers the team's reasons for excluding a source (the
// defaults until the team edits them) in the form and in the bulk bar.
func (p *sourcesPanel) loadReasons() {
	reasons, err := p.pv.session.Reasons()
	if err != nil {
		p.pv.readFailed("reasons", err)
	}
	p.screening.reasons.SetOptions(reasons)
	p.table.setReasons(reasons)
	p.screening.editReasons.OnTapped = p.editReasons
}

// editReasons lets the team edit its list of reasons, one a line; saved
// in the project as one undoable step.
func (p *sourcesPanel) editReasons() {
	reasons, err := p.pv.session.Reasons()
	if err != nil {
		showError(p.pv.window(), err)
		return
	}
	text := widget.NewMultiLineEntry()
	text.SetText(strings.Join(reasons, "\n"))
	text.SetMinRowsVisible(8)
	save := func(ok bool) {
		if ok {
			p.saveReasons(text.Text)
		}
	}
	if w := p.pv.window(); w != nil {
		d := dialog.NewForm("Reasons for excluding a source", "Save", "Cancel",
			[]*widget.FormItem{widget.NewFormItem("One a line", text)}, save, w)
		d.Resize(fyne.NewSize(560, 360))
		d.Show()
	}
}

// saveReasons stores the list typed, a reason a line.
func (p *sourcesPanel) saveReasons(text string) {
	if p.pv.do(coding.SetReasons{Reasons: strings.Split(text, "\n")}) {
		p.pv.ws.say("Reasons saved (Ctrl+Z undoes).")
	}
}
