package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// cmocForm asks for a CMOC's statement, narrative, programme theory
// (an existing one, or a new name) and labels.
type cmocForm struct {
	statement *widget.Entry
	narrative *widget.Entry
	theory    *widget.SelectEntry
	labels    *widget.Entry
	dialog    *dialog.FormDialog
}

// theoryNames lists the programme theories' names in their order.
func (v *projectView) theoryNames() ([]coding.Theory, []string) {
	ts, err := v.session.Theories()
	if err != nil {
		v.readFailed("programme theories", err)
	}
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return ts, names
}

// showCMOCForm shows the form for c (new when c.ID is empty) with a
// summary of its evidence; save gets the CMOC as filled in and the theory
// name typed.
func (v *projectView) showCMOCForm(title, confirm string, c coding.CMOC, evidence string, save func(c coding.CMOC, theory string)) *cmocForm {
	f := &cmocForm{}
	f.statement = widget.NewEntry()
	f.statement.SetPlaceHolder("One line: in this context, this resource makes people … so that …")
	f.statement.SetText(c.Statement)
	f.statement.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("a CMOC needs a statement")
		}
		return nil
	}
	f.narrative = widget.NewMultiLineEntry()
	f.narrative.SetPlaceHolder("The narrative paragraph that explains the configuration")
	f.narrative.Wrapping = fyne.TextWrapWord
	f.narrative.SetMinRowsVisible(4)
	f.narrative.SetText(c.Narrative)
	theories, names := v.theoryNames()
	f.theory = widget.NewSelectEntry(names)
	f.theory.SetPlaceHolder("Choose a programme theory or type a new one")
	for _, t := range theories {
		if t.ID == c.TheoryID {
			f.theory.SetText(t.Name)
		}
	}
	f.labels = widget.NewEntry()
	f.labels.SetPlaceHolder("Mechanism labels, comma-separated")
	f.labels.SetText(strings.Join(c.Labels, ", "))
	ev := widget.NewLabel(evidence)
	ev.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Evidence", ev),
		widget.NewFormItem("Statement", f.statement),
		widget.NewFormItem("Narrative", f.narrative),
		widget.NewFormItem("Programme theory", f.theory),
		widget.NewFormItem("Labels", f.labels),
	}
	f.dialog = dialog.NewForm(title, confirm, "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		d := c
		d.Statement = strings.TrimSpace(f.statement.Text)
		d.Narrative = strings.TrimSpace(f.narrative.Text)
		d.Labels = splitLabels(f.labels.Text)
		save(d, strings.TrimSpace(f.theory.Text))
	}, v.window())
	f.dialog.Resize(fyne.NewSize(640, 520))
	f.dialog.Show()
	v.window().Canvas().Focus(f.statement)
	v.tabsView.form = f
	return f
}

// splitLabels splits a comma-separated list of label names.
func splitLabels(s string) []string {
	var out []string
	for _, l := range strings.Split(s, ",") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// evidenceSummary lists fragments for a form: role, page, text.
func (v *projectView) evidenceSummary(frags []coding.Fragment) string {
	names := v.docNames()
	var lines []string
	for _, f := range frags {
		lines = append(lines, fmt.Sprintf("%s · %s, p.%d · “%s”", fragmentTag(f), names[f.DocID], f.Page, coding.Clip(f.Text, 70)))
	}
	parts := coding.Parts(frags)
	var gaps []string
	for _, p := range parts {
		if len(p.Fragments) == 0 {
			gaps = append(gaps, p.Role.Title())
		}
	}
	if len(gaps) > 0 {
		lines = append(lines, "No fragment yet for: "+strings.Join(gaps, ", ")+" (shown as a gap)")
	}
	return strings.Join(lines, "\n")
}

// docNames are the documents' short names by ID.
func (v *projectView) docNames() map[string]string {
	docs, err := v.session.Documents()
	if err != nil {
		v.readFailed("documents", err)
	}
	out := map[string]string{}
	for _, d := range docs {
		out[d.ID] = coding.Clip(d.ShortName(), 40)
	}
	return out
}

// theoryChange files c under the theory named name: an existing one, none
// (""), or a new initial theory made in the same undoable step.
func (v *projectView) theoryChange(c coding.CMOC, name string, edit func(coding.CMOC) coding.Change) coding.Change {
	c.TheoryID = ""
	if name == "" {
		return edit(c)
	}
	theories, _ := v.theoryNames()
	for _, t := range theories {
		if coding.SameName(t.Name, name) {
			c.TheoryID = t.ID
			return edit(c)
		}
	}
	t := coding.Theory{ID: coding.NewID(), Name: name, Kind: coding.Initial, Position: len(theories)}
	c.TheoryID = t.ID
	return coding.Batch{coding.PutTheory{Theory: t}, edit(c)}
}

// newCMOC opens the form for a CMOC built from the ticked fragments.
func (ws *workspace) newCMOC() {
	pv := ws.pv
	if pv == nil {
		return
	}
	frags := ws.fragments.ticked
	if len(frags) == 0 {
		ws.say("Tick fragments in the list first (any documents), then New CMOC.")
		return
	}
	ids := ws.fragments.tickedIDs()
	pv.showCMOCForm("New CMOC", "Create", coding.CMOC{}, pv.evidenceSummary(frags), func(c coding.CMOC, theory string) {
		c.ID = coding.NewID()
		c.Fragments = ids
		var ch coding.Change
		if theory == "" {
			ch = coding.AddCMOC{CMOC: c}
		} else {
			ch = pv.theoryChange(c, theory, func(c coding.CMOC) coding.Change { return coding.AddCMOC{CMOC: c} })
		}
		if !pv.do(ch) {
			return
		}
		ws.fragments.setTicked(nil)
		ws.say("CMOC “%s” created from %s (Ctrl+Z undoes); see the CMOCs tab.", coding.Clip(c.Statement, 60), coding.Count(len(ids), "fragment"))
	})
}

// addTickedToCMOC asks which CMOC the ticked fragments join.
func (ws *workspace) addTickedToCMOC() {
	pv := ws.pv
	if pv == nil || len(ws.fragments.ticked) == 0 {
		return
	}
	cmocs, err := ws.session.CMOCs()
	if err != nil {
		ws.fail(err)
		return
	}
	if len(cmocs) == 0 {
		ws.say("There is no CMOC yet: New CMOC makes one from the ticked fragments.")
		return
	}
	options := make([]string, len(cmocs))
	for i, c := range cmocs {
		options[i] = fmt.Sprintf("%d. %s", i+1, coding.Clip(c.Statement, 70))
	}
	pick := widget.NewSelect(options, nil)
	pick.SetSelectedIndex(len(options) - 1)
	d := dialog.NewForm("Add the ticked fragments to a CMOC", "Add", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("CMOC", pick)}, func(ok bool) {
			if ok && pick.SelectedIndex() >= 0 {
				pv.addTicked(cmocs[pick.SelectedIndex()])
			}
		}, pv.window())
	d.Resize(fyne.NewSize(560, 180))
	d.Show()
}

// addTicked adds the ticked fragments to a CMOC (those it has already are
// skipped).
func (v *projectView) addTicked(c coding.CMOC) {
	d, added := c.WithFragments(v.ws.fragments.tickedIDs()...)
	if added == 0 {
		v.ws.say("The CMOC already has every ticked fragment.")
		return
	}
	if !v.do(coding.EditCMOC{CMOC: d, From: &c}) {
		return
	}
	v.ws.fragments.setTicked(nil)
	v.ws.say("%s added to “%s” (Ctrl+Z undoes).", coding.Count(added, "fragment"), coding.Clip(c.Statement, 60))
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// boxed puts content in a bordered box with padding.
func boxed(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewPadded(content)
}
