package gui

import "fyne.io/fyne/v2/widget"

// excludedLabel is the choice, on the Matrix and Figures tabs, to show
// the sources the reviewers excluded too (export --all, figure --all).
const excludedLabel = "Excluded sources too"

// newExcludedCheck is that choice, unticked: by default excluded sources
// and their evidence are left out, as the tables leave them out.
func newExcludedCheck(changed func()) *widget.Check {
	return widget.NewCheck(excludedLabel, func(bool) { changed() })
}
