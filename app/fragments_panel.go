package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// fragmentsPanel lists the open document's fragments, filtered by role and
// text; clicking one scrolls the page to it, flashes it and opens it in
// the coding panel.
type fragmentsPanel struct {
	ws      *workspace
	role    *widget.Select
	filter  *widget.Entry
	heading *widget.Label
	list    *widget.List
	shown   []coding.Fragment
	content fyne.CanvasObject
	quiet   bool
}

const allRoles = "All roles"

func newFragmentsPanel(ws *workspace) *fragmentsPanel {
	p := &fragmentsPanel{ws: ws}
	options := []string{allRoles}
	for _, r := range coding.Roles {
		options = append(options, r.Title())
	}
	p.role = widget.NewSelect(options, nil)
	p.role.SetSelected(allRoles)
	p.role.OnChanged = func(string) { p.refresh() }
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter by text, label or memo")
	p.filter.OnChanged = func(string) { p.refresh() }
	p.heading = widget.NewLabelWithStyle("Fragments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(roleColour(coding.Context))
			bg.CornerRadius = 3
			tag := canvas.NewText("M res−", nil)
			tag.TextStyle = fyne.TextStyle{Bold: true}
			tag.TextSize = 11
			tag.Alignment = fyne.TextAlignCenter
			badge := container.NewGridWrap(fyne.NewSize(50, 22), container.NewStack(bg, container.NewCenter(tag)))
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewCenter(badge), nil, text)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.shown[i]
			row := o.(*fyne.Container)
			text := row.Objects[0].(*widget.Label)
			badge := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*fyne.Container)
			bg := badge.Objects[0].(*canvas.Rectangle)
			tag := badge.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
			bg.FillColor = roleColour(f.Role)
			bg.Refresh()
			tag.Text = fragmentTag(f)
			tag.Color = textOnColour(roleColour(f.Role))
			tag.Refresh()
			line := fmt.Sprintf("p.%d  %s", f.Page, clip(f.Text, 200))
			if len(f.Labels) > 0 {
				line = fmt.Sprintf("p.%d  [%s]  %s", f.Page, strings.Join(f.Labels, ", "), clip(f.Text, 200))
			}
			text.SetText(line)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.quiet || i >= len(p.shown) {
			return
		}
		ws.selectFragment(p.shown[i].ID, true)
		// The list took the focus; give the keys back to the page.
		ws.view.Focus()
	}
	top := container.NewVBox(p.heading, container.NewGridWithColumns(2, p.role, p.filter))
	p.content = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

// refresh filters the document's fragments again.
func (p *fragmentsPanel) refresh() {
	role := coding.Role("")
	for _, r := range coding.Roles {
		if p.role.Selected == r.Title() {
			role = r
		}
	}
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	p.shown = p.shown[:0]
	for _, f := range p.ws.frags {
		if role != "" && f.Role != role {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(f.Text+" "+strings.Join(f.Labels, " ")+" "+f.Memo), q) {
			continue
		}
		p.shown = append(p.shown, f)
	}
	if len(p.shown) == len(p.ws.frags) {
		p.heading.SetText(fmt.Sprintf("Fragments (%d)", len(p.shown)))
	} else {
		p.heading.SetText(fmt.Sprintf("Fragments (%d of %d)", len(p.shown), len(p.ws.frags)))
	}
	p.list.Refresh()
	p.selectID(p.ws.current)
}

// selectID marks a fragment in the list without acting on it.
func (p *fragmentsPanel) selectID(id string) {
	p.quiet = true
	defer func() { p.quiet = false }()
	for i, f := range p.shown {
		if f.ID == id {
			p.list.Select(i)
			p.list.ScrollTo(i)
			return
		}
	}
	p.list.UnselectAll()
}

// texts are the rows as shown, for tests.
func (p *fragmentsPanel) texts() []string {
	var out []string
	for _, f := range p.shown {
		out = append(out, fragmentTag(f)+" "+clip(f.Text, 200))
	}
	return out
}
