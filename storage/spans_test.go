package storage

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// FragmentSpans lists, of the documents asked for, the fragments
// Fragments lists, in its order, with their place, role, valence and
// labels (in order) only.
func TestFragmentSpans(t *testing.T) {
	p, merger := mergerProject(t)
	other, err := p.AddDocument(coding.Document{FileName: "other.pdf", Title: "Other"}, []byte("%PDF-other"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"Trust", "Staffing"} {
		if _, err := p.Apply(coding.Batch{coding.PutLabel{Label: coding.Label{Name: l}}}); err != nil {
			t.Fatal(err)
		}
	}
	var batch coding.Batch
	for i, f := range []coding.Fragment{
		{DocID: merger.ID, Start: 40, End: 60, Role: coding.Outcome, Valence: coding.Negative, Labels: []string{"Staffing", "Trust"}},
		{DocID: merger.ID, Start: 0, End: 10, Role: coding.Context, Memo: "a memo"},
		{DocID: merger.ID, Start: 0, End: 10, Role: coding.Resource, Labels: []string{"Trust"}},
		{DocID: other.ID, Start: 5, End: 30, Role: coding.Reasoning, Valence: coding.Positive},
	} {
		f.ID = coding.NewID()
		f.Page = 1
		f.Text = "text " + string(rune('a'+i))
		batch = append(batch, coding.AddFragment{Fragment: f})
	}
	if _, err := p.Apply(batch); err != nil {
		t.Fatal(err)
	}
	whole := func(docs ...string) []coding.Fragment {
		var out []coding.Fragment
		for _, d := range docs {
			fs, err := p.Fragments(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				out = append(out, coding.Fragment{ID: f.ID, DocID: f.DocID, Start: f.Start, End: f.End, Page: f.Page,
					Role: f.Role, Valence: f.Valence, Labels: f.Labels})
			}
		}
		return out
	}
	for _, c := range []struct {
		name string
		docs []string
		want []coding.Fragment
	}{
		{"none asked", nil, nil},
		{"one document", []string{merger.ID}, whole(merger.ID)},
		{"the other", []string{other.ID}, whole(other.ID)},
		{"both", []string{merger.ID, other.ID}, whole(merger.ID, other.ID)},
		{"an unknown one", []string{"no-such-doc"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := p.FragmentSpans(c.docs...)
			if err != nil {
				t.Fatal(err)
			}
			// Documents come in ID order, each in Fragments' order.
			byDoc := map[string][]coding.Fragment{}
			for _, f := range got {
				byDoc[f.DocID] = append(byDoc[f.DocID], f)
			}
			wantBy := map[string][]coding.Fragment{}
			for _, f := range c.want {
				wantBy[f.DocID] = append(wantBy[f.DocID], f)
			}
			if len(got) != len(c.want) || !reflect.DeepEqual(byDoc, wantBy) {
				t.Fatalf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
	if n := len(whole(merger.ID)); n != 3 {
		t.Fatalf("the merger has %d fragments, want 3", n)
	}
}
