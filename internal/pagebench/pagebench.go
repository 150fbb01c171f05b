// Package pagebench holds what the first-page benchmarks of the app and of
// the page view share: a test window of the app's size, and the time to a
// first page on screen reported the same way in both, so that their
// numbers compare.
package pagebench

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// FirstPage runs show b.N times in one test window of the given size and
// reports the mean of the times it returns as ms/first-page. What comes
// before the call (building a project, starting an engine) is not timed.
func FirstPage(b *testing.B, size fyne.Size, show func(w fyne.Window) time.Duration) {
	b.Helper()
	test.NewTempApp(b)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(size)
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		total += show(w)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/first-page")
}
