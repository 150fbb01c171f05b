package gui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// sourcesTable is the Sources list as a table: a row per source with a
// tick, its name and a column per judgement (relevance, richness,
// rigour); a click on a column's header sorts by it (again: the other
// way); and a bar that gives the ticked sources one decision in one
// undoable step.
type sourcesTable struct {
	p      *sourcesPanel
	sortBy string // "" (import order) or a column's name
	desc   bool
	ticked map[string]bool // document IDs

	headers  map[string]*widget.Button
	tickAll  *widget.Check
	decision *widget.Select
	reason   *widget.SelectEntry
	reasons  []string // what reason offers
	apply    *widget.Button
	count    *widget.Label
}

// The sortable columns, as their headers name them.
const (
	colSource    = "Source"
	colRelevance = "Relevance"
	colRichness  = "Richness"
	colRigour    = "Rigour"
)

var judgementCols = []string{colRelevance, colRichness, colRigour}

// judgementColWidth fits "moderate" and "Relevance ▼" in the theme's
// text size.
const judgementColWidth = 100

func newSourcesTable(p *sourcesPanel) *sourcesTable {
	t := &sourcesTable{p: p, ticked: map[string]bool{}, headers: map[string]*widget.Button{}}
	for _, c := range append([]string{colSource}, judgementCols...) {
		t.headers[c] = widget.NewButton(c, func() { t.sortOn(c) })
		t.headers[c].Importance = widget.LowImportance
		t.headers[c].Alignment = widget.ButtonAlignLeading
	}
	t.tickAll = widget.NewCheck("", func(on bool) {
		for _, d := range p.docs {
			t.ticked[d.ID] = on
		}
		t.refresh()
	})
	t.decision = widget.NewSelect(decisionNames, nil)
	t.decision.PlaceHolder = "Decision"
	t.reason = widget.NewSelectEntry(nil)
	t.reason.SetPlaceHolder("Reason (optional)")
	t.apply = widget.NewButton("Decide", t.decideTicked)
	t.count = widget.NewLabel("")
	t.updateBar()
	return t
}

// header is the row of column headers over the list.
func (t *sourcesTable) header() fyne.CanvasObject {
	var cols []fyne.CanvasObject
	for _, c := range judgementCols {
		cols = append(cols, t.headers[c])
	}
	return container.NewBorder(nil, nil, t.tickAll, judgementColumns(cols), t.headers[colSource])
}

// bar is the bulk decision under the list.
func (t *sourcesTable) bar() fyne.CanvasObject {
	return container.NewVBox(container.NewBorder(nil, nil, t.count, t.apply, t.decision), t.reason)
}

// newRow is a row's template: tick, name, judgements.
func (t *sourcesTable) newRow() fyne.CanvasObject {
	cols := make([]fyne.CanvasObject, len(judgementCols))
	for i := range cols {
		cols[i] = newCutLabel()
	}
	return container.NewBorder(nil, nil, widget.NewCheck("", nil), judgementColumns(cols), newCutLabel())
}

// judgementColumns sets objects side by side, each judgementColWidth
// wide, so that the header's columns and the rows' line up.
func judgementColumns(objects []fyne.CanvasObject) *fyne.Container {
	row := container.NewHBox()
	for _, o := range objects {
		row.Add(container.NewGridWrap(fyne.NewSize(judgementColWidth, o.MinSize().Height), o))
	}
	return row
}

// updateRow shows source d in a row made by newRow.
func (t *sourcesTable) updateRow(d coding.Document, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	var name *widget.Label
	var tick *widget.Check
	var cols []*widget.Label
	for _, c := range row.Objects {
		switch x := c.(type) {
		case *widget.Label:
			name = x
		case *widget.Check:
			tick = x
		case *fyne.Container: // judgementColumns
			for _, cell := range x.Objects {
				cols = append(cols, cell.(*fyne.Container).Objects[0].(*widget.Label))
			}
		}
	}
	name.SetText(fmt.Sprintf("%s — %s", d.ShortName(), d.Title) + decisionMark(d.Decision))
	tick.OnChanged = nil // setting it is not the reviewer ticking it
	tick.SetChecked(t.ticked[d.ID])
	id := d.ID
	tick.OnChanged = func(on bool) {
		t.ticked[id] = on
		t.updateBar()
	}
	for i, j := range judgementsOf(d) {
		cols[i].SetText(shortJudgement(j))
	}
}

// judgementsOf are a source's judgements in the order of judgementCols.
func judgementsOf(d coding.Document) []coding.Judgement {
	return []coding.Judgement{d.Relevance.Judgement, d.Richness.Judgement, d.Rigour.Judgement}
}

// shortJudgement is a judgement as its column shows it.
func shortJudgement(j coding.Judgement) string {
	if j == coding.NotAppraised {
		return "–"
	}
	return string(j)
}

// judgementRank orders judgements best first, not appraised last.
func judgementRank(j coding.Judgement) int {
	if i := slices.Index(coding.Judgements, j); i >= 0 {
		return i
	}
	return len(coding.Judgements)
}

// sortOn sorts the list by a column; on the column it is sorted by, the
// other way.
func (t *sourcesTable) sortOn(col string) {
	if t.sortBy == col {
		t.desc = !t.desc
	} else {
		t.sortBy, t.desc = col, false
	}
	for c, b := range t.headers {
		b.SetText(c)
	}
	arrow := " ▲"
	if t.desc {
		arrow = " ▼"
	}
	t.headers[col].SetText(col + arrow)
	t.p.reload()
}

// sorted sorts docs (a copy of what the panel read) by the column chosen;
// equals keep their import order.
func (t *sourcesTable) sorted(docs []coding.Document) []coding.Document {
	if t.sortBy == "" {
		return docs
	}
	key := func(d coding.Document) (int, string) {
		switch t.sortBy {
		case colRelevance:
			return judgementRank(d.Relevance.Judgement), ""
		case colRichness:
			return judgementRank(d.Richness.Judgement), ""
		case colRigour:
			return judgementRank(d.Rigour.Judgement), ""
		}
		return 0, strings.ToLower(d.ShortName())
	}
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(a, b coding.Document) int {
		ra, sa := key(a)
		rb, sb := key(b)
		c := ra - rb
		if c == 0 {
			c = strings.Compare(sa, sb)
		}
		if t.desc {
			c = -c
		}
		return c
	})
	return out
}

// refresh redraws the rows and the bar.
func (t *sourcesTable) refresh() {
	t.p.list.Refresh()
	t.updateBar()
}

// tickedDocs are the ticked sources among those the project holds, in
// the list's order.
func (t *sourcesTable) tickedDocs() []coding.Document {
	var out []coding.Document
	for _, d := range t.p.docs {
		if t.ticked[d.ID] {
			out = append(out, d)
		}
	}
	return out
}

// updateBar says how many sources are ticked and lets the decision be
// applied when there are some.
func (t *sourcesTable) updateBar() {
	n := len(t.tickedDocs())
	t.count.SetText(fmt.Sprintf("%d ticked", n))
	if n == 0 {
		t.apply.Disable()
	} else {
		t.apply.Enable()
	}
}

// setReasons offers the team's reasons in the bar.
func (t *sourcesTable) setReasons(reasons []string) {
	t.reasons = reasons
	t.reason.SetOptions(reasons)
}

// decideTicked gives every ticked source the decision (and reason, if
// one is given) chosen in the bar, as one undoable step, recording who
// decided and when; sources that already have it are left as they are.
func (t *sourcesTable) decideTicked() {
	if t.decision.Selected == "" {
		t.p.pv.ws.say("Choose a decision for the ticked sources first.")
		return
	}
	dec, err := coding.ParseDecision(t.decision.Selected)
	if err != nil {
		showError(t.p.pv.window(), err)
		return
	}
	t.p.save() // what was typed in the form first: its own step
	reason := strings.TrimSpace(t.reason.Text)
	var batch coding.Batch
	for _, d := range t.tickedDocs() {
		from := d.Source()
		mine := from
		mine.Decision = dec
		if reason != "" {
			mine.Reason = reason
		}
		if mine == from {
			continue
		}
		stampDecision(&d, &from, &mine, t.p.pv.session.Coder())
		batch = append(batch, coding.EditSource{DocID: d.ID, Source: mine, From: &from})
	}
	if len(batch) == 0 {
		t.p.pv.ws.say("The ticked sources already have that decision.")
		return
	}
	if t.p.pv.do(batch) {
		t.ticked = map[string]bool{}
		t.tickAll.SetChecked(false)
		t.updateBar()
		t.p.pv.ws.say("%s: %s (Ctrl+Z undoes).", coding.Count(len(batch), "source"), dec)
	}
}
