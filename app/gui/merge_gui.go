package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// mergeDialog asks for a teammate's project or coding file and previews
// merging it (File ▸ Merge a teammate's work).
func (ws *workspace) mergeDialog() {
	ws.chooseFile([]string{".cmoproj", ".coding"}, func(path string) { ws.previewMerge(path, nil) })
}

// previewMerge works out what merging the project or coding file at path would do (the
// merge verb's dry run) and shows it; the reviewer then merges or not.
// done, if not nil, runs after the merge or the refusal (for tests).
func (ws *workspace) previewMerge(path string, done func(error)) {
	finish := ws.failThen(done)
	other, err := session.OpenTeammate(path)
	if err != nil {
		finish(err)
		return
	}
	plan, err := ws.session.Merge(other, true)
	if err != nil {
		other.Close()
		finish(err)
		return
	}
	name := filepath.Base(path)
	if plan.Empty() && len(plan.Conflicts) == 0 {
		other.Close()
		ws.say("Nothing to merge: this project has everything %s holds.", name)
		if ws.win != nil {
			dialog.ShowInformation("Merge "+name, "Nothing to merge: this project has everything "+name+" holds.", ws.win)
		}
		finish(nil)
		return
	}
	backup := backupPath(ws.session.Path(), time.Now())
	report := widget.NewLabel(strings.Join(plan.Report(), "\n"))
	report.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(fmt.Sprintf("Conflicts keep this project's version. Ctrl+Z cannot undo a merge: "+
		"a copy of the project as it is now is kept as “%s”.", filepath.Base(backup)))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	content := container.NewBorder(widget.NewLabel("Merging "+name+" would do this:"), note, nil, nil, container.NewVScroll(report))
	ask := dialog.NewCustomConfirm("Merge "+name, "Merge", "Cancel", content, func(ok bool) {
		if !ok {
			other.Close()
			finish(nil)
			return
		}
		ws.applyMerge(other, name, backup, done)
	}, ws.win)
	ask.Resize(fyne.NewSize(640, 420))
	ask.Show()
}

// applyMerge backs the project up, then merges other into it in the
// background as a job, then shows what was done and refreshes every view.
// done, if not nil, runs afterwards.
func (ws *workspace) applyMerge(other *session.Teammate, name, backup string, done func(error)) {
	finish := orNothing(done)
	project := ws.session
	var plan coding.MergePlan
	ws.runJob(job{
		title: "Merge " + name,
		note:  "Merging " + name + "…",
		work: func(context.Context, func(string, float64)) error {
			defer other.Close()
			if err := project.Backup(backup); err != nil {
				return err
			}
			var err error
			plan, err = project.Merge(other, false)
			return err
		},
		done: func(err error) {
			if err == nil && ws.pv != nil {
				ws.pv.reloadDocument(ws.doc.ID)
				ws.pv.changed()
			}
			ws.reportJob(err, finish, func() (string, string, string) {
				return "Merged " + name, fmt.Sprintf("Merged %s: %s", name, strings.Join(plan.Report(), "; ")),
					strings.Join(plan.Report(), "\n") + "\n\nThe project as it was before is kept as “" + filepath.Base(backup) + "”."
			})
		},
	})
}

// backupPath is where the copy of a project taken before a merge goes:
// beside it, named for when it was taken.
func backupPath(project string, now time.Time) string {
	base := strings.TrimSuffix(project, filepath.Ext(project))
	return base + " before merge " + now.Format("2006-01-02 150405") + ".cmoproj"
}
