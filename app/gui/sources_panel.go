package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// sourcesPanel edits each document's study characteristics and its
// relevance and rigour appraisal (EditSource).
type sourcesPanel struct {
	pv       *projectView
	docs     []coding.Document
	list     *widget.List
	selected string

	heading                                    *widget.Label
	authors, year, citation                    *widget.Entry
	objectives, location, design, participants *widget.Entry
	relevance, rigour                          *widget.Select
	relevanceNote, rigourNote                  *widget.Entry
	save                                       *widget.Button
	content                                    fyne.CanvasObject
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
	p.list = widget.NewList(
		func() int { return len(p.docs) },
		newCutLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := p.docs[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s — %s", d.ShortName(), d.Title))
		})
	followSelection(p.list, &p.docs, docID, &p.selected, p.show)
	p.heading = newHeading()
	entry := func(hint string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(2)
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
	p.relevance = widget.NewSelect(judgementNames, nil)
	p.rigour = widget.NewSelect(judgementNames, nil)
	p.relevanceNote = entry("Does it speak to the programme theory? Why?", true)
	p.rigourNote = entry("Is it trustworthy? Why?", true)
	p.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.saveEdits)
	p.save.Importance = widget.HighImportance
	form := widget.NewForm(
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
	)
	right := container.NewVBox(p.heading, form, container.NewHBox(p.save, layout.NewSpacer()))
	left := container.NewBorder(widget.NewLabelWithStyle("Sources", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, p.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.33
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
	p.docs = docs
	reselect(p.list, p.docs, docID, &p.selected)
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

func (p *sourcesPanel) fields() []*widget.Entry {
	return []*widget.Entry{p.authors, p.year, p.citation, p.objectives, p.location, p.design, p.participants, p.relevanceNote, p.rigourNote}
}

func (p *sourcesPanel) show() {
	d := p.doc(p.selected)
	if d == nil {
		p.heading.SetText("No document yet")
		for _, e := range p.fields() {
			e.SetText("")
			e.Disable()
		}
		p.relevance.Disable()
		p.rigour.Disable()
		p.save.Disable()
		return
	}
	for _, e := range p.fields() {
		e.Enable()
	}
	p.relevance.Enable()
	p.rigour.Enable()
	p.save.Enable()
	p.heading.SetText(d.Title)
	s := d.Source()
	for e, v := range map[*widget.Entry]string{p.authors: s.Authors, p.year: s.Year, p.citation: s.Citation,
		p.objectives: s.Objectives, p.location: s.Location, p.design: s.Design, p.participants: s.Participants,
		p.relevanceNote: s.Relevance.Note, p.rigourNote: s.Rigour.Note} {
		e.SetText(v)
	}
	p.relevance.SetSelected(judgementName(s.Relevance.Judgement))
	p.rigour.SetSelected(judgementName(s.Rigour.Judgement))
}

// saveEdits saves the form as the document's source (one undoable step).
func (p *sourcesPanel) saveEdits() {
	d := p.doc(p.selected)
	if d == nil {
		return
	}
	s := coding.Source{
		Authors: p.authors.Text, Year: p.year.Text, Citation: p.citation.Text,
		Objectives: p.objectives.Text, Location: p.location.Text, Design: p.design.Text, Participants: p.participants.Text,
		Relevance: coding.Appraisal{Judgement: judgementOf(p.relevance.Selected), Note: p.relevanceNote.Text},
		Rigour:    coding.Appraisal{Judgement: judgementOf(p.rigour.Selected), Note: p.rigourNote.Text},
	}
	if p.pv.do(coding.EditSource{DocID: d.ID, Source: s}) {
		p.pv.ws.say("Source “%s” saved (Ctrl+Z undoes).", coding.Clip(d.Title, 60))
	}
}
