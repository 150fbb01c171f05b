// Package uiqueue is the UI goroutine of the tests of Fyne code: the
// functions workers hand to the UI goroutine (fyne.Do in the app) wait in
// a Queue, and a test runs them on its own goroutine (Pump), as the GLFW
// driver runs them on the main one, so that nothing races.
package uiqueue

import (
	"testing"
	"time"
)

// Queue holds what goroutines hand to the UI goroutine, in order.
type Queue chan func()

// New is a queue deep enough that no worker of a test waits on it.
func New() Queue { return make(Queue, 4096) }

// Post hands f to the UI goroutine: what a package's runOnUI is in tests.
func (q Queue) Post(f func()) { q <- f }

// Pump runs what was handed over so far, and returns when the queue is
// empty.
func (q Queue) Pump() {
	for {
		select {
		case f := <-q:
			f()
		default:
			return
		}
	}
}

// WaitFor pumps the queue until cond holds, or fails the test after
// within, saying what it waited for.
func (q Queue) WaitFor(t testing.TB, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		q.Pump()
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
