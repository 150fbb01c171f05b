package gui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// File ▸ Add documents… picks several files at once (PDFs and text documents:
// session.Addable). Fyne's own file dialog
// picks one, so the desktop's dialog is used where there is one (zenity
// or kdialog, on Linux and the BSDs); elsewhere the reviewer picks a
// folder and ticks its PDFs.

// findPicker finds a picker program; the tests replace it to take the
// folder picker.
var findPicker = exec.LookPath

// platformPicker is the command line of the desktop's multi-file dialog
// for PDFs starting in dir, or nil when there is none.
func platformPicker(dir string) []string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if p, err := findPicker("zenity"); err == nil {
		return []string{p, "--file-selection", "--multiple", "--separator=\n",
			"--title=Add documents to the project", "--filename=" + dir + string(filepath.Separator),
			"--file-filter=PDFs and text documents | " + strings.Join(session.AddablePatterns(), " "), "--file-filter=All files | *"}
	}
	if p, err := findPicker("kdialog"); err == nil {
		return []string{p, "--title", "Add documents to the project", "--getopenfilename", dir,
			"PDFs and text documents (" + strings.Join(session.AddablePatterns(), " ") + ")", "--multiple", "--separate-output"}
	}
	return nil
}

// pickedFiles reads the files a picker printed, one a line: absolute
// paths of regular files only, each once, in the order given.
func pickedFiles(out string) []string {
	var paths []string
	for _, line := range strings.Split(out, "\n") {
		p := strings.TrimRight(line, "\r")
		if p == "" || !filepath.IsAbs(p) || slices.Contains(paths, p) {
			continue
		}
		if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		paths = append(paths, filepath.Clean(p))
	}
	return paths
}

// addPDFs asks for PDFs to add (File > Add documents…) and imports them; they
// can also be dropped on the window.
func (ws *workspace) addPDFs() {
	if ws.win == nil {
		return
	}
	dir := filepath.Dir(ws.session.Path())
	cmd := platformPicker(dir)
	if cmd == nil || (os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "") {
		ws.chooseFolderPDFs(dir, ws.importFiles)
		return
	}
	// The desktop's dialog runs beside the app, which stays responsive.
	go func() {
		out, err := exec.Command(cmd[0], cmd[1:]...).Output()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit) && exit.ExitCode() == 1:
			return // cancelled
		case err != nil: // the picker is broken: use ours
			runOnUI(func() { ws.chooseFolderPDFs(dir, ws.importFiles) })
			return
		}
		paths := pickedFiles(string(out))
		runOnUI(func() { ws.importFiles(paths) })
	}()
}

// chooseFolderPDFs asks for a folder (starting in dir), then which of its
// PDFs to add, and hands them to add.
func (ws *workspace) chooseFolderPDFs(dir string, add func(paths []string)) {
	fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			ws.fail(err)
			return
		}
		if u != nil {
			ws.tickFolderPDFs(u.Path(), add)
		}
	}, ws.win)
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		fd.SetLocation(l)
	}
	fd.Resize(fyne.NewSize(800, 560))
	fd.Show()
}

// folderPDFs lists the PDFs and text documents in dir by name.
func folderPDFs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read folder %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && session.Addable(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return names, nil
}

// tickFolderPDFs lists the PDFs of dir with tick boxes, all ticked, and
// hands the ticked ones to add when Add is pressed.
func (ws *workspace) tickFolderPDFs(dir string, add func(paths []string)) {
	names, err := folderPDFs(dir)
	if err != nil {
		ws.fail(err)
		return
	}
	if len(names) == 0 {
		dialog.ShowInformation("Add documents", fmt.Sprintf("There are no PDFs or text documents in %s.", dir), ws.win)
		return
	}
	checks := container.NewVBox()
	for _, n := range names {
		c := widget.NewCheck(n, nil)
		c.SetChecked(true)
		checks.Add(c)
	}
	all := widget.NewCheck("All", func(on bool) {
		for _, o := range checks.Objects {
			o.(*widget.Check).SetChecked(on)
		}
	})
	all.SetChecked(true)
	intro := widget.NewLabel(fmt.Sprintf("%s in %s:", coding.Count(len(names), "document"), dir))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(intro, all, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(checks))
	d := dialog.NewCustomConfirm("Add documents", "Add", "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		var paths []string
		for _, o := range checks.Objects {
			if c := o.(*widget.Check); c.Checked {
				paths = append(paths, filepath.Join(dir, c.Text))
			}
		}
		add(paths)
	}, ws.win)
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
}
