// Package pdfview reads PDFs for cmocoder: the text of every page with one
// box per code point (so a coded span of offsets can be highlighted on the
// page), the page geometry, the information dictionary and, later, page
// images. Text, boxes and images all come from one engine, PDFium compiled
// to WebAssembly and run by wazy (a compiler derived from wazero; see
// initPool), so offsets never shift between what is coded and what is
// shown. The package needs no cgo and no fyne.
package pdfview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumwasm "github.com/klippa-app/go-pdfium/experimental/wazy"
	"github.com/samyfodil/wazy"
	"github.com/samyfodil/wazy/api"
)

// Options configure an Engine. The zero value is fine.
type Options struct {
	// CacheDir keeps wazy's compiled PDFium between runs, so that starting
	// takes ~0.1 s instead of 3–4 s. Empty means os.UserCacheDir()/cmocoder/
	// wazy. If the folder cannot be created the engine runs without a cache.
	CacheDir string
	// Timeout bounds the work on one file (not the wait for a free worker);
	// 0 means 60 s. A context deadline that comes sooner wins. A call stuck
	// inside PDFium is stopped at the deadline too: wazy's compiled code
	// checks for it at every loop header, at no measurable cost.
	Timeout time.Duration
	// Workers is how many PDFium instances may work at once (~100–200 MB
	// each while busy): several files at a time, or one long document split
	// over the idle ones. 0 means the number of CPUs, at most 4.
	Workers int
	// SlowStart, if set, is called on a goroutine of its own when starting
	// has taken long enough to be compiling PDFium for this computer
	// (compiled), which happens once per computer and version and takes
	// 3-5 s: the program should say why nothing happens yet. ready is
	// closed when NewEngine returns.
	SlowStart func(ready <-chan struct{})
}

// DefaultTimeout is the time one file may take when Options.Timeout is 0.
const DefaultTimeout = 60 * time.Second

// killGrace is how long a timed-out job may take to notice that its
// instance was killed (at its next PDFium call) before we stop waiting: a
// moment, so that it is usually gone when we return, but no longer, as a
// call stuck inside PDFium may take minutes.
const killGrace = 100 * time.Millisecond

// Engine owns the PDFium instances. It is safe for concurrent use: every
// call borrows a fresh instance for itself alone and throws it away after,
// so no instance is ever shared between goroutines (STACK.md: sharing one
// crashed with "wasm error: unreachable") and one bad file cannot leave a
// damaged heap behind for the next. Instances cost 3–20 ms to make once the
// module is compiled. A long document may be split over several idle
// workers, each with its own instance and its own copy of the document.
type Engine struct {
	pool    pdfium.Pool
	chars   wazy.Runtime // charsModule is compiled in it (wasmbatch.go); nil if not
	timeout time.Duration
	// slots holds one token per worker: a call takes one (waiting if need
	// be) before it borrows an instance, so the pool itself never blocks.
	slots chan struct{}
	// spare is a fresh instance made ahead of need: making one costs
	// 3-20 ms (most of a short article's extraction), so each call that
	// takes an instance has the next one made on the side, where a core is
	// often idle. It is never one that has read a file. The pool holds one
	// more instance than there are workers for it; refilling keeps
	// spare + the one being made to at most one.
	spare     chan pdfium.Pdfium
	refilling atomic.Bool
	// waiting counts the calls waiting for a worker slot: a long document
	// is shared only with workers nobody else is waiting for (see team).
	waiting atomic.Int32

	// ctx is canceled by Close so that running calls stop; running counts
	// them so that Close can wait before it tears the pool down.
	ctx     context.Context
	cancel  context.CancelFunc
	mu      sync.Mutex
	closed  bool
	running sync.WaitGroup
}

// NewEngine compiles (or loads from the cache) PDFium and makes it ready to
// read files. Close it when done.
func NewEngine(opts Options) (*Engine, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Workers <= 0 {
		opts.Workers = min(runtime.NumCPU(), 4)
	}
	if opts.SlowStart != nil {
		ready := make(chan struct{})
		defer close(ready)
		t := time.AfterFunc(compiled, func() { opts.SlowStart(ready) })
		defer t.Stop()
	}
	cache := compilationCache(opts.CacheDir)
	start := time.Now()
	pool, err := initPool(opts.Workers, cache)
	if err != nil && cache != nil {
		// A cache we cannot use (damaged files, a full disk) must not stop
		// the program: compile afresh instead.
		pool, err = initPool(opts.Workers, nil)
	}
	if err != nil {
		return nil, newError(ErrEngine, err, "pdf engine failed to start: %v", err)
	}
	if time.Since(start) > compiled {
		// wazy compiled PDFium (the cache did not hold it): its compiler's
		// 250-300 MB of Go heap are garbage now, but for the buffers of
		// the compiler it keeps in a sync.Pool, which only a second
		// collection empties. Given back before the pages' memory comes on
		// top: without the second collection, the first `add` of 100 PDFs
		// peaked at 502 MB (2026-12-03).
		runtime.GC()
		debug.FreeOSMemory()
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Engine{
		pool: pool, chars: compileChars(pool), timeout: opts.Timeout, slots: make(chan struct{}, opts.Workers),
		spare: make(chan pdfium.Pdfium, 1),
		ctx:   ctx, cancel: cancel,
	}, nil
}

// Workers is how many PDFium instances may work at once.
func (e *Engine) Workers() int { return cap(e.slots) }

// compiled is a start that took long enough to have compiled PDFium
// rather than loaded it from the cache (3-4 s against ~0.1 s).
const compiled = time.Second

// compilationCache opens wazy's on-disk cache, or returns nil when there
// is no usable folder: a missing cache only costs start-up time.
func compilationCache(dir string) wazy.CompilationCache {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "cmocoder", "wazy")
		// What wazero, the runtime before wazy, compiled (21 MB a
		// version) is of no use any more.
		_ = os.RemoveAll(filepath.Join(base, "cmocoder", "wazero"))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	cache, err := wazy.NewCompilationCacheWithDir(dir)
	if err != nil {
		return nil
	}
	return cache
}

// initPool compiles PDFium (or loads it from cache) with wazy rather than
// wazero, which wazy derives from: on 100 papers the same text extraction
// took 6.5 s instead of 8.6 s (0.76×) and a fresh instance 0.2 MB of Go
// heap instead of 19 MB, and its compiled code can always be stopped at a
// deadline, which wazero could only do at twice the cost (2026-12-03).
// wago, go-pdfium's third runtime, is 3× slower at many small calls such
// as the per-character ones extraction makes.
func initPool(workers int, cache wazy.CompilationCache) (pdfium.Pool, error) {
	// The bundled PDFium lowers setjmp/longjmp to WebAssembly exception
	// handling, so that core feature must stay on (go-pdfium's default
	// config has it; a custom config has to repeat it).
	rc := wazy.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | api.CoreFeatureExceptionHandling).
		// A backstop to wasmAllocator (wasmmem.go): an instance killed
		// under a running call loses its allocator and grows Go memory
		// instead, up to this.
		WithMemoryLimitPages(2 * MemoryLimit >> 16)
	if cache != nil {
		rc = rc.WithCompilationCache(cache)
	}
	return pdfiumwasm.Init(pdfiumwasm.Config{
		// Memory within MemoryLimit: see wasmmem.go.
		Context:       allocatorContext(),
		MinIdle:       0,
		MaxIdle:       workers + 1,
		MaxTotal:      workers + 1, // + the spare: see Engine
		RuntimeConfig: rc,
		// PDFs are handed over in memory: PDFium gets no file system at all
		// (go-pdfium would otherwise mount "/").
		FSConfig: wazy.NewFSConfig(),
		// PDFium's own chatter on broken files is not for the user.
		Stdout: io.Discard,
		Stderr: io.Discard,
		// A fresh instance for every call: see Engine.
		ReuseWorkers: false,
	})
}

// Close stops running calls, waits for them and releases PDFium. The
// Engine cannot be used after.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	e.cancel()
	e.running.Wait()
	select {
	case inst := <-e.spare:
		_ = inst.Close()
	default:
	}
	dropChars(e.chars)
	if err := e.pool.Close(); err != nil {
		return newError(ErrEngine, err, "closing the pdf engine: %v", err)
	}
	return nil
}

// job is work done with one PDFium instance. It must check ctx between
// pages so that a timeout ends it at the next page even if no call hangs.
type job func(ctx context.Context, inst pdfium.Pdfium) error

// call is one Engine method at work: it holds a worker slot and knows its
// deadline. Waiting for the slot does not count against the timeout: a
// queue of files must not fail because the ones before them were slow.
type call struct {
	e     *Engine
	ctx   context.Context // ends at the deadline, on the caller's cancel or on Close
	limit time.Duration   // the time it was given, for the message
	stop  func()
}

// begin waits for a worker slot and starts the clock.
func (e *Engine) begin(ctx context.Context) (*call, error) {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil, newError(ErrCanceled, nil, "pdf engine is closed")
	}
	e.running.Add(1)
	e.mu.Unlock()

	// Close cancels every call: merge its context into the caller's.
	ctx, cancelMerged := context.WithCancel(ctx)
	unhook := context.AfterFunc(e.ctx, cancelMerged)
	e.waiting.Add(1)
	select {
	case e.slots <- struct{}{}:
		e.waiting.Add(-1)
	case <-ctx.Done():
		e.waiting.Add(-1)
		unhook()
		cancelMerged()
		e.running.Done()
		return nil, ctxError(ctx, 0, ctx.Err())
	}
	limit := e.timeout
	if d, ok := ctx.Deadline(); ok {
		limit = min(limit, time.Until(d))
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, limit)
	return &call{e: e, ctx: tctx, limit: limit, stop: func() {
		cancelTimeout()
		unhook()
		cancelMerged()
		<-e.slots
		e.running.Done()
	}}, nil
}

// end gives the slot back.
func (c *call) end() { c.stop() }

// extraSlot takes another worker slot if one is free right now, for
// splitting a long document; the caller gives it back.
func (c *call) extraSlot() bool {
	select {
	case c.e.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (c *call) releaseSlot() { <-c.e.slots }

// run does fn on a fresh instance within the call's deadline.
func (e *Engine) run(ctx context.Context, fn job) error {
	c, err := e.begin(ctx)
	if err != nil {
		return err
	}
	defer c.end()
	return c.run(fn)
}

// run borrows an instance, runs fn on it in a goroutine of its own and
// returns fn's error, or ErrTimeout / ErrCanceled if the time is up first.
// Panics in fn become ErrDamaged: whatever PDFium did, it did to this file.
// The caller holds a worker slot for it.
func (c *call) run(fn job) (err error) {
	inst, err := c.e.instance(c.ctx)
	if err != nil {
		if c.ctx.Err() != nil {
			return ctxError(c.ctx, c.limit, c.ctx.Err())
		}
		return newError(ErrEngine, err, "pdf engine failed: %v", err)
	}

	done := make(chan error, 1)
	mem := memoryOf(inst) // freed only once fn is done with it: see linearMemory
	mem.enter()
	jobsRunning.Add(1)
	go func() {
		defer jobsRunning.Add(-1)
		defer mem.leave()
		defer func() {
			if p := recover(); p != nil {
				done <- newError(ErrDamaged, fmt.Errorf("panic: %v", p), "not a readable PDF: the pdf engine failed (%v)", p)
			}
		}()
		done <- fn(c.ctx, inst)
	}()

	select {
	case err = <-done:
		if c.ctx.Err() != nil && err != nil {
			// The job gave up because time ran out: say so, whatever the
			// last call complained about.
			err = ctxError(c.ctx, c.limit, err)
		}
		var pe *Error
		if errors.As(err, &pe) && pe.Kind == ErrDamaged && isTrap(pe.Err) {
			// PDFium trapped: its heap is suspect, run nothing more in it.
			kill(inst)
			return err
		}
		// Close frees the document and destroys the instance
		// (ReuseWorkers is off), whatever state PDFium is in.
		_ = inst.Close()
		return err
	case <-c.ctx.Done():
		// Kill takes the instance out of the pool (a fresh one is made for
		// the next call) and marks it closed, so that the job's next PDFium
		// call fails at once. It does not take the instance lock, which a
		// stuck call holds. It also stops the running call: Kill cancels
		// the instance's context, and wazy's compiled code returns at its
		// next loop header or function entry. Closing a module under a
		// running call is safe (its memory is freed only when the job
		// leaves it: see linearMemory).
		kill(inst)
		select {
		case <-done:
		case <-time.After(killGrace):
			// Not stopped yet (a host call, say): it ends on its own.
		}
		return ctxError(c.ctx, c.limit, c.ctx.Err())
	}
}

// kill takes inst out of use (go-pdfium's Kill: its context canceled, its
// module closed), even from under a running call. wazy's close reads the
// memory's size and buffer unsynchronized with a call growing them (`go
// test -race` on TestTimeoutInsideACall, wazy v0.8.0); a torn pair could
// make it slice out of range, and a panic here, in the caller's goroutine,
// would end the program for an instance that is being thrown away.
func kill(inst pdfium.Pdfium) {
	defer func() { _ = recover() }()
	_ = inst.Kill()
}

// jobsRunning counts the jobs whose goroutine has not returned, timed out
// or not, for tests.
var jobsRunning atomic.Int32

// instance returns a fresh instance, the spare if one is ready, and has
// the next spare made.
func (e *Engine) instance(ctx context.Context) (pdfium.Pdfium, error) {
	defer e.refill()
	select {
	case inst := <-e.spare:
		return inst, nil
	default:
	}
	return e.pool.GetInstanceWithContext(ctx)
}

// refill makes a spare instance in the background unless there is one or
// one is being made.
func (e *Engine) refill() {
	if len(e.spare) > 0 || !e.refilling.CompareAndSwap(false, true) {
		return
	}
	e.mu.Lock()
	if e.closed || len(e.spare) > 0 {
		e.mu.Unlock()
		e.refilling.Store(false)
		return
	}
	e.running.Add(1) // Close waits for it
	e.mu.Unlock()
	go func() {
		defer e.running.Done()
		defer e.refilling.Store(false)
		inst, err := e.pool.GetInstanceWithContext(e.ctx)
		if err != nil {
			return
		}
		select {
		case e.spare <- inst:
		default: // cannot happen: only one refill at a time
			_ = inst.Close()
		}
	}()
}

// ctxError turns a finished context into ErrTimeout or ErrCanceled.
func ctxError(ctx context.Context, limit time.Duration, cause error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		if limit <= 0 {
			return newError(ErrTimeout, cause, "took too long")
		}
		return newError(ErrTimeout, cause, "took longer than %s", roundDuration(limit))
	}
	return newError(ErrCanceled, cause, "")
}

// roundDuration prints a limit the way people say it: 60s, 1.5s, 300ms
// (a caller's deadline leaves odd amounts such as 299.7ms).
func roundDuration(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%ds", int(d.Round(time.Second)/time.Second))
	case d >= time.Second:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", d.Round(100*time.Millisecond).Seconds()), ".0") + "s"
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%dms", d.Round(10*time.Millisecond).Milliseconds())
	}
	return fmt.Sprintf("%dms", max(d.Round(time.Millisecond).Milliseconds(), 1))
}
