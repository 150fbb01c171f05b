package gui

import (
	"syscall"
	"time"
)

// threadTime is the CPU time the calling thread has used. Work timed with
// it on a goroutine locked to its thread counts what that work cost the
// UI goroutine, not the time it waited for a core on a loaded machine.
func threadTime() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const haveThreadTime = true
