package session

import (
	"context"
	"path/filepath"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refs"
	"cmocoder.org/cmocoder/storage"
)

// TestRefsMatchDOIInOlderPDF: a document added before add recorded the
// DOI of its metadata (here: its DOI field cleared) is still matched by
// that DOI, read from its stored PDF; Datta et al. print none on their
// pages and the record's title differs.
func TestRefsMatchDOIInOlderPDF(t *testing.T) {
	pdf := filepath.Join("..", "..", "..", "shared", "testdata", "pdf", "bmc-jtmo-2010-datta-systematic-review.pdf")
	p, err := storage.Create(filepath.Join(t.TempDir(), "old.cmoproj"), "Old", "tester")
	if err != nil {
		t.Fatal(err)
	}
	s := New(p)
	defer s.Close()
	eng := testEngine(t)
	d, err := s.Import(context.Background(), eng, pdf, "")
	if err != nil {
		t.Skip("shared PDF not found:", err)
	}
	src := d.Source()
	src.DOI = ""
	if err := s.Do(coding.EditSource{DocID: d.ID, Source: src}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.ImportReferences([]refs.Record{{Title: "DVT prophylaxis in trauma", Year: "2010", DOI: "10.1186/1752-2897-4-1"}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matched != 1 {
		t.Fatalf("report %s", rep)
	}
	if got, _ := s.Document(d.ID); got.DOI != "10.1186/1752-2897-4-1" || got.Title != "DVT prophylaxis in trauma" {
		t.Errorf("DOI %q, title %q", got.DOI, got.Title)
	}
}
