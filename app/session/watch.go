package session

import (
	"sync"
	"time"
)

// versioned is a store that can tell when another program has written to
// it (storage.Project: SQLite's PRAGMA data_version).
type versioned interface {
	DataVersion() (int64, error)
}

// Watch calls changed, on a goroutine of its own, whenever another
// program (the CLI, a teammate's app on a shared folder) has committed a
// change to the project, looking every interval; the session's own
// changes do not count. The app refreshes its views from changed, so
// what the CLI wrote shows without a click. A store that cannot tell is
// not watched. Call stop before Close; it waits for the watcher to end.
func (s *Session) Watch(every time.Duration, changed func()) (stop func()) {
	v, ok := s.store.(versioned)
	if !ok {
		return func() {}
	}
	last, err := v.DataVersion()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			now, nowErr := v.DataVersion()
			// A failed read (the file busy for longer than the busy
			// timeout) is tried again at the next tick.
			if nowErr != nil {
				continue
			}
			if err == nil && now != last {
				changed()
			}
			last, err = now, nil
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done) })
		wg.Wait()
	}
}
