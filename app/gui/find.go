package gui

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview/pageview"
)

// findEntry is the search box: an entry that hands Esc to onEscape (to
// clear the search) instead of ignoring it.
type findEntry struct {
	widget.Entry
	onEscape func()
}

func newFindEntry() *findEntry {
	e := &findEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *findEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// searchHitColour is the translucent yellow of a Ctrl+F hit: apart from
// the roles' colours and the violet selection.
var searchHitColour = color.NRGBA{R: 0xff, G: 0xe0, B: 0x00, A: 0x70}

// runSearch finds the search text in the document (case-insensitive) and
// highlights every hit.
func (ws *workspace) runSearch() {
	q := []rune(strings.ToLower(strings.TrimSpace(ws.search.Text)))
	ws.hits, ws.hit = nil, -1
	if ws.text == nil || len(q) == 0 {
		ws.view.SetSearchHits(nil)
		ws.searchInfo.SetText("")
		return
	}
	for i, r := range q {
		q[i] = unicode.ToLower(r)
	}
	text := []rune(ws.text.String())
	for i, r := range text {
		text[i] = unicode.ToLower(r)
	}
	for i := 0; i+len(q) <= len(text); i++ {
		if text[i] == q[0] && string(text[i:i+len(q)]) == string(q) {
			ws.hits = append(ws.hits, span{i, i + len(q)})
			i += len(q) - 1
		}
	}
	hl := make([]pageview.Highlight, len(ws.hits))
	for i, h := range ws.hits {
		hl[i] = pageview.Highlight{Start: h.start, End: h.end, Colour: searchHitColour, Outline: true}
	}
	ws.view.SetSearchHits(hl)
	if len(ws.hits) == 0 {
		ws.searchInfo.SetText("no hits")
	} else {
		ws.searchInfo.SetText(coding.Count(len(ws.hits), "hit"))
	}
}

// clearSearch empties the search box and drops the hits.
func (ws *workspace) clearSearch() {
	ws.search.SetText("") // runs the empty search, which clears the hits
	ws.runSearch()        // for a box that was empty already
}

// nextHit moves to the next (dir 1) or previous (-1) search hit.
func (ws *workspace) nextHit(dir int) {
	if len(ws.hits) == 0 {
		return
	}
	ws.hit = (ws.hit + dir + len(ws.hits)) % len(ws.hits)
	h := ws.hits[ws.hit]
	ws.view.Flash(h.start, h.end)
	ws.view.SetSelection(h.start, h.end)
	ws.searchInfo.SetText(fmt.Sprintf("%d of %d", ws.hit+1, len(ws.hits)))
}

// find puts the keyboard in the search box.
func (ws *workspace) find() {
	if ws.win != nil {
		ws.win.Canvas().Focus(ws.search)
	}
}
