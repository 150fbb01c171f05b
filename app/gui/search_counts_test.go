package gui

import (
	"fmt"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// While the rest of a common word's hits are listed, the Search tab says
// how many there are in all, counted from the index, and (a hit being
// the matched words) each listed document's heading has its count of
// them all.
func TestSearchCountsWhileListing(t *testing.T) {
	ws, _, p := openSearch(t, "the")
	p.unit.SetSelected("Matched words")
	waitFor(t, "the hits as matched words", func() bool {
		return strings.Contains(p.info.Text, "hit") && len(p.results) > searchFirstPage && p.results[0].End-p.results[0].Start == 3
	})
	all := p.results
	want := map[string]int{}
	for _, r := range all {
		want[r.DocID]++
	}
	release := make(chan struct{})
	listInPages(p, all, release, func() ([]coding.DocCount, error) { return ws.pv.session.SearchCounts("the", coding.Scope{}) })
	wantInfo := fmt.Sprintf("%s in %s: listing them… (the first %d shown)",
		coding.Count(len(all), "match"), coding.Count(len(want), "document"), searchFirstPage)
	waitFor(t, "the counts", func() bool { return p.info.Text == wantInfo })
	if len(p.results) != searchFirstPage || !p.codeAll.Disabled() {
		t.Errorf("with the counts: %d hits listed, Code all hits enabled %v", len(p.results), !p.codeAll.Disabled())
	}
	for _, r := range p.rows {
		if r.hit < 0 && r.count != want[r.doc.ID] {
			t.Errorf("%s: heading counts %d, %d hits in all", r.doc.Title, r.count, want[r.doc.ID])
		}
	}
	close(release)
	waitFor(t, "all the hits", func() bool { return len(p.results) == len(all) })
}
