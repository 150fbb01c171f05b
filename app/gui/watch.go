package gui

import (
	"time"

	"fyne.io/fyne/v2"
)

// watchEvery is how often the app looks whether another program (the
// CLI, say) has changed the project: often enough that its change shows
// within a second, and a look costs microseconds.
const watchEvery = 500 * time.Millisecond

// watch shows other programs' changes to the project as they are
// committed, without a click.
func (v *projectView) watch() {
	watching := true // on the UI goroutine only
	stop := v.session.Watch(watchEvery, func() {
		fyne.Do(func() {
			if watching { // not a look queued as the project closed
				v.otherProgramChanged()
			}
		})
	})
	v.stopWatch = func() {
		watching = false
		stop()
	}
}

// otherProgramChanged reads the project again into every open view. What
// the reviewer is typing stays (the coding panel and the sources form
// keep an edited field) and is checked against the new values when it is
// saved.
func (v *projectView) otherProgramChanged() {
	v.refreshCounts() // the documents and the tabs
	v.ws.reload()     // the open document's fragments
}
