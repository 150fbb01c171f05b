package storage

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// BenchmarkSearchCommonWord searches 20 synthetic documents of 20 pages of
// 4,000 code points for a word on every page: the index narrows nothing,
// so this is the cost of reading pages and matching in them.
func BenchmarkSearchCommonWord(b *testing.B) {
	p := newProject(b)
	for i := range 20 {
		doc, pdf, pages := synthDocument(uint64(i+1), 20, 4000, 1000)
		if _, err := p.AddDocument(doc, pdf, pages); err != nil {
			b.Fatal(err)
		}
	}
	q, err := coding.ParseQuery("leadership")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		pages, err := p.Search(q)
		if err != nil || len(pages) == 0 {
			b.Fatal(len(pages), err)
		}
	}
}
