package gui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// cmocsPanel shows the CMOCs grouped by programme theory, each as a box
// in the published form with every part traceable to its fragments.
type cmocsPanel struct {
	pv      *projectView
	heading *widget.Label
	filter  *widget.Entry
	body    *fyne.Container
	content fyne.CanvasObject
	boxes   []*cmocBox // as shown, for tests
	groups  []string   // the group headings shown, for tests

	first              int // the first CMOC shown (of those filtered)
	pager              *fyne.Container
	pageInfo           *widget.Label
	prevPage, nextPage *widget.Button
	scroll             *container.Scroll

	// data is the project as last read, off the UI goroutine; turning a
	// page or filtering shows it again without reading anything.
	data *cmocsData
	loader
}

// cmocsData is what the CMOCs tab shows, read in one go.
type cmocsData struct {
	c        coding.Contents
	frags    map[string]coding.Fragment
	names    map[string]string
	theories map[string]coding.Theory
	search   []string // per CMOC, what the filter looks in, lower case
}

func newCMOCsData(c coding.Contents) *cmocsData {
	d := &cmocsData{c: c, frags: make(map[string]coding.Fragment, len(c.Fragments)),
		names: export.SourceNames(c.Documents), theories: map[string]coding.Theory{}}
	for _, f := range c.Fragments {
		d.frags[f.ID] = f
	}
	for _, t := range c.Theories {
		d.theories[t.ID] = t
	}
	for _, m := range c.CMOCs {
		d.search = append(d.search, strings.ToLower(cmocText(m, d.frags)))
	}
	return d
}

// cmocBox is one CMOC as shown.
type cmocBox struct {
	cmoc      coding.CMOC
	title     *widget.Label
	line      *widget.Label // the configuration line
	parts     map[coding.Role]*widget.Label
	links     []*fragmentLink
	missing   []*widget.Label
	edit      *widget.Button
	addTicked *widget.Button
	remove    *widget.Button
	like      *widget.Button // the sentences like its evidence, in the Search tab
}

// fragmentLink is one fragment of a CMOC: a link that opens it in its
// document, and a button that takes it out of the CMOC.
type fragmentLink struct {
	frag   coding.Fragment
	link   *widget.Hyperlink
	remove *widget.Button
}

func newCMOCsPanel(pv *projectView) *cmocsPanel {
	p := &cmocsPanel{pv: pv}
	p.heading = widget.NewLabelWithStyle("CMOCs", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter CMOCs by statement, narrative, label or quoted text")
	p.filter.OnChanged = func(string) {
		p.first = 0
		p.render()
	}
	hint := widget.NewLabel("Tick fragments in the Documents tab's fragment list, then New CMOC. Click a quote to open it on its page.")
	hint.Wrapping = fyne.TextWrapWord
	p.body = container.NewVBox()
	p.pageInfo = widget.NewLabel("")
	p.prevPage = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), func() { p.turnPage(-1) })
	p.nextPage = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { p.turnPage(1) })
	p.pager = container.NewHBox(p.prevPage, p.pageInfo, p.nextPage)
	p.pager.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, p.heading, p.pager, p.filter), hint, widget.NewSeparator())
	p.scroll = container.NewVScroll(container.NewPadded(p.body))
	p.content = container.NewBorder(top, nil, nil, nil, p.scroll)
	return p
}

// cmocsPerPage is how many CMOC boxes are shown at once: Fyne lays out
// every object of a VBox, and at 25 boxes of wrapped text showing a page
// held the window for 300 ms, and 10 up to 95 ms on a loaded machine
// (TestNoUIStallOnALargeReview); a window shows two or three at a time.
const cmocsPerPage = 8

// reload reads the project again on a goroutine of its own (at 300
// CMOCs over 20,000 fragments, longer than a frame) and then shows the
// CMOCs, a page of them.
func (p *cmocsPanel) reload() {
	if p.data == nil {
		p.heading.SetText("CMOCs: loading…")
	}
	s := p.pv.session
	load(&p.loader, func() (*cmocsData, error) {
		c, err := s.Contents()
		if err != nil {
			return nil, err
		}
		return newCMOCsData(c), nil
	}, func(d *cmocsData, err error) {
		if err != nil {
			p.heading.SetText("CMOCs: " + session.OneLine(err))
			return
		}
		p.data = d
		p.render()
	})
}

// unload drops the boxes while the tab is hidden; restore builds them
// again from what was read.
func (p *cmocsPanel) unload() {
	p.body.Objects = nil
	p.boxes, p.groups = nil, nil
}

func (p *cmocsPanel) restore() { p.render() }

// render shows the page of CMOCs the filter and the pager select, from
// the project as last read.
func (p *cmocsPanel) render() {
	if p.data == nil {
		return
	}
	c, frags, names, theories := p.data.c, p.data.frags, p.data.names, p.data.theories
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	byTheory := map[string][]int{}
	for i, m := range c.CMOCs {
		if q != "" && !strings.Contains(p.data.search[i], q) {
			continue
		}
		id := m.TheoryID
		if _, ok := theories[id]; !ok {
			id = ""
		}
		byTheory[id] = append(byTheory[id], i)
	}
	// The CMOCs in theory order, unfiled last; then the page shown.
	type entry struct {
		theory string
		index  int
	}
	var order []entry
	var theoryIDs []string
	for _, t := range c.Theories {
		theoryIDs = append(theoryIDs, t.ID)
	}
	theoryIDs = append(theoryIDs, "")
	for _, id := range theoryIDs {
		for _, i := range byTheory[id] {
			order = append(order, entry{id, i})
		}
	}
	shown := len(order)
	if p.first >= shown {
		p.first = max(0, (shown-1)/cmocsPerPage*cmocsPerPage)
	}
	last := min(shown, p.first+cmocsPerPage)
	var objs []fyne.CanvasObject
	p.boxes, p.groups = nil, nil
	prev := "-"
	for _, e := range order[p.first:last] {
		if e.theory != prev {
			prev = e.theory
			head := export.NoTheory
			t, filed := theories[e.theory]
			if filed {
				head = fmt.Sprintf("%s  ·  %s theory", t.Name, t.Kind)
			}
			head = fmt.Sprintf("%s  (%s)", head, coding.Count(len(byTheory[e.theory]), "CMOC"))
			p.groups = append(p.groups, head)
			objs = append(objs, widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			if filed && t.Statement != "" {
				s := widget.NewLabelWithStyle(t.Statement, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
				s.Wrapping = fyne.TextWrapWord
				objs = append(objs, s)
			}
		}
		b, obj := p.newBox(e.index+1, c.CMOCs[e.index], frags, names, c.DeletedFragments)
		p.boxes = append(p.boxes, b)
		objs = append(objs, obj)
	}
	switch {
	case len(c.CMOCs) == 0:
		objs = append(objs, widget.NewLabel("No CMOC yet."))
		p.heading.SetText("CMOCs (0)")
	case shown == len(c.CMOCs):
		p.heading.SetText(fmt.Sprintf("CMOCs (%d)", shown))
	default:
		p.heading.SetText(fmt.Sprintf("CMOCs (%d of %d)", shown, len(c.CMOCs)))
	}
	if shown > cmocsPerPage {
		p.pageInfo.SetText(fmt.Sprintf("%d–%d of %d", p.first+1, last, shown))
		p.pager.Show()
	} else {
		p.pager.Hide()
	}
	if p.first > 0 {
		p.prevPage.Enable()
	} else {
		p.prevPage.Disable()
	}
	if last < shown {
		p.nextPage.Enable()
	} else {
		p.nextPage.Disable()
	}
	p.body.Objects = objs // at once: adding one by one lays out every time
	p.body.Refresh()
}

// turnPage shows the next (1) or previous (-1) page of CMOCs.
func (p *cmocsPanel) turnPage(dir int) {
	p.first = max(0, p.first+dir*cmocsPerPage)
	p.render()
	p.scroll.ScrollToTop()
}

// cmocText is what the filter searches in a CMOC.
func cmocText(c coding.CMOC, frags map[string]coding.Fragment) string {
	parts := []string{c.Statement, c.Narrative, strings.Join(c.Labels, " ")}
	for _, id := range c.Fragments {
		parts = append(parts, frags[id].Text)
	}
	return strings.Join(parts, " ")
}

// quoteLinks is a row per fragment of a CMOC's box: its quote, which jumps
// to it, and a button taking it out of the CMOC.
func (p *cmocsPanel) quoteLinks(b *cmocBox, c coding.CMOC, frags []coding.Fragment, names map[string]string) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, f := range frags {
		fl := &fragmentLink{frag: f}
		fl.link = widget.NewHyperlink(fmt.Sprintf("“%s” — %s, p. %d", coding.Clip(f.Text, 110), names[f.DocID], f.Page), nil)
		// No Truncation: the quote is clipped already, and truncating
		// measures every prefix of it (a third of a page's layout time).
		frag := f
		fl.link.OnTapped = func() { p.pv.jumpTo(frag) }
		rm := tipButton("", theme.CancelIcon(), "Take this quote out of the CMOC (the fragment stays coded)", func() { p.removeFragment(c, frag.ID) })
		fl.remove = &rm.Button
		fl.remove.Importance = widget.LowImportance
		b.links = append(b.links, fl)
		rows = append(rows, container.NewBorder(nil, nil, nil, rm, fl.link))
	}
	return rows
}

// newBox builds the box of CMOC number n.
func (p *cmocsPanel) newBox(n int, c coding.CMOC, all map[string]coding.Fragment, names map[string]string, deleted map[string]coding.Removed) (*cmocBox, fyne.CanvasObject) {
	b := &cmocBox{cmoc: c, parts: map[coding.Role]*widget.Label{}}
	var frags []coding.Fragment
	var gone []string
	for _, id := range c.Fragments {
		if f, ok := all[id]; ok {
			frags = append(frags, f)
		} else {
			gone = append(gone, id)
		}
	}
	b.title = widget.NewLabelWithStyle(fmt.Sprintf("CMOC %d: %s", n, c.Statement), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.Wrapping = fyne.TextWrapWord
	b.line = widget.NewLabel(coding.Configuration(frags))
	b.line.Wrapping = fyne.TextWrapWord
	col := container.NewVBox(b.title, b.line)
	for _, part := range coding.Parts(frags) {
		tag := widget.NewLabelWithStyle(part.Tag(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		var rows []fyne.CanvasObject
		if len(part.Fragments) == 0 {
			gap := widget.NewLabelWithStyle(coding.Gap+"  no "+part.Role.Title()+" fragment yet (a gap)", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			gap.Importance = widget.WarningImportance
			b.parts[part.Role] = gap
			rows = append(rows, gap)
		} else {
			b.parts[part.Role] = widget.NewLabel(part.Text())
		}
		rows = append(rows, p.quoteLinks(b, c, part.Fragments, names)...)
		left := container.NewHBox(swatch(part.Role), container.NewGridWrap(fyne.NewSize(150, tag.MinSize().Height), tag))
		col.Add(container.NewBorder(nil, nil, left, nil, container.NewVBox(rows...)))
	}
	// Unclassified fragments have no place on the configuration line but
	// are the CMOC's evidence all the same: listed after the four roles,
	// in grey, until they are given a role.
	if u := coding.WithoutRole(frags); len(u) > 0 {
		tag := widget.NewLabelWithStyle("Unclassified", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		left := container.NewHBox(swatch(coding.Unclassified), container.NewGridWrap(fyne.NewSize(150, tag.MinSize().Height), tag))
		col.Add(container.NewBorder(nil, nil, left, nil, container.NewVBox(p.quoteLinks(b, c, u, names)...)))
	}
	for _, id := range gone {
		why := "deleted"
		if d, ok := deleted[id]; ok {
			when := d.At
			if len(when) >= 10 {
				when = when[:10]
			}
			why = "deleted " + strings.TrimSpace(when+" by "+d.Coder)
		}
		l := widget.NewLabel(fmt.Sprintf("⚠ Missing evidence: fragment %s was %s", session.ShortID(id), why))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		b.missing = append(b.missing, l)
		missingID := id
		rm := widget.NewButton("Remove from CMOC", func() { p.removeFragment(c, missingID) })
		col.Add(container.NewBorder(nil, nil, nil, rm, l))
	}
	if c.Narrative != "" {
		nl := widget.NewLabel(c.Narrative)
		nl.Wrapping = fyne.TextWrapWord
		col.Add(nl)
	}
	meta := fmt.Sprintf("by %s", c.Coder)
	if len(c.Labels) > 0 {
		meta = "Labels: " + strings.Join(c.Labels, ", ") + "  ·  " + meta
	}
	ml := widget.NewLabelWithStyle(meta, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	b.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { p.editCMOC(b.cmoc) })
	ticked := len(p.pv.ws.fragments.ticked)
	b.addTicked = widget.NewButtonWithIcon(fmt.Sprintf("Add ticked fragments (%d)", ticked), theme.ContentAddIcon(), func() { p.pv.addTicked(b.cmoc) })
	if ticked == 0 {
		b.addTicked.Disable()
	}
	b.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { p.deleteCMOC(b.cmoc) })
	b.remove.Importance = widget.DangerImportance
	b.like = widget.NewButtonWithIcon("Find passages like it", theme.SearchIcon(), func() { p.pv.tabsView.search.findLikeCMOC(b.cmoc) })
	col.Add(container.NewBorder(nil, nil, ml, container.NewHBox(b.edit, b.like, b.addTicked, b.remove)))
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = theme.Color(theme.ColorNameSeparator)
	frame.StrokeWidth = 1
	frame.CornerRadius = 6
	return b, container.NewStack(frame, container.NewPadded(col))
}

// editCMOC opens the form on a CMOC.
func (p *cmocsPanel) editCMOC(c coding.CMOC) {
	frags := p.fragments(c)
	p.pv.showCMOCForm("Edit CMOC", "Save", c, p.pv.evidenceSummary(frags), func(d coding.CMOC, theory string) {
		edit := func(d coding.CMOC) coding.Change { return coding.EditCMOC{CMOC: d, From: &c} } // only what the form changed
		if p.pv.do(p.pv.theoryChange(d, theory, edit)) {
			p.pv.ws.say("CMOC “%s” saved (Ctrl+Z undoes).", coding.Clip(d.Statement, 60))
		}
	})
}

// fragments are a CMOC's fragments that still exist.
func (p *cmocsPanel) fragments(c coding.CMOC) []coding.Fragment {
	var out []coding.Fragment
	for _, id := range c.Fragments {
		if f, err := p.pv.session.Fragment(id); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// removeFragment takes a fragment (or missing evidence) out of a CMOC.
func (p *cmocsPanel) removeFragment(c coding.CMOC, id string) {
	d := c
	d.Fragments = nil
	for _, f := range c.Fragments {
		if f != id {
			d.Fragments = append(d.Fragments, f)
		}
	}
	if len(d.Fragments) == 0 {
		dialog.ShowInformation("Last fragment", "A CMOC needs at least one fragment: delete the CMOC instead.", p.pv.window())
		return
	}
	for _, f := range d.Fragments {
		if _, err := p.pv.session.Fragment(f); err != nil {
			dialog.ShowInformation("Missing evidence", "Remove the CMOC's missing evidence first.", p.pv.window())
			return
		}
	}
	if p.pv.do(coding.EditCMOC{CMOC: d, From: &c}) {
		p.pv.ws.say("Fragment taken out of “%s” (Ctrl+Z puts it back).", coding.Clip(c.Statement, 60))
	}
}

// deleteCMOC deletes a CMOC (its fragments stay), after asking.
func (p *cmocsPanel) deleteCMOC(c coding.CMOC) {
	dialog.ShowConfirm("Delete CMOC", fmt.Sprintf("Delete the CMOC “%s”? Its fragments stay coded; Ctrl+Z brings it back.", coding.Clip(c.Statement, 80)), func(ok bool) {
		if ok && p.pv.do(coding.DeleteCMOC{ID: c.ID}) {
			p.pv.ws.say("CMOC “%s” deleted (Ctrl+Z brings it back).", coding.Clip(c.Statement, 60))
		}
	}, p.pv.window())
}
