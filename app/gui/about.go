package gui

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"cmocoder.org/cmocoder/internal/buildinfo"
)

// showAbout is Help ▸ About cmocoder: which cmocoder this is, as
// `cmocoder version` prints it, for a reviewer's bug report.
func (ws *workspace) showAbout() {
	if ws.win == nil {
		return
	}
	v, commit, date := buildinfo.Info()
	text := fmt.Sprintf("cmocoder %s\nCommit %s, built %s\n\n"+
		"Codes realist-review evidence in PDFs and text documents\nand builds CMO configurations.\n\nhttps://cmocoder.org",
		v, commit, date)
	dialog.ShowInformation("About cmocoder", text, ws.win)
}
