package refiqda

import (
	"slices"

	"cmocoder.org/cmocoder/coding"
)

// Fragments implements coding.Tx: a document's fragments, by start.
func (m *memTx) Fragments(docID string) ([]coding.Fragment, error) {
	var out []coding.Fragment
	for _, f := range m.frags {
		if f.DocID == docID {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b coding.Fragment) int { return a.Start - b.Start })
	return out, nil
}
