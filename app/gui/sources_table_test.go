package gui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// threeSources opens the demo with two text sources added, appraised for
// relevance high (the demo), low ("Bravo") and not at all ("Alpha"), on
// the Sources tab.
func threeSources(t *testing.T) (*workspace, fyne.Window, *sourcesPanel) {
	t.Helper()
	ws, w := openWorkspace(t)
	docs, _ := ws.session.Documents()
	setRelevance := func(d coding.Document, j coding.Judgement) {
		src := d.Source()
		src.Relevance.Judgement = j
		if err := ws.session.Do(coding.EditSource{DocID: d.ID, Source: src}); err != nil {
			t.Fatal(err)
		}
	}
	setRelevance(docs[0], coding.High)
	for _, name := range []string{"Bravo", "Alpha"} {
		path := filepath.Join(t.TempDir(), name+".txt")
		if err := os.WriteFile(path, []byte(name+"\n\nSome words about "+name+".\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := ws.session.Import(context.Background(), nil, path, "")
		if err != nil {
			t.Fatal(err)
		}
		if name == "Bravo" {
			setRelevance(d, coding.Low)
		}
	}
	ws.pv.showTab("Sources")
	p := ws.pv.tabsView.sources
	p.reload()
	if len(p.docs) != 3 {
		t.Fatalf("%d sources listed", len(p.docs))
	}
	return ws, w, p
}

// row is what the Sources list shows in row i: name and judgements, and
// its tick.
func row(t *testing.T, p *sourcesPanel, i int) (string, *widget.Check) {
	t.Helper()
	o := p.list.CreateItem()
	p.list.UpdateItem(i, o)
	var parts []string
	var tick *widget.Check
	walk(o, func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Label:
			parts = append(parts, x.Text)
		case *widget.Check:
			tick = x
		}
	})
	return strings.Join(parts, "|"), tick
}

// TestSourcesSortByJudgement: the list shows each source's relevance,
// richness and rigour in columns; a click on Relevance sorts best first
// (not appraised last), a second click the other way.
func TestSourcesSortByJudgement(t *testing.T) {
	_, _, p := threeSources(t)
	if got, _ := row(t, p, 0); !strings.HasSuffix(got, "|high|–|moderate") {
		t.Errorf("first row %q, want its judgements in columns", got)
	}
	relevances := func() string {
		var out []string
		for i := range p.docs {
			r, _ := row(t, p, i)
			out = append(out, strings.Split(r, "|")[1])
		}
		return strings.Join(out, ",")
	}
	p.table.sortOn(colSource) // by name: Agyeman-Duah et al. (the demo), Alpha, Bravo
	if got := p.docs[1].Title + "," + p.docs[2].Title; got != "Alpha,Bravo" {
		t.Errorf("by source, then %q", got)
	}
	test.Tap(p.table.headers[colRelevance])
	if got := relevances(); got != "high,low,–" {
		t.Errorf("by relevance: %s", got)
	}
	if got := p.table.headers[colRelevance].Text; got != "Relevance ▲" {
		t.Errorf("header %q", got)
	}
	test.Tap(p.table.headers[colRelevance])
	if got := relevances(); got != "–,low,high" {
		t.Errorf("by relevance, the other way: %s", got)
	}
}

// TestSourcesBulkDecision: two ticked sources get the decision and reason
// chosen in the bar in one step, with who decided; one Ctrl+Z undoes both.
func TestSourcesBulkDecision(t *testing.T) {
	ws, _, p := threeSources(t)
	if !p.table.apply.Disabled() {
		t.Error("Decide is enabled with nothing ticked")
	}
	for _, i := range []int{1, 2} {
		_, tick := row(t, p, i)
		test.Tap(tick)
	}
	if p.table.count.Text != "2 ticked" || p.table.apply.Disabled() {
		t.Errorf("bar says %q, Decide disabled %v", p.table.count.Text, p.table.apply.Disabled())
	}
	ticked := []string{p.docs[1].ID, p.docs[2].ID}
	p.table.decision.SetSelected("exclude")
	p.table.reason.SetText("insufficient richness")
	test.Tap(p.table.apply)
	for _, id := range ticked {
		d, _ := ws.session.Document(id)
		if d.Decision != coding.Exclude || d.Reason != "insufficient richness" || d.DecidedBy != ws.session.Coder() {
			t.Errorf("%s: %+v", d.Title, d.Screening)
		}
	}
	if d, _ := ws.session.Document(p.docs[0].ID); d.Decision != coding.Undecided {
		t.Errorf("the unticked source was decided: %+v", d.Screening)
	}
	if r, tick := row(t, p, 1); !strings.Contains(r, "excluded") || tick.Checked {
		t.Errorf("row after the decision: %q, ticked %v", r, tick.Checked)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	for _, id := range ticked {
		if d, _ := ws.session.Document(id); d.Decision != coding.Undecided || d.Reason != "" {
			t.Errorf("after one undo %s: %+v", d.Title, d.Screening)
		}
	}
}

// TestSourcesReasonsList: the team edits its list of reasons (Edit…
// beside Reason); the form and the bulk bar offer it; undo brings back
// the common reasons.
func TestSourcesReasonsList(t *testing.T) {
	ws, w := openWorkspace(t)
	ws.pv.showTab("Sources")
	p := ws.pv.tabsView.sources
	if !reflect.DeepEqual(p.screening.reasons.Options, coding.DefaultReasons) {
		t.Errorf("reasons offered %q, want the common ones", p.screening.reasons.Options)
	}
	test.Tap(p.screening.editReasons)
	if text := dialogText(w); !strings.Contains(text, "Reasons for excluding a source") {
		t.Fatalf("Edit… shows %q", text)
	}
	var entry *widget.Entry
	walk(topDialog(t, w), func(c fyne.CanvasObject) {
		if e, ok := c.(*widget.Entry); ok && e.MultiLine {
			entry = e
		}
	})
	if entry == nil || !strings.Contains(entry.Text, "insufficient rigour") {
		t.Fatalf("no list to edit: %v", entry)
	}
	entry.SetText("wrong population\ninsufficient richness\n\n")
	test.Tap(button(t, topDialog(t, w), "Save"))
	want := []string{"wrong population", "insufficient richness"}
	if !reflect.DeepEqual(p.screening.reasons.Options, want) || !reflect.DeepEqual(p.table.reasons, want) {
		t.Errorf("after saving, form offers %q, bar %q", p.screening.reasons.Options, p.table.reasons)
	}
	if got, _ := ws.session.Reasons(); !reflect.DeepEqual(got, want) {
		t.Errorf("stored %q", got)
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	if !reflect.DeepEqual(p.screening.reasons.Options, coding.DefaultReasons) {
		t.Errorf("after undo %q", p.screening.reasons.Options)
	}
}

// TestSourcesColumnsLineUp: the judgement headers stand side by side in
// one row, and each row's judgements sit under their headers, whole
// ("moderate" not cut).
func TestSourcesColumnsLineUp(t *testing.T) {
	_, w, p := threeSources(t)
	w.Resize(fyne.NewSize(1260, 780))
	pos := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	var heads []fyne.Position
	for _, c := range judgementCols {
		heads = append(heads, pos(p.table.headers[c]))
	}
	for i := 1; i < len(heads); i++ {
		if heads[i].Y != heads[0].Y || heads[i].X <= heads[i-1].X {
			t.Errorf("headers at %v: not side by side", heads)
		}
	}
	var cells []*widget.Label
	walk(p.list, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && (l.Text == "high" || l.Text == "moderate") && pos(l).Y > heads[0].Y {
			cells = append(cells, l)
		}
	})
	if len(cells) < 2 {
		t.Fatalf("the list shows %d judgement cells", len(cells))
	}
	for _, l := range cells {
		col := 0 // relevance: high
		if l.Text == "moderate" {
			col = 2 // the demo's rigour
		}
		if x := pos(l).X; x < heads[col].X-1 || x > heads[col].X+1 {
			t.Errorf("%q at x %v, its header at %v", l.Text, x, heads[col].X)
		}
		if l.MinSize().Width > judgementColWidth {
			t.Errorf("%q needs %v, its column is %v wide", l.Text, l.MinSize().Width, judgementColWidth)
		}
	}
}
