package gui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
)

// File ▸ Open recent and File ▸ Close project, and the names the recent
// projects are listed by.

// recentProjects are the projects opened lately, the latest first.
func (d *mainWindow) recentProjects() []string {
	return d.app.Preferences().StringList(prefRecent)
}

// rememberTitle keeps a project's title for the recent lists, which name
// projects without opening them.
func rememberTitle(p fyne.Preferences, path, title string) {
	p.SetString(projectKey(path, "title"), title)
}

// recentName names a recent project for people: its title and file name,
// "Leadership in hospitals — review.cmoproj", or the file name alone when
// its title is not known.
func recentName(p fyne.Preferences, path string) string {
	base := filepath.Base(path)
	if title := p.String(projectKey(path, "title")); title != "" {
		return title + " — " + base
	}
	return base
}

// recentMenu is File ▸ Open recent: a project a line, the one open left
// out.
func (d *mainWindow) recentMenu() *fyne.Menu {
	open := ""
	if d.session != nil {
		open = d.session.Path()
	}
	m := fyne.NewMenu("Open recent")
	for _, path := range d.recentProjects() {
		if path == open {
			continue
		}
		m.Items = append(m.Items, fyne.NewMenuItem(recentName(d.app.Preferences(), path), func() { d.openProject(path) }))
	}
	if len(m.Items) == 0 {
		none := fyne.NewMenuItem("No other recent projects", nil)
		none.Disabled = true
		m.Items = append(m.Items, none)
	}
	return m
}

// closeProject closes the project (remembering where the reviewer was)
// and goes back to the welcome screen; a project still opening is
// dropped too.
func (d *mainWindow) closeProject() {
	d.cancelOpen()
	if d.view != nil {
		d.view.ws.detach()
	}
	d.closeSession()
	d.win.SetMainMenu(nil)
	d.showWelcome()
}

// detach undoes attach: the window's keys, shortcuts and drops no longer
// reach this workspace, whose project is closing.
func (ws *workspace) detach() {
	if ws.win == nil {
		return
	}
	c := ws.win.Canvas()
	c.SetOnTypedKey(nil)
	c.SetOnTypedRune(nil)
	for _, s := range ws.extraShortcuts() {
		c.RemoveShortcut(s.shortcut)
	}
	ws.win.SetOnDropped(nil)
}
