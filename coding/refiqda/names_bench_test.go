package refiqda

import "testing"

// BenchmarkMapCodesSameName maps 100,000 codes of one name under one
// parent (`make bench`): about a second; numbering by trial took an hour.
func BenchmarkMapCodesSameName(b *testing.B) {
	cs := sameNamedChildren(100_000)
	for b.Loop() {
		MapCodes(cs)
	}
}
