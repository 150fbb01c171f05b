package session

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// wholeFragments is a store whose FragmentSpans reads whole fragments,
// one document at a time, as Search did before it read spans only.
type wholeFragments struct{ Store }

func (w wholeFragments) FragmentSpans(docs ...string) ([]coding.Fragment, error) {
	var out []coding.Fragment
	for _, id := range docs {
		fs, err := w.Fragments(id)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

// spanOnly keeps of a fragment what FragmentSpans reads.
func spanOnly(f coding.Fragment) coding.Fragment {
	return coding.Fragment{ID: f.ID, DocID: f.DocID, Start: f.Start, End: f.End, Page: f.Page,
		Role: f.Role, Valence: f.Valence, Labels: f.Labels}
}

// Search reads only the spans of the fragments of the documents with
// hits: it lists the same hits, in the same scope, with the same
// fragments (their place, role, valence and labels) as when it read
// every fragment whole, coded hits and uncoded ones alike.
func TestSearchFragmentSpans(t *testing.T) {
	s := openDemo(t)
	whole := New(wholeFragments{s.store})
	for _, c := range []struct {
		name  string
		query string
		scope coding.Scope
		unit  coding.Unit
		coded bool // some hit lies in a fragment
		plain bool // some hit lies in none
	}{
		{"all, match", "staff OR leadership", coding.Scope{}, coding.UnitMatch, true, true},
		{"all, sentence", "staff OR leadership", coding.Scope{}, coding.UnitSentence, true, true},
		{"all, paragraph", "quality", coding.Scope{}, coding.UnitParagraph, true, true},
		{"uncoded", "staff", coding.Scope{Uncoded: true}, coding.UnitMatch, false, true},
		{"in a role", "staff OR leadership", coding.Scope{Role: coding.Resource}, coding.UnitSentence, true, false},
		{"with a label", "staff", coding.Scope{Label: "motivation"}, coding.UnitMatch, true, false},
		{"role and label", "hospital", coding.Scope{Role: coding.Outcome, Label: "Accountability"}, coding.UnitMatch, true, false},
		{"no hit", "zzyzx", coding.Scope{}, coding.UnitMatch, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Search(c.query, c.scope, c.unit)
			if err != nil {
				t.Fatal(err)
			}
			want, err := whole.Search(c.query, c.scope, c.unit)
			if err != nil {
				t.Fatal(err)
			}
			coded, plain := false, false
			for i := range want {
				for k, f := range want[i].Fragments {
					want[i].Fragments[k] = spanOnly(f)
				}
				coded = coded || len(want[i].Fragments) > 0
				plain = plain || len(want[i].Fragments) == 0
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%d results from spans, %d from whole fragments, or they differ:\n got %+v\nwant %+v", len(got), len(want), got, want)
			}
			if coded != c.coded || plain != c.plain {
				t.Errorf("coded hits %v, uncoded hits %v; the case wants %v, %v", coded, plain, c.coded, c.plain)
			}
		})
	}
}
