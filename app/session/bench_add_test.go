package session

import (
	"context"
	"path/filepath"
	"testing"

	"cmocoder.org/cmocoder/storage"
)

// BenchmarkAddShared adds every shared PDF but the scan to a new project
// through Session.Import, as `add` does: a profile of this
// (-cpuprofile) shows where an import's time goes.
func BenchmarkAddShared(b *testing.B) {
	pdfs := sharedBenchPDFs(b)
	eng := testEngine(b)
	for range b.N {
		b.StopTimer()
		p, err := storage.Create(filepath.Join(b.TempDir(), "bench.cmoproj"), "Bench", "bench")
		if err != nil {
			b.Fatal(err)
		}
		s := New(p)
		b.StartTimer()
		for _, pdf := range pdfs {
			if _, err := s.Import(context.Background(), eng, pdf, ""); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		p.Close()
		b.StartTimer()
	}
}
