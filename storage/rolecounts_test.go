package storage

import (
	"maps"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// RoleCounts and FragmentCounts agree with counting the fragments read
// whole.
func TestRoleCounts(t *testing.T) {
	p := newProject(t)
	var docs []coding.Document
	for seed := range uint64(2) {
		d, pdf, pages := synthDocument(seed+1, 2, 400, 100)
		d, err := p.AddDocument(d, pdf, pages)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var b coding.Batch
	for i, r := range []coding.Role{coding.Context, coding.Context, coding.Outcome, coding.Unclassified, coding.Reasoning} {
		b = append(b, coding.AddFragment{Fragment: coding.Fragment{DocID: docs[i%2].ID, Start: 10 * i, End: 10*i + 5, Role: r}})
	}
	if _, err := p.Apply(b); err != nil {
		t.Fatal(err)
	}
	got, err := p.RoleCounts()
	if err != nil {
		t.Fatal(err)
	}
	frags, err := p.Fragments("")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[coding.Role]int{}
	wantAll := map[string]int{}
	for _, f := range frags {
		if want[f.DocID] == nil {
			want[f.DocID] = map[coding.Role]int{}
		}
		want[f.DocID][f.Role]++
		wantAll[f.DocID]++
	}
	all, err := p.FragmentCounts()
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(all, wantAll) || all[docs[0].ID] != 3 || all[docs[1].ID] != 2 {
		t.Errorf("FragmentCounts %v, counted %v", all, wantAll)
	}
	if !maps.EqualFunc(got, want, func(a, b map[coding.Role]int) bool { return maps.Equal(a, b) }) {
		t.Errorf("RoleCounts %v, counted %v", got, want)
	}
	if got[docs[0].ID][coding.Reasoning] != 1 || got[docs[1].ID][coding.Context] != 1 || got[docs[1].ID][coding.Unclassified] != 1 {
		t.Errorf("RoleCounts %v", got)
	}
}
