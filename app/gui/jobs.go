package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
)

// A job is work the app does in the background behind a modal progress
// dialog (a REFI-QDA import, a .qdpx export, a merge, OCR): the window
// stays drawn, and nothing else changes the project meanwhile. The work
// calls the session from its own goroutine, as the session's package
// comment allows.
type job struct {
	title string // the dialog's title
	note  string // what the dialog says while the work runs
	// cancel shows a Cancel button, which cancels work's context.
	cancel bool
	// work runs on a goroutine of its own. progress may be called from
	// any goroutine: it puts text in place of the note and moves the bar
	// to fraction (0 to 1); until it is called the bar just runs.
	work func(ctx context.Context, progress func(text string, fraction float64)) error
	// done runs on the UI goroutine once work has returned and the
	// dialog is gone, with work's error; an error other than a
	// cancellation has been shown in a dialog already.
	done func(err error)
}

// orNothing is done, or where it is nil a func doing nothing: what the
// end of a job reports to either way.
func orNothing(done func(error)) func(error) {
	if done == nil {
		return func(error) {}
	}
	return done
}

// runJob runs j behind its dialog in win; with win nil (a test without a
// window) there is no dialog.
func runJob(win fyne.Window, j job) {
	ctx, cancel := context.WithCancel(context.Background())
	note := widget.NewLabel(j.note)
	note.Wrapping = fyne.TextWrapWord
	running, bar := widget.NewProgressBarInfinite(), widget.NewProgressBar()
	bar.Hide()
	var progress dialog.Dialog
	if win != nil {
		content := container.NewVBox(note, running, bar)
		if j.cancel {
			content.Add(container.NewCenter(widget.NewButton("Cancel", cancel)))
		}
		progress = dialog.NewCustomWithoutButtons(j.title, content, win)
		progress.Resize(fyne.NewSize(420, progress.MinSize().Height))
		progress.Show()
	}
	report := func(text string, fraction float64) {
		runOnUI(func() {
			note.SetText(text)
			running.Stop()
			running.Hide()
			bar.Show()
			bar.SetValue(fraction)
		})
	}
	go func() {
		defer cancel()
		err := j.work(ctx, report)
		canceled := ctx.Err() != nil // whatever work returned then
		runOnUI(func() {
			if progress != nil {
				progress.Hide()
			}
			running.Stop()
			if err != nil && !canceled && win != nil {
				showError(win, err)
			}
			if j.done != nil {
				j.done(err)
			}
		})
	}()
}

// runJob runs j in the workspace's window; a failure also goes on the
// status line.
func (ws *workspace) runJob(j job) {
	done := j.done
	j.done = func(err error) {
		if err != nil {
			ws.message = session.OneLine(err)
			ws.status.SetText(ws.message)
		}
		if done != nil {
			done(err)
		}
	}
	runJob(ws.win, j)
}

// reportJob ends a job that changed the project (an import, a merge):
// on success the status line says status and, in a window, a dialog
// titled title says msg, report being asked for them only then; done
// gets err either way (a failure is shown already).
func (ws *workspace) reportJob(err error, done func(error), report func() (title, status, msg string)) {
	if err != nil {
		done(err)
		return
	}
	title, status, msg := report()
	ws.say("%s", status)
	if ws.win != nil {
		dialog.ShowInformation(title, msg, ws.win)
	}
	done(nil)
}
