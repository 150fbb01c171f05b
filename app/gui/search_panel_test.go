package gui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// openSearch opens the demo project, presses Ctrl+Shift+F and types a
// query, and waits for its hits.
func openSearch(t *testing.T, query string) (*workspace, fyne.Window, *searchPanel) {
	t.Helper()
	ws, w := openWorkspace(t)
	shortcut(ws, &ctrlShiftF)
	p := ws.pv.tabsView.search
	if ws.pv.tabsView.tabs.Selected().Text != "Search" || w.Canvas().Focused() != p.query {
		t.Fatalf("Ctrl+Shift+F: tab %q, focus %T", ws.pv.tabsView.tabs.Selected().Text, w.Canvas().Focused())
	}
	test.Type(p.query, query)
	waitFor(t, "the hits of "+query, func() bool { return strings.Contains(p.info.Text, "hit") })
	return ws, w, p
}

var ctrlShiftF = desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: ctrlShift}

// hitRow is the row of the i-th hit.
func hitRow(t *testing.T, p *searchPanel, hit int) int {
	t.Helper()
	for i, r := range p.rows {
		if r.hit == hit {
			return i
		}
	}
	t.Fatalf("no row for hit %d", hit)
	return -1
}

func TestSearchTabListsHits(t *testing.T) {
	ws, _, p := openSearch(t, "Expectations")
	doc := ws.pv.docs[0]
	text, err := ws.session.Text(doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// An independent count: the word, also hyphenated over a line end.
	want := len(regexp.MustCompile(`(?i)\bexpec-?\n?tations\b`).FindAllString(text.String(), -1))
	if want < 2 || len(p.results) != want || p.info.Text != coding.Count(want, "hit")+" in 1 document" {
		t.Fatalf("%d results, info %q; the text holds %d", len(p.results), p.info.Text, want)
	}
	_, heading, _, _, _ := p.rowText(0)
	if heading != coding.Count(want, "hit")+" · "+doc.Title {
		t.Errorf("heading %q", heading)
	}
	page, before, match, after, _ := p.rowText(1)
	r := p.results[0]
	if page != "p. 1" || !strings.EqualFold(strings.ReplaceAll(match, "- ", ""), "expectations") ||
		!strings.Contains(before+match+after, match) || r.Page != text.PageAt(r.MatchStart) ||
		strings.ReplaceAll(text.Slice(r.MatchStart, r.MatchEnd), "-\n", "") != "expectations" {
		t.Errorf("first hit %q %q|%q|%q, %+v", page, before, match, after, r.Hit)
	}
	// The sentence of each hit is what coding it would code.
	s, e := text.SentenceAt(r.MatchStart)
	if r.Start != s || r.End != e {
		t.Errorf("hit span %d-%d, its sentence %d-%d", r.Start, r.End, s, e)
	}
	// A malformed query says where it is wrong.
	p.query.SetText(`"quality`)
	waitFor(t, "the error", func() bool { return strings.HasPrefix(p.info.Text, "query, character 1") })
	if len(p.rows) != 0 {
		t.Errorf("%d rows for a malformed query", len(p.rows))
	}
}

func TestSearchTabCodesAHit(t *testing.T) {
	ws, _, p := openSearch(t, "expectations")
	before := len(fragmentsOf(t, ws))
	r := p.results[1]
	p.list.Select(hitRow(t, p, 1))
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyO})
	frags := fragmentsOf(t, ws)
	if len(frags) != before+1 {
		t.Fatalf("%d fragments after O, want %d", len(frags), before+1)
	}
	f := findSpan(frags, r.Start, r.End)
	if f == nil || f.Role != coding.Outcome {
		t.Fatalf("no Outcome fragment over the sentence %d-%d", r.Start, r.End)
	}
	// The hit now says it lies in an Outcome fragment.
	waitFor(t, "the tag", func() bool {
		if len(p.rows) < 3 {
			return false
		}
		_, _, _, _, tags := p.rowText(hitRow(t, p, 1))
		return strings.Contains(tags, "O")
	})
	shortcut(ws, &fyne.ShortcutUndo{})
	if n := len(fragmentsOf(t, ws)); n != before {
		t.Errorf("%d fragments after undo, want %d", n, before)
	}
}

func TestSearchTabCodesAllHits(t *testing.T) {
	ws, w, p := openSearch(t, "expectations")
	before := len(fragmentsOf(t, ws))
	n := len(p.results)
	test.Tap(p.codeAll)
	d := topDialog(t, w)
	if !strings.Contains(dialogText(w), "Code "+coding.Count(n, "hit")) {
		t.Errorf("the confirmation says %q", dialogText(w))
	}
	var label *widget.Entry
	var role *widget.Select
	walk(d, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Entry:
			label = x
		case *widget.Select:
			role = x
		}
	})
	test.Type(label, "Expectations")
	role.SetSelected(coding.Context.Title())
	test.Tap(button(t, d, "Code "+coding.Count(n, "hit")))
	frags := fragmentsOf(t, ws)
	if len(frags) != before+n {
		t.Fatalf("%d fragments, want %d", len(frags), before+n)
	}
	for _, r := range p.results {
		f := findSpan(frags, r.Start, r.End)
		if f == nil || f.Role != coding.Context || len(f.Labels) != 1 || f.Labels[0] != "Expectations" {
			t.Errorf("hit %d-%d: fragment %+v", r.Start, r.End, f)
		}
	}
	shortcut(ws, &fyne.ShortcutUndo{}) // one step
	if got := len(fragmentsOf(t, ws)); got != before {
		t.Errorf("%d fragments after one undo, want %d", got, before)
	}
}

func TestSearchTabOpensHit(t *testing.T) {
	ws, _, p := openSearch(t, "expectations")
	r := p.results[len(p.results)-1]
	row := hitRow(t, p, len(p.results)-1)
	p.list.ScrollTo(row)
	var pageButton *widget.Button
	walk(p.list, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "p. "+strconv.Itoa(r.Page) {
			pageButton = b
		}
	})
	if pageButton == nil {
		t.Fatal("no page button")
	}
	test.Tap(pageButton)
	if ws.pv.tabsView.tabs.Selected().Text != "Documents" {
		t.Errorf("tab %q", ws.pv.tabsView.tabs.Selected().Text)
	}
	if s, e := ws.view.Selection(); s != r.MatchStart || e != r.MatchEnd {
		t.Errorf("selection %d-%d, the match %d-%d", s, e, r.MatchStart, r.MatchEnd)
	}
}

func fragmentsOf(t *testing.T, ws *workspace) []coding.Fragment {
	t.Helper()
	frags, err := ws.session.Fragments("")
	if err != nil {
		t.Fatal(err)
	}
	return frags
}

func findSpan(frags []coding.Fragment, start, end int) *coding.Fragment {
	for i, f := range frags {
		if f.Start == start && f.End == end {
			return &frags[i]
		}
	}
	return nil
}

// "Not yet coded" leaves out the hits inside fragments; the unit chosen
// is remembered for the next project opened.
func TestSearchTabScopeAndUnit(t *testing.T) {
	ws, _, p := openSearch(t, "expectations")
	all := len(p.results)
	p.list.Select(hitRow(t, p, 0))
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyC})
	p.scope.SetSelected("Not yet coded")
	waitFor(t, "the uncoded hits", func() bool { return len(p.results) == all-1 })
	p.scope.SetSelected("Inside Context")
	waitFor(t, "the hits inside Context", func() bool { return len(p.results) == 1 })
	if p.selected != 0 {
		t.Errorf("the coded hit is no longer selected: %d", p.selected)
	}
	// Typing on in the query keeps the focus there, the hit selected.
	w := ws.win
	w.Canvas().Focus(p.query)
	p.info.SetText("")
	test.Type(p.query, " ")
	waitFor(t, "the query typed on", func() bool { return p.info.Text != "" })
	if w.Canvas().Focused() != p.query || p.selected != 0 {
		t.Errorf("focus %T, selected %d", w.Canvas().Focused(), p.selected)
	}
	p.unit.SetSelected("Matched words")
	waitFor(t, "the matched words", func() bool {
		return len(p.results) == 1 && p.results[0].Start == p.results[0].MatchStart && p.results[0].End == p.results[0].MatchEnd
	})
	if got := prefs().String(searchUnitKey); got != string(coding.UnitMatch) {
		t.Errorf("remembered unit %q", got)
	}
}

// Code ▸ Find passages like this fragment lists the sentences of the
// other documents most like it in the Search tab, codable as hits.
func TestSearchTabFindsPassagesLikeAFragment(t *testing.T) {
	ws, _ := openWorkspace(t)
	if ws.doc.ID == "" {
		ws.pv.openDocument(ws.pv.docs[0].ID)
	}
	if len(ws.frags) == 0 {
		t.Fatal("the demo document shows no fragments")
	}
	f := ws.frags[0]
	quote := strings.Join(strings.Fields(f.Text), " ")
	doc := importText(t, ws, "notes.txt", "Unrelated words first. "+quote+"\nAnd then nothing alike at all.\n")
	ws.selectFragment(f.ID, false)
	ws.findLike()
	p := ws.pv.tabsView.search
	waitFor(t, "the passages like the fragment", func() bool { return strings.Contains(p.info.Text, "like “") })
	if len(p.results) == 0 || p.results[0].DocID != doc.ID || strings.Join(strings.Fields(p.results[0].Text), " ") != quote {
		t.Fatalf("info %q, results %+v", p.info.Text, p.results)
	}
	p.list.Select(hitRow(t, p, 0))
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyM})
	frags, err := ws.session.Fragments(doc.ID)
	if err != nil || len(frags) != 1 || frags[0].Role != coding.Reasoning || strings.Join(strings.Fields(frags[0].Text), " ") != quote {
		t.Errorf("coded %+v, %v", frags, err)
	}
}
