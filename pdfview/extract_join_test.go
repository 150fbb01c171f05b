package pdfview

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestIdleWorkerJoins: a worker that falls idle while a long document is
// read takes a share of its pages (it used to be asked only when the
// document was opened), and the reading is the same as one worker's.
func TestIdleWorkerJoins(t *testing.T) {
	const name = "freeculture-lessig-352p.pdf"
	data := readCorpus(t, name)
	eng := ownEngine(t, Options{CacheDir: testCacheDir(), Workers: 2})
	busy, err := eng.begin(context.Background()) // another file holds a worker
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		ex  *Extracted
		err error
	}
	done := make(chan result, 1)
	before := helpersStarted.Load()
	go func() {
		ex, err := eng.Extract(context.Background(), data, "")
		done <- result{ex, err}
	}()
	// The book opens with no worker to share (its 352 pages take a second
	// or more); then the other worker falls idle.
	time.Sleep(300 * time.Millisecond)
	busy.end()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if helpersStarted.Load() == before {
		t.Error("the idle worker did not join the book")
	}
	whole := extractCorpus(t, name)
	if !slices.EqualFunc(whole.Pages, r.ex.Pages, samePage) || !slices.Equal(whole.Warnings, r.ex.Warnings) {
		t.Error("the book read by a worker that joined late differs")
	}
}
