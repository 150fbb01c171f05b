package textdoc

import (
	"strings"
	"testing"
)

// BenchmarkReadLayTranscript reads and lays out a 1 MB interview
// transcript, as `add` will (the goal: under 0.5 s).
func BenchmarkReadLayTranscript(b *testing.B) {
	data := []byte(strings.ReplaceAll(transcript(1<<20), "\n", "\r\n"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, err := Read("interview.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		if l := Lay(d); len(l.Pages) < 100 {
			b.Fatalf("%d pages", len(l.Pages))
		}
	}
}

// BenchmarkRender draws one page at 2 pixels per point.
func BenchmarkRender(b *testing.B) {
	l := Lay(PlainDoc(transcript(8 << 10)))
	for b.Loop() {
		Render(&l.Pages[0], 2)
	}
}
