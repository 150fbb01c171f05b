package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// sourcesPanel edits each document's study characteristics and its
// relevance and rigour appraisal (EditSource). The form saves itself as
// the coding panel does: when the reviewer leaves a field, picks a
// judgement, another source or another tab, or closes the window; each
// save is one undoable step and writes only the fields changed.
type sourcesPanel struct {
	pv       *projectView
	docs     []coding.Document
	list     *widget.List
	selected string

	heading                                    *widget.Label
	authors, year, citation                    *savingEntry
	objectives, location, design, participants *savingEntry
	relevance, rigour                          *widget.Select
	relevanceNote, rigourNote                  *savingEntry
	screening                                  *screeningForm // sources_screening.go
	table                                      *sourcesTable  // sources_table.go
	form                                       *widget.Form
	content                                    fyne.CanvasObject
	// enabled is whether the fields are editable (nil before the first
	// show): see enable.
	enabled *bool

	// filled is what the fields were filled with, and for which
	// document: what an edit starts from.
	filled  filledForm
	loading bool // while the panel fills the fields
	saving  bool // while a save refreshes the views
}

var judgementNames = []string{"not appraised", "high", "moderate", "low"}

// judgementOf reads a judgement as the form names it ("not appraised" is
// none).
func judgementOf(s string) coding.Judgement {
	j, err := coding.ParseJudgement(s)
	if err != nil {
		return coding.NotAppraised
	}
	return j
}

func judgementName(j coding.Judgement) string {
	if j == coding.NotAppraised {
		return "not appraised"
	}
	return string(j)
}

func newSourcesPanel(pv *projectView) *sourcesPanel {
	p := &sourcesPanel{pv: pv}
	p.table = newSourcesTable(p)
	p.list = widget.NewList(
		func() int { return len(p.docs) },
		p.table.newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { p.table.updateRow(p.docs[i], o) })
	followSelection(p.list, &p.docs, docID, &p.selected, p.show)
	p.heading = newHeading()
	entry := func(hint string, multi bool) *savingEntry {
		e := newSavingEntry(multi, p.save)
		if multi {
			e.SetMinRowsVisible(2)
		} else {
			e.OnSubmitted = func(string) { p.save() }
		}
		e.SetPlaceHolder(hint)
		return e
	}
	p.authors = entry("Surname A; Surname B", false)
	p.year = entry("2014", false)
	p.citation = entry("The full reference", true)
	p.objectives = entry("What the study set out to do", true)
	p.location = entry("Where it took place", false)
	p.design = entry("e.g. qualitative case study", false)
	p.participants = entry("Who took part", false)
	judgement := func() *widget.Select {
		return widget.NewSelect(judgementNames, func(string) { p.save() })
	}
	p.relevance = judgement()
	p.rigour = judgement()
	p.relevanceNote = entry("Does it speak to the programme theory? Why?", true)
	p.rigourNote = entry("Is it trustworthy? Why?", true)
	p.screening = newScreeningForm(entry, p.save)
	p.screening.filter.OnChanged = func(string) { p.reload() }
	// One form made with all its items: each AppendItem refreshes the
	// whole form (measuring every entry's text), which at open cost tens
	// of milliseconds of the UI goroutine (issue 14).
	items := []*widget.FormItem{
		widget.NewFormItem("Authors", p.authors),
		widget.NewFormItem("Year", p.year),
		widget.NewFormItem("Citation", p.citation),
		widget.NewFormItem("Objectives", p.objectives),
		widget.NewFormItem("Location", p.location),
		widget.NewFormItem("Design", p.design),
		widget.NewFormItem("Participants", p.participants),
		widget.NewFormItem("Relevance", p.relevance),
		widget.NewFormItem("Relevance note", p.relevanceNote),
		widget.NewFormItem("Rigour", p.rigour),
		widget.NewFormItem("Rigour note", p.rigourNote),
	}
	p.form = widget.NewForm(append(items, p.screening.items()...)...)
	right := container.NewVBox(p.heading, p.form)
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabelWithStyle("Sources", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.screening.filter),
		p.table.header())
	left := container.NewBorder(top, p.table.bar(), nil, nil, p.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.45 // room for the judgement columns
	p.content = split
	p.show()
	return p
}

func (p *sourcesPanel) reload() {
	docs, err := p.pv.session.Documents()
	if err != nil {
		p.pv.readFailed("sources", err)
		return
	}
	p.docs = p.table.sorted(p.screening.shown(docs))
	p.loadReasons()
	reselect(p.list, p.docs, docID, &p.selected)
	p.table.updateBar()
	p.show()
}

func docID(d coding.Document) string { return d.ID }

func (p *sourcesPanel) doc(id string) *coding.Document { return byID(p.docs, docID, id) }

// followSelection keeps *selected the ID of the item picked in a tab's
// list and shows it.
func followSelection[T any](list *widget.List, items *[]T, idOf func(T) string, selected *string, show func()) {
	list.OnSelected = func(i widget.ListItemID) {
		if i < len(*items) {
			*selected = idOf((*items)[i])
			show()
		}
	}
}

// newHeading is the bold heading over a tab's form, wrapped.
func newHeading() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// reselect keeps the item a tab's list had selected when it is read again,
// or selects the first when that one is gone (none when the list is empty).
func reselect[T any](list *widget.List, items []T, idOf func(T) string, selected *string) {
	if byID(items, idOf, *selected) == nil {
		*selected = ""
		if len(items) > 0 {
			*selected = idOf(items[0])
		}
	}
	list.Refresh()
	for i, v := range items {
		if idOf(v) == *selected {
			list.Select(i)
		}
	}
}

// byID finds the item with the ID id in items, nil when there is none.
func byID[T any](items []T, idOf func(T) string, id string) *T {
	for i := range items {
		if idOf(items[i]) == id {
			return &items[i]
		}
	}
	return nil
}

func (p *sourcesPanel) fields() []*savingEntry {
	return append([]*savingEntry{p.authors, p.year, p.citation, p.objectives, p.location, p.design, p.participants, p.relevanceNote, p.rigourNote},
		p.screening.entries()...)
}

func (p *sourcesPanel) formFields() []formField {
	entry := func(name string, e *savingEntry) formField {
		return formField{name, trimmed(func() string { return e.Text }), e.SetText}
	}
	judgement := func(name string, s *widget.Select) formField {
		return formField{name, func() string { return string(judgementOf(s.Selected)) },
			func(v string) { s.SetSelected(judgementName(coding.Judgement(v))) }}
	}
	return append([]formField{
		entry("authors", p.authors), entry("year", p.year), entry("citation", p.citation),
		entry("objectives", p.objectives), entry("location", p.location), entry("design", p.design),
		entry("participants", p.participants),
		judgement("relevance", p.relevance), entry("relevance-note", p.relevanceNote),
		judgement("rigour", p.rigour), entry("rigour-note", p.rigourNote),
	}, p.screening.formFields(entry)...)
}

// enable lets the reviewer edit the form's fields and choices, or not.
func (p *sourcesPanel) enable(on bool) {
	ws := []fyne.Disableable{p.relevance, p.rigour}
	for _, e := range p.fields() {
		ws = append(ws, e)
	}
	for _, s := range p.screening.selects() {
		ws = append(ws, s)
	}
	setEnabled(on, ws...)
	// Fyne's form colours the labels beside its fields only when the
	// whole form is refreshed; with the tab shown nothing else does it,
	// and the labels stayed grey beside fields the reviewer could edit.
	// Only on a change: the refresh measures every field's text.
	if p.enabled != nil && *p.enabled != on {
		p.form.Refresh()
	}
	p.enabled = &on
}

func (p *sourcesPanel) show() {
	if !p.saving && p.filled.id != "" && p.filled.id != p.selected {
		p.save() // what was typed for the source left
	}
	d := p.doc(p.selected)
	p.loading = true
	defer func() { p.loading = false }()
	if d == nil {
		p.heading.SetText("No document yet")
		for _, e := range p.fields() {
			e.SetText("")
		}
		p.enable(false)
		p.screening.show(nil)
		p.filled.clear()
		return
	}
	p.enable(true)
	p.screening.show(d)
	p.heading.SetText(d.Title)
	p.fill(*d)
}

// fill shows a document's source, keeping what the reviewer is typing
// (filledForm.fill).
func (p *sourcesPanel) fill(d coding.Document) {
	stored := d.Source()
	p.filled.fill(d.ID, p.formFields(), func(name string) string { return *coding.SourceField(&stored, name) })
}

// edit is the source as the fields were filled (from) and as they hold
// it now (mine).
func (p *sourcesPanel) edit() (from, mine coding.Source) {
	return formEdit(&p.filled, p.formFields(), coding.Source{}, coding.SourceField)
}

// save stores the fields the reviewer changed in the source shown, as
// one undoable step, checked against what the fields started from: a
// field another program changed meanwhile asks what to do (doForm) and
// nothing is written until then.
func (p *sourcesPanel) save() {
	if p.loading || p.saving || p.filled.id == "" {
		return
	}
	from, mine := p.edit()
	if mine == from {
		return
	}
	stampDecision(p.doc(p.filled.id), &from, &mine, p.pv.session.Coder())
	title := p.heading.Text
	p.saving = true // the views are refreshed: this form is filled again
	saved := p.pv.doForm(coding.EditSource{DocID: p.filled.id, Source: mine, From: &from}, p.filled.clear)
	p.saving = false
	if saved {
		p.pv.ws.say("Source “%s” saved (Ctrl+Z undoes).", coding.Clip(title, 60))
	}
}
