package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// tabPane holds a tab's content. AppTabs refreshes every tab's content on
// each tab switch, and refreshing the hidden ones (the Documents tab's
// coding column and lists above all) laid out all their text again: most
// of a switch on a large project (issue 14). A hidden pane passes no
// refresh on; the tab shown is refreshed as before, when AppTabs shows
// it.
type tabPane struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func newTabPane(content fyne.CanvasObject) *tabPane {
	p := &tabPane{content: content}
	p.ExtendBaseWidget(p)
	return p
}

// Refresh refreshes the content while it is shown.
func (p *tabPane) Refresh() {
	if p.Visible() {
		p.content.Refresh()
	}
}

// Show shows the pane without refreshing it: AppTabs refreshes the tab
// it shows right after.
func (p *tabPane) Show() { p.Hidden = false }

func (p *tabPane) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }
