package gui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// fragmentsPanel lists the open document's fragments, or the whole
// project's, filtered by role, label, coder and text; clicking one opens
// its document, scrolls the page to it, flashes it and opens it in the
// coding panel.
type fragmentsPanel struct {
	ws      *workspace
	scope   *widget.Select
	role    *widget.Select
	label   *widget.Select
	coder   *widget.Select
	filter  *widget.Entry
	all     []coding.Fragment // the project's, when the scope is all documents
	docName map[string]string
	heading *widget.Label
	list    *widget.List
	shown   []coding.Fragment
	content fyne.CanvasObject
	quiet   bool
	// ticked are the fragments ticked for a CMOC, in the order ticked
	// (they stay ticked across filters and documents).
	ticked    []coding.Fragment
	tickInfo  *widget.Label
	newCMOC   *widget.Button
	addToCMOC *widget.Button
	untick    *widget.Button
}

const (
	allRoles     = "All roles"
	allLabels    = "All labels"
	allCoders    = "All coders"
	thisDocument = "This document"
	allDocuments = "All documents"
)

func newFragmentsPanel(ws *workspace) *fragmentsPanel {
	p := &fragmentsPanel{ws: ws}
	options := []string{allRoles}
	for _, r := range coding.Categories {
		options = append(options, r.Title())
	}
	p.role = widget.NewSelect(options, nil)
	p.role.SetSelected(allRoles)
	p.role.OnChanged = func(string) { p.refresh() }
	p.scope = widget.NewSelect([]string{thisDocument, allDocuments}, nil)
	p.scope.SetSelected(thisDocument)
	p.scope.OnChanged = func(string) { p.reload() }
	p.label = widget.NewSelect([]string{allLabels}, nil)
	p.label.SetSelected(allLabels)
	p.label.OnChanged = func(string) { p.refresh() }
	p.coder = widget.NewSelect([]string{allCoders}, nil)
	p.coder.SetSelected(allCoders)
	p.coder.OnChanged = func(string) { p.refresh() }
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter by text or memo")
	p.filter.OnChanged = func(string) { p.refresh() }
	p.heading = widget.NewLabelWithStyle("Fragments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newFragmentRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.shown[i]
			where := fmt.Sprintf("p.%d", f.Page)
			if p.scope.Selected == allDocuments {
				where = p.docName[f.DocID] + ", " + where
			}
			o.(*fragmentRow).set(f, rowText(f, where), p.isTicked(f.ID), func(on bool) { p.tick(f, on) })
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.quiet || i >= len(p.shown) {
			return
		}
		f := p.shown[i]
		if f.DocID != ws.doc.ID && ws.pv != nil {
			ws.pv.openDocument(f.DocID)
		}
		ws.selectFragment(f.ID, true)
		// The list took the focus; give the keys back to the page.
		ws.view.Focus()
	}
	// Three rows of filters, in two columns: three selects side by side
	// would widen the column and narrow the page.
	top := container.NewVBox(
		container.NewBorder(nil, nil, p.heading, nil, p.filter),
		container.NewGridWithColumns(2, p.scope, p.role),
		container.NewGridWithColumns(2, p.label, p.coder))
	p.tickInfo = widget.NewLabel("")
	p.tickInfo.Truncation = fyne.TextTruncateEllipsis
	newCMOC := tipButton("New CMOC…", theme.ContentAddIcon(), "Build a CMO configuration from the ticked fragments", ws.newCMOC)
	p.newCMOC = &newCMOC.Button
	p.newCMOC.Importance = widget.HighImportance
	addTo := tipButton("Add to CMOC…", nil, "Add the ticked fragments to a CMOC you already have", ws.addTickedToCMOC)
	p.addToCMOC = &addTo.Button
	untick := tipButton("", theme.ContentClearIcon(), "Untick all: clear every tick in this list", func() { p.setTicked(nil) })
	p.untick = &untick.Button
	// The count of ticked rows shows only while there are some, so that
	// the list keeps its height.
	buttons := container.New(denseRow{trim: theme.InnerPadding(), gap: theme.Padding() / 2}, newCMOC, addTo, untick)
	bottom := container.NewVBox(p.tickInfo, container.NewHBox(buttons))
	p.content = container.NewBorder(top, bottom, nil, nil, p.list)
	p.showTicked()
	return p
}

// rowText is a fragment's row: its quote first, so that the start of it
// is read even where the row is cut, then where it is and its labels.
func rowText(f coding.Fragment, where string) string {
	line := coding.Clip(f.Text, 200) + "  · " + where
	if len(f.Labels) > 0 {
		line += " · " + strings.Join(f.Labels, ", ")
	}
	return line
}

// reload reads the project's fragments, labels and coders again (after a
// change), then filters.
func (p *fragmentsPanel) reload() {
	project := p.ws.session
	p.all = nil
	if p.scope.Selected == allDocuments {
		all, err := project.Fragments("")
		if err != nil {
			p.ws.pv.readFailed("fragments", err)
		}
		docs, err := project.Documents()
		if err != nil {
			p.ws.pv.readFailed("documents", err)
		}
		p.all = all
		p.docName = map[string]string{}
		for _, d := range docs {
			p.docName[d.ID] = coding.Clip(d.ShortName(), 28)
		}
	}
	ls, err := project.Labels()
	if err != nil {
		p.ws.pv.readFailed("codebook", err)
	}
	p.label.SetOptions(namesAfter(allLabels, ls, func(l coding.Label) string { return l.Name }))
	cs, err := project.Coders()
	if err != nil {
		p.ws.pv.readFailed("coders", err)
	}
	p.coder.SetOptions(namesAfter(allCoders, cs, func(c coding.Coder) string { return c.Name }))
	if len(p.ticked) > 0 { // a ticked fragment may have been deleted
		n := len(p.ticked)
		p.ticked = slices.DeleteFunc(p.ticked, func(f coding.Fragment) bool {
			_, err := project.Fragment(f.ID)
			return err != nil
		})
		if len(p.ticked) != n {
			p.showTicked()
		}
	}
	p.refresh()
}

// refresh filters the fragments again.
func (p *fragmentsPanel) refresh() {
	role := coding.Role("")
	for _, r := range coding.Categories {
		if p.role.Selected == r.Title() {
			role = r
		}
	}
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	source := p.ws.frags
	if p.scope.Selected == allDocuments {
		source = p.all
	}
	p.shown = p.shown[:0]
	for _, f := range source {
		if role != "" && f.Role != role {
			continue
		}
		if l := p.label.Selected; l != "" && l != allLabels && !hasLabel(f, l) {
			continue
		}
		if c := p.coder.Selected; c != "" && c != allCoders && f.Coder != c {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(f.Text+" "+strings.Join(f.Labels, " ")+" "+f.Memo), q) {
			continue
		}
		p.shown = append(p.shown, f)
	}
	if len(p.shown) == len(source) {
		p.heading.SetText(fmt.Sprintf("Fragments (%d)", len(p.shown)))
	} else {
		p.heading.SetText(fmt.Sprintf("Fragments (%d of %d)", len(p.shown), len(source)))
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
		out = append(out, fragmentTag(f)+" "+coding.Clip(f.Text, 200))
	}
	return out
}

func hasLabel(f coding.Fragment, name string) bool {
	for _, l := range f.Labels {
		if coding.SameName(l, name) {
			return true
		}
	}
	return false
}

// isTicked tells whether a fragment is ticked for a CMOC.
func (p *fragmentsPanel) isTicked(id string) bool {
	for _, f := range p.ticked {
		if f.ID == id {
			return true
		}
	}
	return false
}

// tick ticks a fragment for a CMOC, or unticks it.
func (p *fragmentsPanel) tick(f coding.Fragment, on bool) {
	if on == p.isTicked(f.ID) {
		return
	}
	if on {
		p.ticked = append(p.ticked, f)
	} else {
		p.ticked = slices.DeleteFunc(p.ticked, func(g coding.Fragment) bool { return g.ID == f.ID })
	}
	p.showTicked()
}

// setTicked replaces the ticked fragments.
func (p *fragmentsPanel) setTicked(frags []coding.Fragment) {
	p.ticked = slices.Clone(frags)
	p.showTicked()
	p.list.Refresh()
}

// tickedIDs are the IDs of the ticked fragments that still exist.
func (p *fragmentsPanel) tickedIDs() []string {
	var out []string
	for _, f := range p.ticked {
		out = append(out, f.ID)
	}
	return out
}

// showTicked says how many fragments are ticked and enables the CMOC
// buttons.
func (p *fragmentsPanel) showTicked() {
	n := len(p.ticked)
	if p.ws.pv != nil {
		p.ws.pv.refreshTabs() // the CMOC boxes offer to add them
	}
	if n == 0 {
		p.tickInfo.SetText("Tick fragments (any documents) for a CMOC")
		p.tickInfo.Hide()
		p.newCMOC.Disable()
		p.addToCMOC.Disable()
		p.untick.Disable()
		return
	}
	roles := map[coding.Role]int{}
	for _, f := range p.ticked {
		roles[f.Role]++
	}
	var parts []string
	for _, r := range coding.Categories {
		if roles[r] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", r.Letter(), roles[r]))
		}
	}
	p.tickInfo.SetText(fmt.Sprintf("%d ticked (%s)", n, strings.Join(parts, " · ")))
	p.tickInfo.Show()
	p.newCMOC.Enable()
	p.addToCMOC.Enable()
	p.untick.Enable()
}

// namesAfter is a filter's options: first (its "all" choice), then the
// name of each item.
func namesAfter[T any](first string, items []T, name func(T) string) []string {
	names := []string{first}
	for _, it := range items {
		names = append(names, name(it))
	}
	return names
}
