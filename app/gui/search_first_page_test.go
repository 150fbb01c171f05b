package gui

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// The Search tab shows the first screen of hits as soon as it is found,
// says that it is still searching (and holds Code all hits back), then
// lists them all.
func TestSearchShowsTheFirstHitsFirst(t *testing.T) {
	_, _, p := openSearch(t, "the")
	all := p.results
	if len(all) <= searchFirstPage {
		t.Fatalf("%d hits of “the” in the demo: too few to page", len(all))
	}
	release := make(chan struct{})
	listInPages(p, all, release, nil)
	waitFor(t, "the first hits", func() bool { return len(p.results) == searchFirstPage })
	if !strings.HasPrefix(p.info.Text, "searching every document") || !p.codeAll.Disabled() {
		t.Errorf("while searching on: info %q, Code all hits enabled %v", p.info.Text, !p.codeAll.Disabled())
	}
	close(release)
	waitFor(t, "all the hits", func() bool { return len(p.results) == len(all) })
	if !strings.Contains(p.info.Text, "hits in") || p.codeAll.Disabled() {
		t.Errorf("once all are listed: info %q, Code all hits enabled %v", p.info.Text, !p.codeAll.Disabled())
	}
}

// listInPages runs firstThenAll as a new run listing all: the first hits
// at once, all of them once release is closed, counted by count.
func listInPages(p *searchPanel, all []session.SearchResult, release chan struct{}, count func() ([]coding.DocCount, error)) {
	p.mu.Lock()
	p.gen++
	gen := p.gen
	p.mu.Unlock()
	p.firstThenAll(gen, func(n int) ([]session.SearchResult, bool, error) {
		if n == 0 {
			<-release // the rest of the pages, still being read
			return all, false, nil
		}
		return all[:n], true, nil
	}, count)
}
