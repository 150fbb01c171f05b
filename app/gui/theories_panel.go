package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// theoriesPanel lists the programme theories in their order (up / down
// reorder them) and edits the one selected: name, description, initial
// or refined, the initial theory a refined one refines, and its
// "… so that … because …" statement.
type theoriesPanel struct {
	pv       *projectView
	theories []coding.Theory
	counts   map[string]int // CMOCs per theory
	list     *widget.List
	selected string // the theory edited

	heading     *widget.Label
	name        *widget.Entry
	kind        *widget.RadioGroup
	refines     *widget.Select
	description *widget.Entry
	statement   *widget.Entry
	save        *widget.Button
	remove      *widget.Button
	up, down    *widget.Button
	form        *fyne.Container
	content     fyne.CanvasObject
	filled      filledForm // what the form was filled with: what a save starts from
}

const (
	kindInitial = "Initial (IPT)"
	kindRefined = "Refined"
	refinesNone = "(none)"
)

func newTheoriesPanel(pv *projectView) *theoriesPanel {
	p := &theoriesPanel{pv: pv, counts: map[string]int{}}
	p.list = widget.NewList(
		func() int { return len(p.theories) },
		newCutLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(p.rowText(i))
		})
	followSelection(p.list, &p.theories, theoryID, &p.selected, p.show)
	p.heading = newHeading()
	p.heading.SetText("Programme theories")
	p.name = widget.NewEntry()
	p.kind = widget.NewRadioGroup([]string{kindInitial, kindRefined}, func(s string) {
		if s == kindRefined {
			p.refines.Enable()
		} else {
			p.refines.Disable()
		}
	})
	p.kind.Horizontal = true
	p.kind.Required = true
	p.refines = widget.NewSelect([]string{refinesNone}, nil)
	p.description = widget.NewMultiLineEntry()
	p.description.Wrapping = fyne.TextWrapWord
	p.description.SetMinRowsVisible(3)
	p.description.SetPlaceHolder("What part of the programme this theory explains")
	p.statement = widget.NewMultiLineEntry()
	p.statement.Wrapping = fyne.TextWrapWord
	p.statement.SetMinRowsVisible(3)
	p.statement.SetPlaceHolder("Effective leaders … so that … because …")
	p.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.saveEdits)
	p.save.Importance = widget.HighImportance
	p.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.deleteSelected)
	p.remove.Importance = widget.DangerImportance
	p.up = widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { p.move(-1) })
	p.down = widget.NewButtonWithIcon("Down", theme.MoveDownIcon(), func() { p.move(1) })
	add := widget.NewButtonWithIcon("New theory…", theme.ContentAddIcon(), p.newTheory)
	form := widget.NewForm(
		widget.NewFormItem("Name", p.name),
		widget.NewFormItem("Kind", p.kind),
		widget.NewFormItem("Refines", p.refines),
		widget.NewFormItem("Description", p.description),
		widget.NewFormItem("Statement", p.statement),
	)
	p.form = container.NewVBox(p.heading, form, container.NewHBox(p.save, p.remove, layout.NewSpacer(), p.up, p.down))
	left := container.NewBorder(container.NewVBox(widget.NewLabelWithStyle("Theories in order", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), add), nil, nil, nil, p.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(p.form)))
	split.Offset = 0.33
	p.content = split
	p.show()
	return p
}

// rowText is a theory's row: position, name, kind, CMOC count.
func (p *theoriesPanel) rowText(i int) string {
	t := p.theories[i]
	kind := "IPT"
	if t.Kind == coding.Refined {
		kind = "refined"
	}
	return fmt.Sprintf("%d. %s  (%s, %s)", i+1, t.Name, kind, coding.Count(p.counts[t.ID], "CMOC"))
}

// reload reads the theories again.
func (p *theoriesPanel) reload() {
	ts, err := p.pv.session.Theories()
	if err != nil {
		p.pv.readFailed("programme theories", err)
		return
	}
	cs, err := p.pv.session.CMOCs()
	if err != nil {
		p.pv.readFailed("CMOCs", err)
		return
	}
	p.theories = ts
	p.counts = map[string]int{}
	for _, c := range cs {
		p.counts[c.TheoryID]++
	}
	reselect(p.list, p.theories, theoryID, &p.selected)
	p.show()
}

func theoryID(t coding.Theory) string { return t.ID }

func (p *theoriesPanel) theory(id string) *coding.Theory { return byID(p.theories, theoryID, id) }

// show fills the form with the theory selected.
func (p *theoriesPanel) show() {
	t := p.theory(p.selected)
	if t == nil {
		p.heading.SetText("Select a theory, or make a new one")
		setEnabled(false, p.name, p.kind, p.refines, p.description, p.statement, p.save, p.remove, p.up, p.down)
		p.name.SetText("")
		p.description.SetText("")
		p.statement.SetText("")
		p.filled.clear()
		return
	}
	setEnabled(true, p.name, p.kind, p.description, p.statement, p.save, p.remove, p.up, p.down)
	p.heading.SetText(fmt.Sprintf("Programme theory: %s (%s)", t.Name, coding.Count(p.counts[t.ID], "CMOC")))
	options := []string{refinesNone}
	for _, o := range p.theories {
		if o.ID != t.ID && o.Kind == coding.Initial {
			options = append(options, o.Name)
		}
	}
	p.refines.SetOptions(options)
	stored := *t
	p.filled.fill(t.ID, p.formFields(), func(name string) string { return *theoryField(&stored, name) })
}

// formFields are the form's fields, named as coding names a theory's.
func (p *theoriesPanel) formFields() []formField {
	entry := func(name string, e *widget.Entry) formField {
		return formField{name, trimmed(func() string { return e.Text }), e.SetText}
	}
	kind := formField{"kind",
		func() string {
			if p.kind.Selected == kindRefined {
				return string(coding.Refined)
			}
			return string(coding.Initial)
		},
		func(k string) {
			if coding.TheoryKind(k) == coding.Refined {
				p.kind.SetSelected(kindRefined)
			} else {
				p.kind.SetSelected(kindInitial)
			}
		}}
	refines := formField{"refined theory",
		func() string {
			for _, o := range p.theories {
				if p.kind.Selected == kindRefined && o.Name == p.refines.Selected && o.ID != p.filled.id {
					return o.ID
				}
			}
			return ""
		},
		func(id string) {
			sel := refinesNone
			if o := p.theory(id); o != nil {
				sel = o.Name
			}
			p.refines.SetSelected(sel)
		}}
	return []formField{entry("name", p.name), entry("description", p.description), kind, refines, entry("statement", p.statement)}
}

// theoryField points at a theory's field by the name coding gives it.
func theoryField(t *coding.Theory, name string) *string {
	return map[string]*string{"name": &t.Name, "description": &t.Description, "kind": (*string)(&t.Kind),
		"refined theory": &t.Refines, "statement": &t.Statement}[name]
}

// saveEdits saves the form.
func (p *theoriesPanel) saveEdits() {
	t := p.theory(p.selected)
	if t == nil {
		return
	}
	// From what the form was filled with: only the fields changed are
	// written.
	from, n := formEdit(&p.filled, p.formFields(), *t, theoryField)
	if p.pv.doForm(coding.PutTheory{Theory: n, From: &from}, p.filled.clear) {
		p.pv.ws.say("Programme theory “%s” saved (Ctrl+Z undoes).", n.Name)
	}
}

// newTheory asks for a name and adds an initial theory at the end.
func (p *theoriesPanel) newTheory() {
	name := widget.NewEntry()
	name.SetPlaceHolder("e.g. Inspiring intent to work together")
	d := dialog.NewForm("New programme theory", "Create", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		n := strings.TrimSpace(name.Text)
		if ok && n != "" {
			p.create(n)
		}
	}, p.pv.window())
	d.Resize(fyne.NewSize(460, 160))
	d.Show()
	p.pv.window().Canvas().Focus(name)
}

// create adds an initial theory named name at the end and selects it.
func (p *theoriesPanel) create(name string) {
	t := coding.Theory{ID: coding.NewID(), Name: name, Kind: coding.Initial, Position: len(p.theories)}
	if p.pv.do(coding.PutTheory{Theory: t}) {
		p.selected = t.ID
		p.reload()
		p.pv.ws.say("Programme theory “%s” created (Ctrl+Z undoes).", name)
	}
}

// deleteSelected deletes the theory edited (refused while CMOCs are filed
// under it).
func (p *theoriesPanel) deleteSelected() {
	t := p.theory(p.selected)
	if t == nil {
		return
	}
	// coding.DeleteTheory refuses a theory that still holds CMOCs, and
	// says why in the dialog do shows.
	if p.pv.do(coding.DeleteTheory{ID: t.ID}) {
		p.pv.ws.say("Programme theory “%s” deleted (Ctrl+Z brings it back).", t.Name)
	}
}

// move moves the theory edited up (-1) or down (1): every theory gets its
// place as its position, in one undoable step.
func (p *theoriesPanel) move(dir int) {
	i := -1
	for j, t := range p.theories {
		if t.ID == p.selected {
			i = j
		}
	}
	j := i + dir
	if i < 0 || j < 0 || j >= len(p.theories) {
		return
	}
	order := append([]coding.Theory(nil), p.theories...)
	order[i], order[j] = order[j], order[i]
	var batch coding.Batch
	for k, t := range order {
		if t.Position != k {
			from := t
			t.Position = k
			batch = append(batch, coding.PutTheory{Theory: t, From: &from})
		}
	}
	if len(batch) > 0 && p.pv.do(batch) {
		p.pv.ws.say("Theories reordered (Ctrl+Z undoes).")
	}
}
