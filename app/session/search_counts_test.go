package session

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// SearchCounts is Search's hits (UnitMatch) counted by document, within
// every kind of scope: from the index within documents, from the hits
// within fragments.
func TestSearchCountsAreSearchsHits(t *testing.T) {
	s := openDemo(t)
	docs, err := s.Documents()
	if err != nil {
		t.Fatal(err)
	}
	scopes := []coding.Scope{{}, {Docs: []string{docs[0].ID}}, {Included: true}, {Uncoded: true}, {Role: coding.Context}}
	total := 0
	for _, query := range []string{"quality", "staff*", `"health care"`, "the OR and", "quality -staff", "quality staff"} {
		for _, sc := range scopes {
			got, err := s.SearchCounts(query, sc)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := s.Search(query, sc, coding.UnitMatch)
			if err != nil {
				t.Fatal(err)
			}
			if want := countResults(rs); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %+v: counts %v, Search's hits %v", query, sc, got, want)
			}
			total += coding.TotalCount(got)
		}
	}
	if total == 0 {
		t.Error("nothing was counted")
	}
	if _, err := s.SearchCounts(`"open`, coding.Scope{}); err == nil {
		t.Error("a malformed query was counted")
	}
}
