package session

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// Search reads the documents of its hits one at a time or all at once
// (manyDocs): both give the same results.
func TestSearchReadsDocumentsEitherWay(t *testing.T) {
	s := openDemo(t)
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
	one, all := search(100), search(0)
	if len(one) == 0 || !reflect.DeepEqual(one, all) {
		t.Fatalf("%d results one document at a time, %d all at once, or they differ", len(one), len(all))
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
