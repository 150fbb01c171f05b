package gui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// The Search tab: a query over every document, its hits listed by
// document as the reviewer types, each codable from the list.

// searchUnitKey remembers what coding from a hit codes (coding.Unit).
const searchUnitKey = "searchUnit"

// searchDelay is how long typing must pause before the query runs.
const searchDelay = 250 * time.Millisecond

// searchRow is one row of the results: a document's heading (hit < 0) or
// one hit.
type searchRow struct {
	doc   coding.Document
	count int // hits in doc, on its heading
	hit   int // index into results; -1 on a heading
}

type searchPanel struct {
	v       *projectView
	content fyne.CanvasObject
	query   *widget.Entry
	unit    *widget.Select
	scope   *widget.Select
	info    *widget.Label
	list    *hitList
	codeAll *widget.Button

	label *widget.Select // "with any label" or a label of the codebook
	// included narrows the search to the sources the reviewers included.
	included *widget.Check

	results  []session.SearchResult
	rows     []searchRow
	selected int // index into results; -1 when none
	// restoring is set while show selects the row of the hit selected
	// before, which must not move the focus.
	restoring bool
	// selectedKey is the hit the reviewer selected last (hitKey), kept
	// while a scope hides it.
	selectedKey string

	// like is the fragment whose like the list shows instead of a query's
	// hits (Code ▸ Find passages like this fragment); zero when none.
	like coding.Fragment
	// likeCMOC is the CMOC whose like the list shows (the CMOCs tab's
	// Find passages like it); zero when none.
	likeCMOC coding.CMOC

	mu    sync.Mutex
	timer *time.Timer
	gen   int // the query last started; older answers are dropped
}

// Scopes of the scope box, by their text.
var searchScopes = []struct {
	name  string
	scope coding.Scope
}{
	{"Everywhere", coding.Scope{}},
	{"Not yet coded", coding.Scope{Uncoded: true}},
	{"Inside Context", coding.Scope{Role: coding.Context}},
	{"Inside M resource", coding.Scope{Role: coding.Resource}},
	{"Inside M reasoning", coding.Scope{Role: coding.Reasoning}},
	{"Inside Outcome", coding.Scope{Role: coding.Outcome}},
	{"Inside Unclassified", coding.Scope{Role: coding.Unclassified}},
}

var searchUnits = map[string]coding.Unit{"Matched words": coding.UnitMatch, "Sentence": coding.UnitSentence, "Paragraph": coding.UnitParagraph}

func newSearchPanel(v *projectView) *searchPanel {
	p := &searchPanel{v: v, selected: -1}
	p.query = widget.NewEntry()
	p.query.SetPlaceHolder("Search every document (Ctrl+Shift+F)")
	p.query.OnChanged = func(text string) {
		if text != "" {
			// a query typed replaces the passages like a fragment or a CMOC
			p.like, p.likeCMOC = coding.Fragment{}, coding.CMOC{}
		}
		p.schedule()
	}
	p.query.OnSubmitted = func(string) { p.run() }
	help := widget.NewLabel(coding.QueryHelp)
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	p.unit = widget.NewSelect([]string{"Matched words", "Sentence", "Paragraph"}, func(string) {
		prefs().SetString(searchUnitKey, string(p.codingUnit()))
		p.run()
	})
	p.unit.SetSelected(unitName(coding.Unit(prefs().StringWithFallback(searchUnitKey, string(coding.UnitSentence)))))
	var scopes []string
	for _, s := range searchScopes {
		scopes = append(scopes, s.name)
	}
	p.scope = widget.NewSelect(scopes, func(string) { p.run() })
	p.scope.SetSelected(scopes[0])
	p.label = widget.NewSelect([]string{anyLabel}, func(string) { p.run() })
	p.label.SetSelected(anyLabel)
	p.included = widget.NewCheck("Included sources only", func(bool) { p.run() })
	p.info = widget.NewLabel("")
	p.codeAll = widget.NewButton("Code all hits…", p.confirmCodeAll)
	p.codeAll.Disable()
	p.list = newHitList(p)
	// The counts or the query's error on a line of their own, cut rather
	// than widening the window.
	p.info.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewHBox(widget.NewLabel("Code the"), p.unit, widget.NewLabel("Only"), p.scope, p.label, p.included, p.codeAll)
	top := container.NewVBox(p.query, help, bar, p.info)
	p.content = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

func unitName(u coding.Unit) string {
	for name, x := range searchUnits {
		if x == u {
			return name
		}
	}
	return "Sentence"
}

// codingUnit is what coding from a hit codes, as chosen.
func (p *searchPanel) codingUnit() coding.Unit {
	if u, ok := searchUnits[p.unit.Selected]; ok {
		return u
	}
	return coding.UnitSentence
}

// anyLabel is the label box's choice of no label in particular.
const anyLabel = "with any label"

func (p *searchPanel) chosenScope() coding.Scope {
	var sc coding.Scope
	for _, s := range searchScopes {
		if s.name == p.scope.Selected {
			sc = s.scope
		}
	}
	if l := p.label.Selected; l != anyLabel && l != "" && !sc.Uncoded {
		sc.Label = l // inside a fragment with that label
	}
	sc.Included = p.included.Checked
	return sc
}

// reload implements tabView: the project changed, so the hits' fragments
// may have, and the codebook the label box offers.
func (p *searchPanel) reload() {
	p.loadLabels()
	p.run()
}

// loadLabels offers the codebook's labels in the label box, keeping the
// one chosen while it is still there.
func (p *searchPanel) loadLabels() {
	labels, err := p.v.session.Labels()
	if err != nil {
		p.v.readFailed("labels", err)
		return
	}
	options := []string{anyLabel}
	for _, l := range labels {
		options = append(options, l.Name)
	}
	chosen := p.label.Selected
	p.label.SetOptions(options)
	if !slices.Contains(options, chosen) {
		chosen = anyLabel
	}
	if chosen != p.label.Selected {
		p.label.SetSelected(chosen)
	}
}

// schedule runs the query once typing pauses.
func (p *searchPanel) schedule() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(searchDelay, func() { runOnUI(p.run) })
}

// run searches off the UI goroutine and shows the answer when it is still
// the newest query's.
func (p *searchPanel) run() {
	if p.query == nil || p.unit == nil || p.scope == nil || p.label == nil || p.included == nil || p.info == nil {
		return // still being built
	}
	query, scope, unit := strings.TrimSpace(p.query.Text), p.chosenScope(), p.codingUnit()
	p.mu.Lock()
	p.gen++
	gen := p.gen
	p.mu.Unlock()
	s := p.v.session
	if like := p.like; like.ID != "" {
		p.listLike(gen, func() ([]session.SimilarResult, error) { return s.Similar(like.ID, similarLimit) },
			fmt.Sprintf("like “%s” in the other documents", coding.Clip(like.Text, 60)))
		return
	}
	if like := p.likeCMOC; like.ID != "" {
		p.listLike(gen, func() ([]session.SimilarResult, error) { return s.SimilarToCMOC(like.ID, similarLimit) },
			fmt.Sprintf("like the evidence of “%s” in the documents it does not cite", coding.Clip(like.Statement, 60)))
		return
	}
	if query == "" {
		p.show(nil, nil)
		return
	}
	// Within documents the index counts every match without reading a
	// page; a scope of fragments needs each match's place, so there the
	// counts wait for the list.
	var count func() ([]coding.DocCount, error)
	if !scope.Inside() && !scope.Uncoded {
		count = func() ([]coding.DocCount, error) { return s.SearchCounts(query, scope) }
	}
	p.firstThenAll(gen, func(n int) ([]session.SearchResult, bool, error) { return s.SearchFirst(query, scope, unit, n) }, count)
}

// searchFirstPage is how many hits are shown before all are counted: a
// screen and more, found in milliseconds however common the word.
const searchFirstPage = 50

// firstThenAll shows the first searchFirstPage hits find finds (find(n):
// the first n, 0 for all, and whether there may be more) as soon as they
// are found, then, when there may be more, the counts of all the matches
// (count, when not nil) and then all of them, unless a newer run (gen)
// has started. Until all are listed the counts say that the search goes
// on and Code all hits waits.
func (p *searchPanel) firstThenAll(gen int, find func(n int) ([]session.SearchResult, bool, error), count func() ([]coding.DocCount, error)) {
	go func() {
		first, more, err := find(searchFirstPage)
		more = more && err == nil
		p.answer(gen, first, err, func() {
			if more {
				p.info.SetText(fmt.Sprintf("searching every document… (the first %d shown)", len(first)))
				p.codeAll.Disable()
			}
		})
		if !more || !p.isCurrent(gen) {
			return
		}
		// A count that fails is not shown: listing all, next, says why.
		if counts, err := p.counts(count); err == nil && counts != nil {
			runOnUI(func() {
				if p.isCurrent(gen) {
					p.showCounts(counts, len(first))
				}
			})
		}
		all, _, err := find(0)
		p.answer(gen, all, err, nil)
	}()
}

// counts runs count, if there is one.
func (p *searchPanel) counts(count func() ([]coding.DocCount, error)) ([]coding.DocCount, error) {
	if count == nil {
		return nil, nil
	}
	return count()
}

// showCounts says how many matches there are in all while they are being
// listed (shown of them so far), and, when a hit is the matched words,
// gives each document's heading its count of them all; a sentence or a
// paragraph may hold several matches, so then headings count what is
// listed.
func (p *searchPanel) showCounts(counts []coding.DocCount, shown int) {
	p.info.SetText(fmt.Sprintf("%s in %s: listing them… (the first %d shown)",
		coding.Count(coding.TotalCount(counts), "match"), coding.Count(len(counts), "document"), shown))
	if p.codingUnit() != coding.UnitMatch {
		return
	}
	byDoc := map[string]int{}
	for _, c := range counts {
		byDoc[c.DocID] = c.Count
	}
	for i, r := range p.rows {
		if r.hit < 0 {
			p.rows[i].count = byDoc[r.doc.ID]
		}
	}
	p.list.Refresh()
}

// isCurrent tells whether gen is the newest run.
func (p *searchPanel) isCurrent(gen int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return gen == p.gen
}

// answer shows results on the UI goroutine (then calls after, if not
// nil, when there was no error) if run gen is still the newest.
func (p *searchPanel) answer(gen int, results []session.SearchResult, err error, after func()) {
	runOnUI(func() {
		if !p.isCurrent(gen) {
			return
		}
		p.show(results, err)
		if err == nil && after != nil {
			after()
		}
	})
}

// listLike lists the sentences find finds (Similar, SimilarToCMOC) in
// the background, saying how many are like what (about).
func (p *searchPanel) listLike(gen int, find func() ([]session.SimilarResult, error), about string) {
	p.background(gen, func() ([]session.SearchResult, error) { return similarResults(find()) },
		func(results []session.SearchResult) {
			p.info.SetText(fmt.Sprintf("%s %s, most alike first", coding.Count(len(results), "sentence"), about))
		})
}

// background runs find on a goroutine of its own and shows its answer
// (then calls after, when it found something) if no newer run (gen) has
// started meanwhile.
func (p *searchPanel) background(gen int, find func() ([]session.SearchResult, error), after func([]session.SearchResult)) {
	go func() {
		results, err := find()
		p.answer(gen, results, err, func() {
			if after != nil {
				after(results)
			}
		})
	}()
}

// show lists results (or says what is wrong with the query).
func (p *searchPanel) show(results []session.SearchResult, err error) {
	keep := p.selectedKey
	p.results, p.rows, p.selected = nil, nil, -1
	switch {
	case err != nil:
		p.info.SetText(session.OneLine(err))
	case p.query.Text == "" && p.like.ID == "" && p.likeCMOC.ID == "":
		p.info.SetText("")
	case len(results) == 0:
		p.info.SetText("no hits")
	default:
		p.results = results
		docs, heading := 0, 0
		for i, r := range results {
			if i == 0 || r.DocID != results[i-1].DocID {
				docs++
				heading = len(p.rows)
				p.rows = append(p.rows, searchRow{doc: r.Doc, hit: -1})
			}
			p.rows[heading].count++
			p.rows = append(p.rows, searchRow{doc: r.Doc, hit: i})
			if hitKey(r) == keep {
				p.selected = i
			}
		}
		p.info.SetText(fmt.Sprintf("%s in %s", coding.Count(len(results), "hit"), coding.Count(docs, "document")))
	}
	if len(p.results) > 0 {
		p.codeAll.Enable()
	} else {
		p.codeAll.Disable()
	}
	p.list.Refresh()
	// The list's selected row follows the hit (rows move when a scope
	// drops hits), without taking the focus from the query being typed.
	p.restoring = true
	defer func() { p.restoring = false }()
	for i, r := range p.rows {
		if r.hit >= 0 && r.hit == p.selected {
			p.list.Select(i)
			return
		}
	}
	p.list.UnselectAll()
}

func hitKey(r session.SearchResult) string { return fmt.Sprintf("%s:%d", r.DocID, r.MatchStart) }

// rowText is a row as the list shows it: a heading's count and title; a
// hit's page, context (the match apart) and the tags of the fragments it
// lies in.
func (p *searchPanel) rowText(i int) (page, before, match, after, tags string) {
	row := p.rows[i]
	if row.hit < 0 {
		// The count first: a long title is cut at the end.
		return "", coding.Count(row.count, "hit") + " · " + row.doc.Title, "", "", ""
	}
	r := p.results[row.hit]
	var ts []string
	for _, f := range r.Fragments {
		ts = append(ts, fragmentTag(f))
	}
	if len(ts) > 0 {
		tags = "in " + strings.Join(ts, ", ")
	}
	return fmt.Sprintf("p. %d", r.Page), r.Before, r.Match, r.After, tags
}

// open shows a hit in its document: the Documents tab, its page, the match
// selected so that a drag can adjust it.
func (p *searchPanel) open(i int) {
	r := p.results[i]
	v := p.v
	v.showTab("Documents")
	if r.DocID != v.ws.doc.ID {
		if v.docsList.filter != nil {
			v.docsList.filter.SetText("") // the filter may hide it
		}
		v.openDocument(r.DocID)
	}
	v.ws.view.SetSelection(r.MatchStart, r.MatchEnd)
	v.ws.view.ShowOffset(r.MatchStart)
	if v.ws.win != nil {
		v.ws.view.Focus()
	}
}

// code codes the selected hit's unit with a role, as one undoable step.
func (p *searchPanel) code(role coding.Role) {
	if p.selected < 0 {
		p.v.ws.say("Select a hit first, then press C, R, M, O or U.")
		return
	}
	r := p.results[p.selected]
	f := coding.Fragment{ID: coding.NewID(), DocID: r.DocID, Start: r.Start, End: r.End, Role: role}
	if p.v.do(coding.AddFragment{Fragment: f}) {
		p.v.ws.say("Coded %s on p.%d: “%s” (Ctrl+Z undoes)", role.Title(), r.Page, coding.Clip(r.Text, 80))
	}
}

// confirmCodeAll asks for a label (and a role) and how many hits, then
// codes them all as one undoable step.
func (p *searchPanel) confirmCodeAll() {
	n := len(p.results)
	if n == 0 {
		return
	}
	label := widget.NewEntry()
	label.SetPlaceHolder("label, e.g. Trust")
	roles := []string{"No role (unclassified)"}
	for _, r := range coding.Categories[:4] {
		roles = append(roles, r.Title())
	}
	role := widget.NewSelect(roles, nil)
	role.SetSelected(roles[0])
	what := fmt.Sprintf("Code %s (%s each) with this label:", coding.Count(n, "hit"), strings.ToLower(p.unit.Selected))
	form := container.NewVBox(widget.NewLabel(what), label, role)
	d := dialog.NewCustomConfirm("Code all hits", "Code "+coding.Count(n, "hit"), "Cancel", form, func(ok bool) {
		if ok {
			p.codeAllAs(strings.TrimSpace(label.Text), roleByTitle(role.Selected))
		}
	}, p.v.window())
	d.Show()
	p.v.window().Canvas().Focus(label)
}

func roleByTitle(title string) coding.Role {
	for _, r := range coding.Categories {
		if r.Title() == title {
			return r
		}
	}
	return coding.Unclassified
}

// codeAllAs codes every hit shown with a label and a role, one step.
func (p *searchPanel) codeAllAs(label string, role coding.Role) {
	if label == "" {
		p.info.SetText("Give a label to code the hits with.")
		return
	}
	batch := make(coding.Batch, len(p.results))
	for i, r := range p.results {
		batch[i] = coding.AddFragment{Fragment: coding.Fragment{ID: coding.NewID(), DocID: r.DocID,
			Start: r.Start, End: r.End, Role: role, Labels: []string{label}}}
	}
	if p.v.do(batch) {
		p.v.ws.say("Coded %s as %s, labelled %s (Ctrl+Z undoes)", coding.Count(len(batch), "hit"), role.Title(), label)
	}
}

// focus shows the tab with the cursor in the query.
func (p *searchPanel) focus() {
	p.v.showTab("Search")
	if w := p.v.window(); w != nil {
		w.Canvas().Focus(p.query)
	}
}

// hitList is the list of results: a click selects a hit (the page button
// opens it), C R M O U code it, Enter opens it.
type hitList struct {
	widget.List
	p *searchPanel
}

func newHitList(p *searchPanel) *hitList {
	l := &hitList{p: p}
	l.Length = func() int { return len(p.rows) }
	l.CreateItem = func() fyne.CanvasObject {
		page := widget.NewButton("p. 00", nil)
		page.Importance = widget.LowImportance
		text := widget.NewRichText()
		text.Truncation = fyne.TextTruncateEllipsis // a long context is cut, not drawn over the tags
		tags := widget.NewLabel("")
		return container.NewBorder(nil, nil, page, tags, text)
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		text, page, tags := c.Objects[0].(*widget.RichText), c.Objects[1].(*widget.Button), c.Objects[2].(*widget.Label)
		pg, before, match, after, tg := p.rowText(i)
		if p.rows[i].hit < 0 {
			page.Hide()
			text.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: before, Style: widget.RichTextStyleStrong}}
		} else {
			hit := p.rows[i].hit
			page.Show()
			page.SetText(pg)
			page.OnTapped = func() { p.open(hit) }
			text.Segments = []widget.RichTextSegment{
				&widget.TextSegment{Text: before, Style: widget.RichTextStyleInline},
				&widget.TextSegment{Text: match, Style: widget.RichTextStyleStrong},
				&widget.TextSegment{Text: after, Style: widget.RichTextStyleInline},
			}
		}
		text.Refresh()
		tags.SetText(tg)
	}
	l.OnSelected = func(i widget.ListItemID) {
		if i < len(p.rows) {
			p.selected = p.rows[i].hit
			if p.selected >= 0 && !p.restoring {
				p.selectedKey = hitKey(p.results[p.selected])
			}
		}
		// The role keys go to the list, whatever had the focus.
		if w := p.v.window(); w != nil && !p.restoring && w.Canvas().Focused() != l {
			w.Canvas().Focus(l)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey codes the selected hit by a role's key, opens it on Enter.
func (l *hitList) TypedKey(e *fyne.KeyEvent) {
	if r, ok := roleForKey(e.Name); ok {
		l.p.code(r)
		return
	}
	if (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter) && l.p.selected >= 0 {
		l.p.open(l.p.selected)
		return
	}
	l.List.TypedKey(e)
}

// searchAll is Edit ▸ Search all documents (Ctrl+Shift+F).
func (ws *workspace) searchAll() {
	if ws.pv != nil && ws.pv.tabsView.search != nil {
		ws.pv.tabsView.search.focus()
	}
}

// similarLimit is how many sentences like a fragment are listed.
const similarLimit = 30

// similarResults lists sentences like a fragment as hits: each sentence
// is its own match and unit.
func similarResults(rs []session.SimilarResult, err error) ([]session.SearchResult, error) {
	if err != nil {
		return nil, err
	}
	out := make([]session.SearchResult, len(rs))
	for i, r := range rs {
		out[i] = session.SearchResult{Hit: coding.Hit{DocID: r.DocID, Page: r.Page, Start: r.Start, End: r.End},
			Doc: r.Doc, MatchStart: r.Start, MatchEnd: r.End, Text: r.Text, Before: coding.Clip(r.Text, 200)}
	}
	return out, nil
}

// findLike lists the sentences of the other documents most like a
// fragment (BM25) in the Search tab, each codable as a hit.
func (p *searchPanel) findLike(f coding.Fragment) {
	p.like, p.likeCMOC = f, coding.CMOC{}
	p.query.SetText("")
	p.focus()
	p.run()
}

// findLikeCMOC lists the sentences most like a CMOC's fragments, in the
// documents it does not cite, in the Search tab, each codable as a hit.
func (p *searchPanel) findLikeCMOC(c coding.CMOC) {
	p.like, p.likeCMOC = coding.Fragment{}, c
	p.query.SetText("")
	p.focus()
	p.run()
}

// findLike is Code ▸ Find passages like this fragment.
func (ws *workspace) findLike() {
	f := ws.fragment(ws.current)
	if f == nil || ws.pv == nil || ws.pv.tabsView.search == nil {
		ws.say("Pick a fragment first (in the list or by clicking its highlight).")
		return
	}
	ws.pv.tabsView.search.findLike(*f)
}
