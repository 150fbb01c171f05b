package session

import (
	"path/filepath"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// countingStore is a second Store: the .cmoproj file behind a wrapper
// that counts what passes through it, as a team server's store would
// stand behind the same session.
type countingStore struct {
	Store
	reads, applies int
}

func (c *countingStore) Labels() ([]coding.Label, error) { c.reads++; return c.Store.Labels() }

func (c *countingStore) Apply(ch coding.Change) (coding.Change, error) {
	c.applies++
	return c.Store.Apply(ch)
}

// TestSessionOverAnotherStore: everything a session does, reading and
// writing, undo included, goes through the Store it was given.
func TestSessionOverAnotherStore(t *testing.T) {
	p, err := storage.Create(filepath.Join(t.TempDir(), "p.cmoproj"), "Another store", "tester")
	if err != nil {
		t.Fatal(err)
	}
	store := &countingStore{Store: p}
	s := New(store)
	defer s.Close()
	if err := s.Do(coding.PutLabel{Label: coding.Label{Name: "Trust"}}); err != nil {
		t.Fatal(err)
	}
	labels, err := s.Labels()
	if err != nil || len(labels) != 1 || labels[0].Name != "Trust" {
		t.Fatalf("labels %v, %v; want Trust", labels, err)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if labels, _ := s.Labels(); len(labels) != 0 {
		t.Errorf("after undo: labels %v", labels)
	}
	if store.applies != 2 || store.reads != 2 {
		t.Errorf("the store saw %d changes and %d reads; want 2 and 2", store.applies, store.reads)
	}
}
