package gui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// showConflict asks what to do with an edit refused because another
// program changed the same fields since the form showed them: keep mine
// (write the reviewer's values over theirs), take theirs (drop the
// reviewer's), or see both values first. Nothing is overwritten until
// the reviewer chooses; resolve gets the choice.
func showConflict(win fyne.Window, c *coding.EditConflict, resolve func(keepMine bool)) *dialog.CustomDialog {
	var both []string
	for _, f := range c.Fields {
		both = append(both, fmt.Sprintf("%s — yours: %s; theirs: %s", capitalise(strings.ReplaceAll(f.Field, "-", " ")), shown(f.Mine), shown(f.Stored)))
	}
	msg := widget.NewLabel(fmt.Sprintf("Another program changed the %s of %s while you were editing it.", fieldNames(c), c.Item))
	msg.Wrapping = fyne.TextWrapWord
	values := widget.NewLabel(strings.Join(both, "\n"))
	values.Wrapping = fyne.TextWrapWord
	values.Hide()
	d := dialog.NewCustomWithoutButtons("Changed by another program", container.NewVBox(msg, values), win)
	choose := func(keepMine bool) func() {
		return func() {
			d.Hide()
			resolve(keepMine)
		}
	}
	var see *widget.Button
	see = widget.NewButton("See both", func() {
		values.Show()
		see.Disable()
	})
	mine := widget.NewButton("Keep mine", choose(true))
	mine.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{see, widget.NewButton("Take theirs", choose(false)), mine})
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	return d
}

// askConflict asks what to do with a change refused because another
// program changed some of its fields meanwhile, then applies it as the
// reviewer chose: with their values, or with the other program's for
// those fields (the rest of the change goes in either way). forget (see
// doForm) may be nil.
func (v *projectView) askConflict(c coding.Change, conflict *coding.EditConflict, forget func()) {
	showConflict(v.window(), v.readable(conflict), func(keepMine bool) {
		r, whose := coding.TakeTheirs, "the other program's"
		if keepMine {
			r, whose = coding.KeepMine, "yours"
		}
		if forget != nil {
			forget() // what was typed is stored or dropped now
		}
		if v.doForm(coding.Resolve(c, r), forget) {
			v.ws.say("Saved with %s %s (Ctrl+Z undoes).", whose, fieldNames(conflict))
		}
	})
}

// readable is a conflict as the reviewer can read it: theories by their
// names rather than their IDs.
func (v *projectView) readable(c *coding.EditConflict) *coding.EditConflict {
	theories, _ := v.theoryNames()
	name := func(id string) string {
		for _, t := range theories {
			if t.ID == id {
				return t.Name
			}
		}
		return id
	}
	out := *c
	out.Fields = slices.Clone(c.Fields)
	for i := range out.Fields {
		if f := &out.Fields[i]; f.Field == "theory" || f.Field == "refined theory" {
			f.Old, f.Stored, f.Mine = name(f.Old), name(f.Stored), name(f.Mine)
		}
	}
	return &out
}

// fieldNames names the fields in conflict: "design and location".
func fieldNames(c *coding.EditConflict) string {
	var names []string
	for _, f := range c.Fields {
		names = append(names, strings.ReplaceAll(f.Field, "-", " "))
	}
	return strings.Join(names, " and ")
}

// shown quotes a value for the conflict dialog; an empty one is "(empty)".
func shown(v string) string {
	if v == "" {
		return "(empty)"
	}
	return "“" + coding.Clip(v, 200) + "”"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// refusedStep is the status line for an undo or redo (about) refused
// because another program changed what it would put back: the step is
// dropped and the project stays as that program left it.
func refusedStep(about string, err error) string {
	c, ok := coding.AsEditConflict(err)
	if !ok {
		return "Refused: " + about
	}
	var now []string
	for _, f := range c.Fields {
		now = append(now, fmt.Sprintf("the %s is now %s", strings.ReplaceAll(f.Field, "-", " "), shown(f.Stored)))
	}
	return fmt.Sprintf("Refused to %s: another program changed it since (%s); it stays as that program left it.", about, strings.Join(now, ", "))
}
