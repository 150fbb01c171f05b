package storage

import (
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// searchPages are pages with every case search folds: accents, a ligature,
// a word hyphenated over two lines, astral characters before a hit.
func searchPages() []coding.Page {
	return []coding.Page{
		synthPage(1, "𝑥 Sundström found trust.\nStaff felt listened to."),
		synthPage(2, "The ﬁnancial improve-\nment was small. Trust grew."),
	}
}

// searchTexts runs a query and returns each hit's text as the document's
// text gives it, "page:text".
func searchTexts(t *testing.T, p *Project, query string, docs ...string) []string {
	t.Helper()
	q, err := coding.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := p.Search(q, docs...)
	if err != nil {
		t.Fatal(err)
	}
	hits := coding.Hits(pages)
	var out []string
	for _, h := range hits {
		text, err := p.Text(h.DocID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Page != text.PageAt(h.Start) {
			t.Errorf("hit %+v is on page %d", h, text.PageAt(h.Start))
		}
		out = append(out, strings.Join([]string{itoa(h.Page), text.Slice(h.Start, h.End)}, ":"))
	}
	return out
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestSearchAddAndReplace(t *testing.T) {
	p := newProject(t)
	d, err := p.AddDocument(coding.Document{FileName: "a.pdf"}, []byte("%PDF-a"), searchPages())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  string
	}{
		{"sundstrom", "1:Sundström"},
		{"trust", "1:trust|2:Trust"},
		{"financial", "2:ﬁnancial"},
		{"improvement", "2:improve-\nment"},
		{`"felt listened"`, "1:felt listened"},
		{"listen* OR grew", "1:listened|2:grew"},
		{"trust -grew", "1:trust"},
		{"staff trust", ""},
	} {
		if got := strings.Join(searchTexts(t, p, tc.query), "|"); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.query, got, tc.want)
		}
	}
	if got := searchTexts(t, p, "trust", "no-such-doc"); len(got) != 0 {
		t.Errorf("search in another document found %q", got)
	}
	// OCR replaces the text: the index follows it in the same transaction.
	if _, err := p.ReplaceText(d.ID, []coding.Page{synthPage(1, "Accountability matters."), synthPage(2, "")}, false, nil); err != nil {
		t.Fatal(err)
	}
	if got := searchTexts(t, p, "trust"); len(got) != 0 {
		t.Errorf("the old text is still found: %q", got)
	}
	if got := strings.Join(searchTexts(t, p, "accountability"), "|"); got != "1:Accountability" {
		t.Errorf("the new text: %q", got)
	}
}

// TestSearchMigration opens a project made by schema 4 (before the
// fragments' role index of schema 5 and the search index of schema 6):
// the migrations index its documents.
func TestSearchMigration(t *testing.T) {
	path := oneDocumentProject(t, "v4", searchPages())
	// Take the file back to schema 4 as that cmocoder wrote it.
	db := rawDB(t, path)
	// SQLite 3.54's FTS5 leaves the _content table of a contentless_unindexed
	// table behind when dropping it.
	for _, stmt := range append(undoSchemaRefs(), "DROP TABLE search_words", "DROP TABLE search_index", "DROP TABLE IF EXISTS search_index_content",
		"DROP INDEX fragments_by_doc_role", "PRAGMA user_version = 4") {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search%'").Scan(&n)
	if n != 0 {
		t.Fatalf("%d search tables left", n)
	}
	db.Close()
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got := strings.Join(searchTexts(t, p, "trust"), "|"); got != "1:trust|2:Trust" {
		t.Errorf("after the migration: %q", got)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
}

// TestSearchMerge: a document merged in from a teammate's project is found.
func TestSearchMerge(t *testing.T) {
	p, other := newProject(t), newProject(t)
	if _, err := other.AddDocument(coding.Document{FileName: "b.pdf"}, []byte("%PDF-b"), searchPages()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Merge(other, false); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(searchTexts(t, p, "sundström"), "|"); got != "1:Sundström" {
		t.Errorf("after the merge: %q", got)
	}
}

// oneDocumentProject makes a project named name holding one document of
// the pages given, and closes it: a file for a test to take back to an
// older schema.
func oneDocumentProject(t *testing.T, name string, pages []coding.Page) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".cmoproj")
	p, err := Create(path, name, "Ann")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddDocument(coding.Document{FileName: "a.pdf"}, []byte("%PDF-a"), pages); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
