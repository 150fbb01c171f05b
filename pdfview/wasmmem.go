package pdfview

// PDFium's WebAssembly memory is capped (issue 13): a PDF whose content
// stream inflates to gigabytes made PDFium grow its memory to the 4 GB a
// 32-bit WebAssembly module can address, and the runtime's own growth (a Go
// slice appended to, the old one left for the collector) drove the process
// to 8–9 GB. Memory comes instead from wasmAllocator, which refuses to grow
// an instance past MemoryLimit, or all of them past memoryBudget, and
// remembers that it did, so that the trap
// PDFium then hits (it aborts when malloc fails) is reported as what it
// is. On Linux the memory is mapped outside the Go heap and grown in place
// by mremap (wasmmem_linux.go), so a page at the limit costs the limit and
// no more; elsewhere a slice doubles up to it (wasmmem_other.go).
//
// wazy's RuntimeConfig.WithMemoryLimitPages is only a backstop, at twice
// MemoryLimit (initPool): a grow it refuses leaves no trace to tell a page
// that needed too much memory from any other crash inside PDFium, and it
// is all that bounds an instance killed under a running call (wazy then
// drops the allocator and grows a Go slice).

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"cmocoder.org/cmocoder/coding"
	"github.com/klippa-app/go-pdfium"
	"github.com/samyfodil/wazy/api"
)

// MemoryLimit is the most WebAssembly memory one PDFium instance may use:
// room for the largest PDF cmocoder reads and the page being read.
const MemoryLimit = 2 * coding.MaxPDFSize

// memoryBudget is the most all instances together may use: a long document
// is read by several workers at once, each with its own instance, and a
// file of hostile pages would otherwise take MemoryLimit in each.
const memoryBudget = MemoryLimit + MemoryLimit/2

// maxSplitSize is the largest PDF shared among workers (extractDocument):
// each has the whole file in its instance, within memoryBudget.
const maxSplitSize = memoryBudget / 8

// ErrMemory: a page (or the document) needs more memory than MemoryLimit.
var ErrMemory = errors.New("needs more memory than allowed")

// linearMemory is one instance's memory: grow reallocates it to size
// bytes, or returns nil when it cannot; free gives it back.
type linearMemory struct {
	grow    func(size uint64) []byte
	free    func()
	buf     []byte
	refused bool // a grow past MemoryLimit was asked for
	// busy counts the jobs running on the instance, and freed says that
	// wazy closed it meanwhile: a killed instance's stuck call runs on
	// in the background (see call.run), so its memory is given back only
	// when that call returns, not under it.
	busy  int
	freed bool
}

func (m *linearMemory) Reallocate(size uint64) []byte {
	memories.mu.Lock()
	defer memories.mu.Unlock()
	more := int64(size) - int64(len(m.buf))
	if size > MemoryLimit || memories.total+more > memoryBudget {
		m.refused = true
		return nil
	}
	if b := m.grow(size); b != nil {
		m.buf = b
		memories.total += more
		return b
	}
	m.refused = true // the system had no more to give
	return nil
}

func (m *linearMemory) Free() {
	memories.mu.Lock()
	defer memories.mu.Unlock()
	delete(memories.live, m)
	m.freed = true
	if m.busy == 0 {
		m.release()
	}
}

// release gives the memory back; memories.mu is held.
func (m *linearMemory) release() {
	m.free()
	memories.total -= int64(len(m.buf))
	m.buf = nil
}

// enter and leave bracket a job on the instance whose memory m is (nil
// when it was not found).
func (m *linearMemory) enter() {
	if m == nil {
		return
	}
	memories.mu.Lock()
	defer memories.mu.Unlock()
	m.busy++
}

func (m *linearMemory) leave() {
	if m == nil {
		return
	}
	memories.mu.Lock()
	defer memories.mu.Unlock()
	if m.busy--; m.busy == 0 && m.freed && m.buf != nil {
		m.release()
	}
}

// memories are the instances' memories alive, to find an instance's by
// its first byte's address, and the bytes they hold together.
var memories = struct {
	mu    sync.Mutex
	live  map[*linearMemory]bool
	total int64
}{live: map[*linearMemory]bool{}}

// wasmAllocator makes every instance's memory (see the file comment).
var wasmAllocator = api.MemoryAllocatorFunc(func(cap, max uint64) api.LinearMemory {
	m := newLinearMemory()
	memories.mu.Lock()
	memories.live[m] = true
	memories.mu.Unlock()
	return m
})

// allocatorContext is the context PDFium's instances are made in: it
// carries wasmAllocator to wazy.
func allocatorContext() context.Context {
	return api.WithMemoryAllocator(context.Background(), wasmAllocator)
}

// memoryOf finds inst's memory by the address of its first byte; nil if
// it cannot.
func memoryOf(inst pdfium.Pdfium) *linearMemory {
	return fromWasm(inst, findMemory)
}

func findMemory(v reflect.Value) *linearMemory {
	mem, ok := moduleMemory(v)
	if !ok {
		return nil
	}
	first, ok := mem.Read(0, 1)
	if !ok {
		return nil
	}
	memories.mu.Lock()
	defer memories.mu.Unlock()
	for m := range memories.live {
		if len(m.buf) > 0 && &m.buf[0] == &first[0] {
			return m
		}
	}
	return nil
}

// memoryRefused reports whether inst was refused memory: the trap it hit
// is then the page's need for more memory than MemoryLimit, not damage.
func memoryRefused(inst pdfium.Pdfium) bool {
	m := memoryOf(inst)
	if m == nil {
		return false
	}
	memories.mu.Lock()
	defer memories.mu.Unlock()
	return m.refused
}

// trapError is engineError for a failure of inst on page (0: the
// document), saying so when PDFium trapped for want of memory.
func trapError(inst pdfium.Pdfium, err error, page int) error {
	where := ""
	if page > 0 {
		where = fmt.Sprintf("page %d", page)
	}
	if !isTrap(err) || !memoryRefused(inst) {
		return engineError(err, where)
	}
	if where == "" {
		where = "the document"
	}
	return newError(ErrMemory, err, "%s needs more memory than allowed (%d MB)", where, MemoryLimit>>20)
}
