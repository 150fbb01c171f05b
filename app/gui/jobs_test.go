package gui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestRunJob: a background job shows its title and note while it runs,
// then its progress; an error ends in a dialog that says it; Cancel
// cancels the work and shows no error.
func TestRunJob(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("the window"))
	w.Resize(fyne.NewSize(800, 600))

	for _, tc := range []struct {
		name      string
		fail      error // what the work returns when let go
		cancel    bool  // press Cancel instead of letting it go
		wantErr   error
		wantShown string // in the dialog left afterwards; "" for none
	}{
		{name: "success"},
		{name: "failure", fail: errors.New("disk\nfull"), wantErr: errors.New("disk\nfull"), wantShown: "Disk full"},
		{name: "cancel", cancel: true, wantErr: context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			started, release := make(chan func(string, float64)), make(chan struct{})
			var got error
			finished := false
			runJob(w, job{
				title:  "Counting",
				note:   "Counting the pages…",
				cancel: true,
				work: func(ctx context.Context, progress func(string, float64)) error {
					started <- progress
					select {
					case <-release:
						return tc.fail
					case <-ctx.Done():
						return ctx.Err()
					}
				},
				done: func(err error) { got, finished = err, true },
			})
			progress := <-started
			if text := dialogText(w); !strings.Contains(text, "Counting the pages…") {
				t.Errorf("while it runs the dialog says %q", text)
			}
			progress("Read 1 of 4 pages", 0.25)
			waitFor(t, "the progress", func() bool { return strings.Contains(dialogText(w), "Read 1 of 4 pages") })
			if tc.cancel {
				test.Tap(button(t, topDialog(t, w), "Cancel"))
			} else {
				close(release)
			}
			waitFor(t, "the job", func() bool { return finished })
			if (got == nil) != (tc.wantErr == nil) || (got != nil && got.Error() != tc.wantErr.Error()) {
				t.Errorf("done got %v, want %v", got, tc.wantErr)
			}
			shown := ""
			if w.Canvas().Overlays().Top() != nil {
				shown = dialogText(w)
			}
			if (tc.wantShown == "") != (shown == "") || !strings.Contains(shown, tc.wantShown) {
				t.Errorf("afterwards the dialog shown is %q, want %q", shown, tc.wantShown)
			}
			for w.Canvas().Overlays().Top() != nil {
				w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
			}
		})
	}
}
