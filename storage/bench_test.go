package storage

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// bigDocument is the size of Lessig's Free Culture (352 pages, about
// 730,000 code points, a 2.6 MB PDF), synthetic.
func bigDocument() (coding.Document, []byte, []coding.Page) {
	return synthDocument(352, 352, 2070, 2_600_000)
}

func codePoints(pages []coding.Page) int {
	n := 0
	for _, p := range pages {
		n += utf8.RuneCountInString(p.Text)
	}
	return n
}

func BenchmarkAddDocument(b *testing.B) {
	doc, pdf, pages := bigDocument()
	cp := codePoints(pages)
	dir := b.TempDir()
	var size int64
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		p, err := Create(filepath.Join(dir, strconv.Itoa(i)+".cmoproj"), "bench", "Ann")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := p.AddDocument(doc, pdf, pages); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		p.Close()
		fi, _ := os.Stat(p.Path())
		size = fi.Size()
		b.StartTimer()
	}
	b.ReportMetric(float64(cp), "codepoints")
	b.ReportMetric(float64(size)/1e6, "file-MB")
}

func BenchmarkEncodeBoxes(b *testing.B) {
	_, _, pages := bigDocument()
	total := 0
	for b.Loop() {
		total = 0
		for _, pg := range pages {
			total += len(encodeBoxes(pg.Boxes))
		}
	}
	b.ReportMetric(float64(total)/float64(codePoints(pages)), "bytes/codepoint")
}

func benchProject(b *testing.B) (string, coding.Document) {
	doc, pdf, pages := bigDocument()
	path := filepath.Join(b.TempDir(), "big.cmoproj")
	p, d := createWith(b, path, "bench", "Ann", doc, pdf, pages)
	p.Close()
	return path, d
}

func BenchmarkOpenDocuments(b *testing.B) {
	path, _ := benchProject(b)
	for b.Loop() {
		p, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if docs, err := p.Documents(); err != nil || len(docs) != 1 {
			b.Fatal(docs, err)
		}
		p.Close()
	}
}

func BenchmarkText(b *testing.B) {
	path, d := benchProject(b)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		p, err := open(path, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := p.Text(d.ID); err != nil { // not cached yet
			b.Fatal(err)
		}
		b.StopTimer()
		p.Close()
		b.StartTimer()
	}
}

func BenchmarkPage(b *testing.B) {
	path, d := benchProject(b)
	p, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	n := 0
	for b.Loop() {
		if _, err := p.Page(d.ID, n%352+1); err != nil {
			b.Fatal(err)
		}
		n++
	}
}
