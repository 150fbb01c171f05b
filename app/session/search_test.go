package session

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// Search reads the documents of its hits one at a time or all at once
// (manyDocs): both give the same results.
func TestSearchReadsDocumentsEitherWay(t *testing.T) {
	sameEitherWay(t, openDemo(t))
}

// sameEitherWay searches the demo's words with manyDocs at 100 (one
// document at a time) and 0 (as many documents call for): the results
// must be the same, and some hits lie in the demo's fragments.
func sameEitherWay(t *testing.T, s *Session) {
	t.Helper()
	search := func(many int) []SearchResult {
		saved := manyDocs
		defer func() { manyDocs = saved }()
		manyDocs = many
		rs, err := s.Search("quality OR staff", coding.Scope{}, coding.UnitSentence)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	one, many := search(100), search(0)
	if len(one) == 0 || !reflect.DeepEqual(one, many) {
		t.Fatalf("%d results one document at a time, %d as many documents call for, or they differ", len(one), len(many))
	}
	coded := 0
	for _, r := range one {
		if len(r.Fragments) > 0 {
			coded++
		}
	}
	if coded == 0 {
		t.Error("no hit lies in one of the demo's fragments")
	}
}
