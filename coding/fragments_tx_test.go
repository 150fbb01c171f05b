package coding

import "slices"

// Fragments implements Tx: a document's fragments, by start.
func (m *memTx) Fragments(docID string) ([]Fragment, error) {
	var out []Fragment
	for _, f := range m.frags {
		if f.DocID == docID {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Fragment) int { return a.Start - b.Start })
	return out, nil
}
