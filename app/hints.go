package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// hintButton is a toolbar button that names its action and shortcut on
// the status line while the pointer is over it (Fyne 2.7 has no tooltips,
// and a pop-up would take the keyboard from the page).
type hintButton struct {
	widget.Button
	hint string
	show func(hint string) // "" when the pointer leaves
}

func newHintButton(icon fyne.Resource, hint string, tapped func(), show func(string)) *hintButton {
	b := &hintButton{hint: hint, show: show}
	b.Icon = icon
	b.OnTapped = tapped
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the hint.
func (b *hintButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.show != nil {
		b.show(b.hint)
	}
}

// MouseOut takes it away.
func (b *hintButton) MouseOut() {
	b.Button.MouseOut()
	if b.show != nil {
		b.show("")
	}
}

// showHint puts a hint on the status line, or brings back the last
// message when hint is "".
func (ws *workspace) showHint(hint string) {
	if hint == "" {
		ws.status.SetText(ws.message)
		return
	}
	ws.status.SetText(hint)
}
