package session

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// SearchFirst lists the first hits of Search, in its order, at least as
// many as asked for when there are (the page that reaches the number is
// read whole), and all of them when there are fewer.
func TestSearchFirstIsSearchsBeginning(t *testing.T) {
	s := openDemo(t)
	const query = "the OR and"
	all, err := s.Search(query, coding.Scope{}, coding.UnitMatch)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 100 {
		t.Fatalf("only %d hits of %q: too few to page", len(all), query)
	}
	for _, n := range []int{1, 10, 50, len(all), len(all) + 10} {
		first, more, err := s.SearchFirst(query, coding.Scope{}, coding.UnitMatch, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) < len(all) && !more || n > len(all) && more {
			t.Errorf("first %d: %d of %d hits, says more %v", n, len(first), len(all), more)
		}
		if len(first) < min(n, len(all)) || len(first) > len(all) || !reflect.DeepEqual(first, all[:len(first)]) {
			t.Errorf("first %d: %d hits, not the first %d of Search's %d", n, len(first), min(n, len(all)), len(all))
		}
		if n < 50 && len(first) == len(all) {
			t.Errorf("first %d: read every page (%d hits)", n, len(first))
		}
	}
}

// openDemo builds the demo project and opens it for "tester", closed
// when the test ends.
func openDemo(t *testing.T) *Session {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.cmoproj")
	if err := BuildDemo(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	s, err := OpenSession(path, "tester")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// With hits in few of many documents (the demo's among three more),
// Search reads their fragments one document at a time, the documents
// from one list: the results are those read one by one.
func TestSearchInFewOfManyDocuments(t *testing.T) {
	s := openDemo(t)
	for i := range 3 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("other-%d.txt", i))
		if err := os.WriteFile(path, []byte(fmt.Sprintf("Weather report %d: rain, then sun.\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(context.Background(), nil, path, ""); err != nil {
			t.Fatal(err)
		}
	}
	sameEitherWay(t, s)
}
