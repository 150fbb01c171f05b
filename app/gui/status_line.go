package gui

import (
	"fyne.io/fyne/v2"
	ttwidget "github.com/dweymouth/fyne-tooltip/widget"
)

// statusLine is the status line under the pages: one line, shortened with
// an ellipsis when the window is too narrow for the message, whose whole
// text shows in a tooltip when the pointer rests on it.
type statusLine struct {
	ttwidget.Label
}

func newStatusLine(text string) *statusLine {
	s := &statusLine{}
	s.Truncation = fyne.TextTruncateEllipsis
	s.ExtendBaseWidget(s)
	s.SetText(text)
	return s
}

// SetText shows text, and all of it in the tooltip.
func (s *statusLine) SetText(text string) {
	s.SetToolTip(text)
	s.Label.SetText(text)
}
