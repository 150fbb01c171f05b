package gui

import (
	"slices"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// The Search tab's scope: "Included sources only" leaves out the sources
// not included (the demo's one source is undecided, then included), and
// the label box keeps the hits inside a fragment with that label.
func TestSearchTabScopeIncludedAndLabel(t *testing.T) {
	ws, _, p := openSearch(t, "quality")
	all := len(p.results)
	if all == 0 {
		t.Fatal("no hits for quality in the demo")
	}
	p.included.SetChecked(true)
	waitFor(t, "no hits in the included sources", func() bool { return p.info.Text == "no hits" })

	doc := ws.pv.docs[0]
	src := doc.Source()
	from := src
	src.Decision = coding.Include
	if err := ws.session.Do(coding.EditSource{DocID: doc.ID, Source: src, From: &from}); err != nil {
		t.Fatal(err)
	}
	p.reload()
	waitFor(t, "the hits of the included source", func() bool { return len(p.results) == all })
	p.included.SetChecked(false)

	// The label box offers the codebook; a label keeps the hits inside
	// fragments carrying it.
	frags, err := ws.session.Fragments(doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, f := range frags {
		for _, l := range f.Labels {
			counts[l]++
		}
	}
	label := ""
	for l := range counts {
		if label == "" || counts[l] > counts[label] {
			label = l
		}
	}
	if label == "" {
		t.Fatal("the demo's fragments carry no label")
	}
	if !slices.Contains(p.label.Options, label) {
		t.Fatalf("the label box offers %q, not %q", p.label.Options, label)
	}
	p.query.SetText("the")
	p.run()
	waitFor(t, "the hits of the", func() bool { return strings.Contains(p.info.Text, "hit") && len(p.results) > 0 })
	everywhere := len(p.results)
	p.label.SetSelected(label)
	waitFor(t, "the hits inside "+label, func() bool {
		return !strings.HasPrefix(p.info.Text, "searching") && (len(p.results) < everywhere || p.info.Text == "no hits")
	})
	if len(p.results) == 0 {
		t.Fatalf("no hit of “the” inside a fragment labelled %s", label)
	}
	for _, r := range p.results {
		inside := slices.ContainsFunc(r.Fragments, func(f coding.Fragment) bool {
			return f.Start <= r.MatchStart && r.MatchEnd <= f.End && slices.Contains(f.Labels, label)
		})
		if !inside {
			t.Errorf("hit %d-%d is not inside a fragment labelled %s", r.MatchStart, r.MatchEnd, label)
		}
	}
}
