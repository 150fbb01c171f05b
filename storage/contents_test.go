package storage

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// BenchmarkContents reads a large review for the exports: 500 documents,
// 20,000 fragments, 300 CMOCs.
func BenchmarkContents(b *testing.B) {
	p, err := Create(filepath.Join(b.TempDir(), "big.cmoproj"), "bench", "Ann")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	page := strings.Repeat("Staff were reassured when the chief executive addressed their concerns. ", 60)
	var frags coding.Batch
	var ids []string
	for i := range 500 {
		d, err := p.AddDocument(coding.Document{FileName: fmt.Sprintf("%d.pdf", i), Authors: "Ann A; Bo B", Year: "2014"},
			[]byte(fmt.Sprintf("%%PDF-%d", i)), []coding.Page{{Text: page}, {Text: page}})
		if err != nil {
			b.Fatal(err)
		}
		for j := range 40 {
			f := coding.Fragment{ID: coding.NewID(), DocID: d.ID, Start: j * 100, End: j*100 + 80, Role: coding.Roles[j%4],
				Labels: []string{fmt.Sprintf("Mechanism %d", (i+j)%40)}}
			frags = append(frags, coding.AddFragment{Fragment: f})
			ids = append(ids, f.ID)
		}
	}
	if _, err := p.Apply(frags); err != nil {
		b.Fatal(err)
	}
	var cmocs coding.Batch
	for i := range 300 {
		cmocs = append(cmocs, coding.AddCMOC{TheoryName: fmt.Sprintf("Theory %d", i%12),
			CMOC: coding.CMOC{Statement: "s", Fragments: []string{ids[i*60], ids[i*60+1], ids[i*60+2], ids[i*60+3]}}})
	}
	if _, err := p.Apply(cmocs); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := p.Contents()
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Fragments) != 20000 || len(c.CMOCs) != 300 || len(c.Documents) != 500 {
			b.Fatalf("%d fragments, %d CMOCs, %d documents", len(c.Fragments), len(c.CMOCs), len(c.Documents))
		}
	}
}
