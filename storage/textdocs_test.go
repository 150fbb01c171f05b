package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestV3FormatMigration: a project made before formats were recorded opens
// with its document as a PDF, no encoding and no line-ending convention.
func TestV3FormatMigration(t *testing.T) {
	p := openV1At(t, 3)
	d, err := p.Document(fixtureDoc)
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != coding.FormatPDF || d.Encoding != "" || d.LineEnding != "" || !d.IsPDF() {
		t.Errorf("migrated document: format %q encoding %q line ending %q", d.Format, d.Encoding, d.LineEnding)
	}
	if b, err := p.PDF(fixtureDoc); err != nil || string(b) != "%PDF-fixture" {
		t.Errorf("the PDF after the migration: %q %v", b, err)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
}

// interviewDoc is a text document as the importer gives it: a .txt file's
// bytes (UTF-8 with BOM, CRLF) and its text on one page.
func interviewDoc() (coding.Document, []byte, []coding.Page) {
	raw := []byte("\ufeffI: How did the merger go?\r\nP1: Badly at first.\r\n")
	doc := coding.Document{FileName: "interview.txt", Title: "Interview 1", Format: "txt",
		Encoding: "UTF-8 with BOM", LineEnding: "CRLF"}
	return doc, raw, []coding.Page{{Text: "I: How did the merger go?\nP1: Badly at first.\n", X1: 595, Y1: 842}}
}

// TestTextDocumentStored: a text document keeps its format, encoding,
// line-ending convention and original bytes across reopening, is found by
// the SHA-256 of those bytes, and the same file is not added twice.
func TestTextDocumentStored(t *testing.T) {
	p := newProject(t)
	doc, raw, pages := interviewDoc()
	d, err := p.AddDocument(doc, raw, pages)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	if d.SHA256 != hex.EncodeToString(sum[:]) || d.IsPDF() {
		t.Errorf("added %+v", d)
	}
	path := p.Path()
	p.Close()
	p = mustOpen(t, path)
	got, err := p.Document(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Format != "txt" || got.Encoding != "UTF-8 with BOM" || got.LineEnding != "CRLF" {
		t.Errorf("reopened: format %q encoding %q line ending %q", got.Format, got.Encoding, got.LineEnding)
	}
	if b, err := p.PDF(d.ID); err != nil || !bytes.Equal(b, raw) {
		t.Errorf("original bytes %q %v", b, err)
	}
	if found, ok, err := p.HasPDF(d.SHA256); err != nil || !ok || found.ID != d.ID {
		t.Errorf("found by SHA-256: %v %v %+v", ok, err, found)
	}
	before := fileSum(t, path)
	again := doc
	again.FileName = "copy.txt"
	if _, err := p.AddDocument(again, raw, pages); err == nil {
		t.Error("the same file went in twice")
	} else {
		wantKind(t, err, coding.KindExists, "already in the project as Interview 1")
	}
	p.Close()
	if fileSum(t, path) != before {
		t.Error("a refused document changed the file")
	}
}

// TestMergeTextDocuments: Ann and Bob each add the same interview file;
// Bob also adds a Word file and codes both. Merging Bob's project into
// Ann's matches the interview by the SHA-256 of its bytes (Bob's fragment
// lands on Ann's document) and copies the Word file with its format,
// encoding and bytes.
func TestMergeTextDocuments(t *testing.T) {
	dir := t.TempDir()
	annPath, bobPath := filepath.Join(dir, "ann.cmoproj"), filepath.Join(dir, "bob.cmoproj")
	doc, raw, pages := interviewDoc()
	ann, annDoc := createWith(t, annPath, "Interviews", "Ann", doc, raw, pages)
	t.Cleanup(func() { ann.Close() })
	bob, bobDoc := createWith(t, bobPath, "Interviews", "Bob", doc, raw, pages)
	if bobDoc.ID == annDoc.ID {
		t.Fatal("the two copies must have their own IDs for the test to mean anything")
	}
	word := []byte("PK\x03\x04 a Word file's bytes")
	wordDoc, err := bob.AddDocument(coding.Document{FileName: "policy.docx", Title: "Policy", Format: "docx", Encoding: "UTF-8"},
		word, []coding.Page{{Text: "Staff are reassured."}})
	if err != nil {
		t.Fatal(err)
	}
	code(t, bob, "Bob", "f-interview", bobDoc.ID, 3, 25, coding.Context)
	code(t, bob, "Bob", "f-policy", wordDoc.ID, 0, 5, coding.Outcome)
	bob.Close()

	other := mustOpenRO(t, bobPath)
	plan, err := ann.Merge(other, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Conflicts) > 0 {
		t.Errorf("conflicts: %q", plan.Report())
	}
	docs, err := ann.Documents()
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents after the merge: %v %+v", err, docs)
	}
	if got := docs[1]; got.ID != wordDoc.ID || got.Format != "docx" || got.Encoding != "UTF-8" || got.SHA256 != wordDoc.SHA256 {
		t.Errorf("the Word file arrived as %+v", got)
	}
	if b, err := ann.PDF(wordDoc.ID); err != nil || !bytes.Equal(b, word) {
		t.Errorf("the Word file's bytes: %q %v", b, err)
	}
	f, err := ann.Fragment("f-interview")
	if err != nil || f.DocID != annDoc.ID || f.Text != "How did the merger go?" {
		t.Errorf("Bob's interview fragment: %+v %v", f, err)
	}
	if err := ann.Check(); err != nil {
		t.Error(err)
	}
}
