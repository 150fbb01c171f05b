package session

import (
	"context"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestImportWhileUndoing: a REFI-QDA import on a worker goroutine while
// another goroutine codes and undoes, as the app's import job does while
// the reviewer presses Ctrl+Z. Run with -race. Whatever the order, the
// history stays whole: undoing everything leaves the codebook as it was.
func TestImportWhileUndoing(t *testing.T) {
	in := readSample(t, "taguette-1.4.1-codebook.qdc")
	s := newSession(t, "Race")

	done := make(chan error)
	go func() {
		var err error
		for range 10 { // again and again: the second time finds it all here, and says so in a change
			if _, _, err = s.ImportFile(context.Background(), in, func(string) {}); err != nil {
				break
			}
		}
		done <- err
	}()
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
			if err := s.Do(coding.PutLabel{Label: coding.Label{Name: "Mine " + coding.NewID()}}); err != nil {
				t.Fatal(err)
			}
			if s.CanUndo() {
				if err := s.Undo(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if labels, _ := s.Labels(); len(labels) == 0 {
		t.Fatal("the import brought no labels")
	}
	for s.CanUndo() {
		if err := s.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if labels, _ := s.Labels(); len(labels) != 0 {
		t.Errorf("after undoing everything %d labels are left", len(labels))
	}
}
