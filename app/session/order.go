package session

import (
	"sync"

	"cmocoder.org/cmocoder/coding"
)

// turns puts the session's writes in one line: each waits for the one
// asked for just before it, whichever goroutine asked, so that a change
// committed in the background (Commit) is never overtaken by one asked
// for later, nor an undo by the change it undoes.
type turns struct {
	mu   sync.Mutex
	last chan struct{} // closed when the write asked for last is done; nil: none yet
}

// join takes the next turn: wait is closed when it comes, and done must
// be called when the write is over.
func (t *turns) join() (wait <-chan struct{}, done func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	prev := t.last
	if prev == nil {
		prev = make(chan struct{})
		close(prev)
	}
	mine := make(chan struct{})
	t.last = mine
	return prev, func() { close(mine) }
}

// inTurn runs write once every write asked for before it is done.
func (s *Session) inTurn(write func()) {
	wait, done := s.writes.join()
	defer done()
	<-wait
	write()
}

// later runs write on a goroutine of its own, in the turn taken now.
func (s *Session) later(write func()) {
	wait, done := s.writes.join()
	go func() {
		defer done()
		<-wait
		write()
	}()
}

// Commit applies c as Do does, but returns at once: the transaction, with
// its fsync, runs on a goroutine of its own, and done gets Do's result
// once c is committed or refused. Writes asked for after Commit returns
// (a Do, an Undo, another Commit) come after c. done runs on that
// goroutine, before the next write begins, so callbacks that hand work
// to the UI goroutine hand it in the order the writes were asked for;
// done must not wait for the goroutine that called Commit.
func (s *Session) Commit(c coding.Change, done func(error)) {
	s.later(func() { done(s.do(c)) })
}

// UndoLater and RedoLater are Undo and Redo in the manner of Commit: done
// gets what was undone or redone ("" when there was nothing) and the
// error.
func (s *Session) UndoLater(done func(about string, err error)) {
	s.later(func() { done(s.undoStep()) })
}

func (s *Session) RedoLater(done func(about string, err error)) {
	s.later(func() { done(s.redoStep()) })
}

// Wait returns once every write asked for before it is done (and its
// done callback has run).
func (s *Session) Wait() { s.inTurn(func() {}) }
