package pdfview

import "golang.org/x/sys/unix"

// newLinearMemory maps memory outside the Go heap and grows it in place
// with mremap: no copy, no old buffer left for the collector, and only the
// pages PDFium touches count.
func newLinearMemory() *linearMemory {
	m := &linearMemory{}
	m.grow = func(size uint64) []byte {
		if size == 0 {
			return []byte{}
		}
		var b []byte
		var err error
		if len(m.buf) == 0 {
			b, err = unix.Mmap(-1, 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
		} else {
			b, err = unix.Mremap(m.buf, int(size), unix.MREMAP_MAYMOVE)
		}
		if err != nil {
			return nil
		}
		return b
	}
	m.free = func() {
		if len(m.buf) > 0 {
			_ = unix.Munmap(m.buf)
		}
	}
	return m
}
