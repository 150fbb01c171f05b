package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	fynetooltip "github.com/dweymouth/fyne-tooltip"
	ttwidget "github.com/dweymouth/fyne-tooltip/widget"
)

// Fyne 2.7 has no tooltips of its own; github.com/dweymouth/fyne-tooltip
// draws them in a layer above a window's content, so a tooltip never takes
// the keyboard from the page the way a pop-up would. Every window whose
// content holds tooltip widgets is set through withToolTips.

// withToolTips adds the layer tooltips are drawn in to a window's content.
func withToolTips(content fyne.CanvasObject, c fyne.Canvas) fyne.CanvasObject {
	return fynetooltip.AddWindowToolTipLayer(content, c)
}

// tipButton is a button with a tooltip. It is a *ttwidget.Button so that
// panels keep a *widget.Button (its embedded Button) for Enable, Disable
// and SetText, while the tipButton itself goes into the layout.
func tipButton(text string, icon fyne.Resource, tip string, tapped func()) *ttwidget.Button {
	b := ttwidget.NewButtonWithIcon(text, icon, tapped)
	b.SetToolTip(tip)
	return b
}

// tipLabel is a label with a tooltip.
func tipLabel(text, tip string) *ttwidget.Label {
	l := ttwidget.NewLabel(text)
	l.SetToolTip(tip)
	return l
}

// hintButton is a toolbar button that names its action and shortcut in a
// tooltip and, at once, on the status line while the pointer is over it.
type hintButton struct {
	ttwidget.Button
	hint string
	show func(hint string) // "" when the pointer leaves
}

func newHintButton(icon fyne.Resource, hint string, tapped func(), show func(string)) *hintButton {
	b := &hintButton{hint: hint, show: show}
	b.Icon = icon
	b.OnTapped = tapped
	b.Importance = widget.LowImportance
	b.SetToolTip(hint)
	b.ExtendBaseWidget(b)
	return b
}

// setHint changes what the button says it does.
func (b *hintButton) setHint(hint string) {
	b.hint = hint
	b.SetToolTip(hint)
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
