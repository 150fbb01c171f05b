package main

import (
	"os"
	"syscall"
)

// Under an address-space limit (ulimit -v) the program restarts itself
// once with MALLOC_ARENA_MAX=1, which glibc reads only at start. The Go
// runtime reserves about 1 GB of address space for its own bookkeeping,
// and glibc 64 MB more for each thread that allocates (8 here: 512 MB, for
// the few cgo calls made), so under `ulimit -v` of 2 GB an ordinary `add`
// of a long text died in the Go runtime with a stack dump (it cannot be
// caught); with one arena the program starts in 1.5 GB and the same work
// goes through. Nothing changes without a limit.
func init() {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err != nil || rl.Cur == ^uint64(0) || // RLIM_INFINITY
		os.Getenv("MALLOC_ARENA_MAX") != "" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	// Exec returns only if it failed: then run on as we are.
	_ = syscall.Exec(exe, os.Args, append(os.Environ(), "MALLOC_ARENA_MAX=1"))
}
