package gui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// codebookPanel lists the codebook's labels with their colour and how
// many fragments and CMOCs carry each, and edits the one selected: name
// (RenameLabel), definition and colour (PutLabel), or merges it into
// another label (MergeLabels).
type codebookPanel struct {
	pv       *projectView
	labels   []coding.Label
	frags    map[string]int // by lower-cased name
	cmocs    map[string]int
	list     *widget.List
	selected string // label ID

	heading    *widget.Label
	name       *widget.Entry
	definition *widget.Entry
	colour     *widget.Select
	save       *widget.Button
	mergeInto  *widget.Select
	merge      *widget.Button
	content    fyne.CanvasObject
	filled     filledForm // what the form was filled with: what a save starts from
	loader
}

func newCodebookPanel(pv *projectView) *codebookPanel {
	p := &codebookPanel{pv: pv}
	p.list = widget.NewList(
		func() int { return len(p.labels) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(color.Black)
			sw.SetMinSize(fyne.NewSize(14, 14))
			sw.CornerRadius = 3
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewCenter(sw), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(p.rowText(i))
			sw := row.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			sw.FillColor = parseColour(p.labels[i].Colour)
			sw.Refresh()
		})
	followSelection(p.list, &p.labels, labelID, &p.selected, p.show)
	p.heading = newHeading()
	p.name = widget.NewEntry()
	p.definition = widget.NewMultiLineEntry()
	p.definition.Wrapping = fyne.TextWrapWord
	p.definition.SetMinRowsVisible(4)
	p.definition.SetPlaceHolder("What this label means, so the team codes alike")
	p.colour = widget.NewSelect(paletteNames, nil)
	p.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.saveEdits)
	p.save.Importance = widget.HighImportance
	p.mergeInto = widget.NewSelect(nil, nil)
	p.mergeInto.PlaceHolder = "Merge into…"
	p.merge = widget.NewButton("Merge", p.askMerge)
	add := widget.NewButtonWithIcon("New label…", theme.ContentAddIcon(), p.newLabel)
	form := widget.NewForm(
		widget.NewFormItem("Name", p.name),
		widget.NewFormItem("Definition", p.definition),
		widget.NewFormItem("Colour", p.colour),
	)
	mergeRow := container.NewBorder(nil, nil, widget.NewLabel("Merge this label into"), p.merge, p.mergeInto)
	right := container.NewVBox(p.heading, form, container.NewHBox(p.save, layout.NewSpacer()), widget.NewSeparator(), mergeRow)
	left := container.NewBorder(container.NewVBox(widget.NewLabelWithStyle("Codebook", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), add), nil, nil, nil, p.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.4
	p.content = split
	p.show()
	return p
}

// parseColour reads "#rrggbb".
func parseColour(s string) color.Color {
	var r, g, b uint8
	if _, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	}
	return color.NRGBA{R: r, G: g, B: b, A: 0xff}
}

func (p *codebookPanel) rowText(i int) string {
	l := p.labels[i]
	k := coding.NameKey(l.Name)
	return fmt.Sprintf("%s  (%s, %s)", l.Name, coding.Count(p.frags[k], "fragment"), coding.Count(p.cmocs[k], "CMOC"))
}

// reload reads the codebook and counts its uses, off the UI goroutine.
func (p *codebookPanel) reload() {
	s := p.pv.session
	type uses struct {
		labels       []coding.Label
		frags, cmocs map[string]int
	}
	load(&p.loader, func() (uses, error) {
		c, err := s.Contents()
		if err != nil {
			return uses{}, err
		}
		u := uses{labels: c.Labels, frags: map[string]int{}, cmocs: map[string]int{}}
		for _, f := range c.Fragments {
			for _, l := range f.Labels {
				u.frags[coding.NameKey(l)]++
			}
		}
		for _, m := range c.CMOCs {
			for _, l := range m.Labels {
				u.cmocs[coding.NameKey(l)]++
			}
		}
		return u, nil
	}, func(u uses, err error) {
		if err != nil {
			p.pv.readFailed("codebook", err)
			return
		}
		p.labels, p.frags, p.cmocs = u.labels, u.frags, u.cmocs
		reselect(p.list, p.labels, labelID, &p.selected)
		p.show()
	})
}

func labelID(l coding.Label) string { return l.ID }

func (p *codebookPanel) label(id string) *coding.Label { return byID(p.labels, labelID, id) }

// show fills the form with the label selected.
func (p *codebookPanel) show() {
	l := p.label(p.selected)
	all := []fyne.Disableable{p.name, p.definition, p.colour, p.save, p.mergeInto, p.merge}
	if l == nil {
		p.heading.SetText(coding.Count(len(p.labels), "label") + ": select one to edit, rename or merge it")
		setEnabled(false, all...)
		p.name.SetText("")
		p.definition.SetText("")
		p.filled.clear()
		return
	}
	setEnabled(true, all...)
	k := coding.NameKey(l.Name)
	p.heading.SetText(fmt.Sprintf("Label “%s”: %s, %s", l.Name, coding.Count(p.frags[k], "fragment"), coding.Count(p.cmocs[k], "CMOC")))
	stored := *l
	p.filled.fill(l.ID, p.formFields(), func(name string) string { return *labelField(&stored, name) })
	var others []string
	for _, o := range p.labels {
		if o.ID != l.ID {
			others = append(others, o.Name)
		}
	}
	p.mergeInto.SetOptions(others)
	p.mergeInto.ClearSelected()
}

// saveEdits saves the label's name, definition and colour as the form
// changed them, in one undoable step.
func (p *codebookPanel) saveEdits() {
	l := p.label(p.selected)
	if l == nil {
		return
	}
	// From what the form was filled with: only the fields changed are
	// written. A new name is one of them: fragments and CMOCs carrying
	// the label follow it.
	from, n := formEdit(&p.filled, p.formFields(), *l, labelField)
	if p.pv.doForm(coding.PutLabel{Label: n, From: &from}, p.filled.clear) {
		p.pv.ws.say("Label “%s” saved (Ctrl+Z undoes).", n.Name)
	}
}

// formFields are the form's fields, named as coding names a label's.
func (p *codebookPanel) formFields() []formField {
	entry := func(name string, e *widget.Entry) formField {
		return formField{name, trimmed(func() string { return e.Text }), e.SetText}
	}
	// The colour a label has stays when it is none of the palette's.
	colour := formField{"colour",
		func() string {
			for j, c := range paletteNames {
				if c == p.colour.Selected && j < len(coding.Palette) {
					return coding.Palette[j]
				}
			}
			return p.filled.values["colour"]
		},
		func(hex string) {
			p.colour.ClearSelected()
			for j, c := range coding.Palette {
				if strings.EqualFold(c, hex) && j < len(paletteNames) {
					p.colour.SetSelected(paletteNames[j])
				}
			}
		}}
	return []formField{entry("name", p.name), entry("definition", p.definition), colour}
}

// labelField points at a label's field by the name coding gives it.
func labelField(l *coding.Label, name string) *string {
	return map[string]*string{"name": &l.Name, "definition": &l.Definition, "colour": &l.Colour}[name]
}

// askMerge asks before merging the label into the one chosen.
func (p *codebookPanel) askMerge() {
	l := p.label(p.selected)
	into := p.mergeInto.Selected
	if l == nil || into == "" {
		return
	}
	k := coding.NameKey(l.Name)
	msg := fmt.Sprintf("The %s and %s carrying “%s” will carry “%s” instead, and “%s” leaves the codebook. Ctrl+Z undoes it.",
		coding.Count(p.frags[k], "fragment"), coding.Count(p.cmocs[k], "CMOC"), l.Name, into, l.Name)
	dialog.ShowConfirm("Merge labels", msg, func(ok bool) {
		if ok {
			p.mergeNow(l.Name, into)
		}
	}, p.pv.window())
}

// mergeNow merges the label drop into keep.
func (p *codebookPanel) mergeNow(drop, keep string) {
	if p.pv.do(coding.MergeLabels{Keep: keep, Drop: drop}) {
		p.selected = ""
		for _, l := range p.labels {
			if l.Name == keep {
				p.selected = l.ID
			}
		}
		p.reload()
		p.pv.ws.say("“%s” merged into “%s” (Ctrl+Z undoes).", drop, keep)
	}
}

// newLabel asks for a new label's name.
func (p *codebookPanel) newLabel() {
	name := widget.NewEntry()
	d := dialog.NewForm("New label", "Create", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		n := strings.TrimSpace(name.Text)
		if !ok || n == "" {
			return
		}
		l := coding.Label{ID: coding.NewID(), Name: n}
		if p.pv.do(coding.PutLabel{Label: l}) {
			p.selected = l.ID
			p.reload()
		}
	}, p.pv.window())
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
}
