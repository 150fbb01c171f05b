package gui

// A view that reads the whole project (the CMOCs, Codebook and Matrix
// tabs) reads it off the UI goroutine: at 500 papers and 20,000 fragments
// the read takes longer than a frame, and a window that stops drawing for
// it feels broken. loader is that pattern, written once.

// loader runs a view's reads in the background and shows only the newest:
// a change made while a read is under way starts another, and the older
// result is dropped.
type loader struct {
	loads   int  // reads started
	loading bool // one is under way
}

// load runs read on a goroutine of its own, then show with its result on
// the UI goroutine, unless a newer load started meanwhile. Call it on the
// UI goroutine.
func load[T any](l *loader, read func() (T, error), show func(T, error)) {
	l.loads++
	n := l.loads
	l.loading = true
	go func() {
		v, err := read()
		runOnUI(func() {
			if n != l.loads {
				return // a newer load is under way
			}
			l.loading = false
			show(v, err)
		})
	}()
}
