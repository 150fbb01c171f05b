package storage

import (
	"fmt"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestCachedTx: a statement a transaction keeps answers each run with its
// own arguments, is usable again after it failed (a broken UNIQUE rule),
// and queries beyond the cache's bound still run.
func TestCachedTx(t *testing.T) {
	p := newProject(t)
	err := p.write("test", func(t2 *tx) error {
		const n = 50
		for i := range n {
			if err := t2.PutLabel(coding.Label{ID: fmt.Sprintf("id-%d", i), Name: fmt.Sprintf("Label %d", i), Colour: "#123456"}); err != nil {
				return err
			}
		}
		if err := t2.PutLabel(coding.Label{ID: "other", Name: "label 7", Colour: "#123456"}); err == nil {
			t.Error("a second label named \"label 7\" was put")
		}
		for i := n - 1; i >= 0; i-- {
			l, err := t2.LabelNamed(fmt.Sprintf("LABEL %d", i))
			if err != nil || l.ID != fmt.Sprintf("id-%d", i) {
				t.Errorf("label %d: %+v, %v", i, l, err)
			}
		}
		for i := range maxCachedStmts + 10 { // distinct texts: past the bound
			var v int
			if err := t2.q.QueryRowContext(t.Context(), fmt.Sprintf("SELECT %d", i)).Scan(&v); err != nil || v != i {
				t.Errorf("SELECT %d: %d, %v", i, v, err)
			}
		}
		if len(t2.q.stmts) != maxCachedStmts {
			t.Errorf("%d statements kept, want the bound %d", len(t2.q.stmts), maxCachedStmts)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ls, err := p.Labels(); err != nil || len(ls) != 50 {
		t.Errorf("%d labels after the transaction (%v)", len(ls), err)
	}
}

// BenchmarkPutLabels puts 10,000 labels in one change, as an import of a
// large codebook does (`make bench`).
func BenchmarkPutLabels(b *testing.B) {
	var batch coding.Batch
	for i := range 10_000 {
		batch = append(batch, coding.PutLabel{Label: coding.Label{Name: fmt.Sprintf("Parent / Child (%d)", i+2), Colour: "#123456"}})
	}
	for b.Loop() {
		b.StopTimer()
		p := newProject(b)
		b.StartTimer()
		if _, err := p.Apply(batch); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		p.Close()
		b.StartTimer()
	}
}
