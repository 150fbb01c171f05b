package storage

import (
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// undoSchemaRefs are the statements that take a file back from schemaRefs,
// for tests that rebuild an older schema.
func undoSchemaRefs() []string {
	var stmts []string
	for _, c := range strings.Split(refsCols, ",") {
		stmts = append(stmts, "ALTER TABLE documents DROP COLUMN "+strings.TrimSpace(c))
	}
	return stmts
}

// TestDocumentReferenceFields stores and reads back a document's reference
// and screening fields, and opens a file of the schema before them.
func TestDocumentReferenceFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "refs.cmoproj")
	p, err := Create(path, "refs", "Ann")
	if err != nil {
		t.Fatal(err)
	}
	d := coding.Document{FileName: "a.pdf"}
	d.Reference = coding.Reference{Journal: "J", Volume: "3", Issue: "2", PageRange: "1-9", DOI: "10.1/x", URL: "http://x"}
	d.Screening = coding.Screening{Richness: coding.Appraisal{Judgement: coding.High, Note: "rich"},
		Decision: coding.Exclude, Reason: "insufficient rigour", Stage: "rigour", DecidedBy: "Ann", DecidedAt: "2026-01-02T00:00:00Z"}
	d, err = p.AddDocument(d, []byte("%PDF-a"), searchPages())
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Document(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Reference != d.Reference || got.Screening != d.Screening {
		t.Errorf("read back %+v %+v, want %+v %+v", got.Reference, got.Screening, d.Reference, d.Screening)
	}
	p.Close()

	db := rawDB(t, path)
	for _, stmt := range append(undoSchemaRefs(), "PRAGMA user_version = 6") {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	db.Close()
	if p, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got, err = p.Document(d.ID); err != nil || got.Reference != (coding.Reference{}) || got.Decision != coding.Undecided {
		t.Errorf("after the migration: %+v %+v, %v", got.Reference, got.Screening, err)
	}
}
