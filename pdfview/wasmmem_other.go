//go:build !linux

package pdfview

// newLinearMemory grows a Go slice, doubling its capacity up to
// MemoryLimit so that few grows copy.
func newLinearMemory() *linearMemory {
	m := &linearMemory{}
	m.grow = func(size uint64) []byte {
		if size <= uint64(cap(m.buf)) {
			return m.buf[:size]
		}
		b := make([]byte, size, min(max(size, 2*uint64(cap(m.buf))), MemoryLimit))
		copy(b, m.buf)
		return b
	}
	m.free = func() {}
	return m
}
