package session

import (
	"context"
	"path/filepath"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// BenchmarkAddShared adds every shared PDF but the scan to a new project
// through Session.ImportAll, as `add` does: a profile of this
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
		err = s.ImportAll(context.Background(), eng, pdfs, "", func(pdf string, _ coding.Document, err error) bool {
			if err != nil {
				b.Fatal(pdf, err)
			}
			return true
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		p.Close()
		b.StartTimer()
	}
}
