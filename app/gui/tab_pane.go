package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// tabPane holds a tab's content. AppTabs refreshes every tab's content on
// each tab switch, and refreshing the Documents tab's coding column and
// lists laid out all their text again: most of a switch on a large
// project (issue 14). A hidden pane passes no refresh on; it refreshes
// its content once when it is shown again, so that nothing asked while
// it was hidden (a new theme) is lost.
type tabPane struct {
	widget.BaseWidget
	content fyne.CanvasObject
	stale   bool // a refresh came while hidden
}

func newTabPane(content fyne.CanvasObject) *tabPane {
	p := &tabPane{content: content}
	p.ExtendBaseWidget(p)
	return p
}

// Refresh refreshes the content if the pane is shown and was asked to
// while hidden; AppTabs asks every switch, when nothing in the content
// changed for it.
func (p *tabPane) Refresh() {
	if !p.Visible() {
		p.stale = true
		return
	}
	if p.stale {
		p.stale = false
		p.content.Refresh()
	}
}

func (p *tabPane) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }
