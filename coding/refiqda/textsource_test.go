package refiqda

import (
	"testing"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// TestTextDocumentIsTextSource: a text document (a Word interview) is
// written as a TextSource of its plain text, even when its original file
// is at hand, since that file is no PDF; its selection keeps its offsets
// and the project.qde still validates.
func TestTextDocumentIsTextSource(t *testing.T) {
	const text = "Interviewer: What changed?\nP3: People came back."
	doc := coding.Document{ID: "12121212-1111-4222-8333-444455556666", FileName: "interview.docx", Title: "Interview 3",
		Format: "docx", Encoding: "UTF-8", Pages: 1, Chars: utf8.RuneCountInString(text), Added: t0, Modified: t0}
	start, end := span(text, "People came back.")
	p := &Project{Title: "Interviews", Origin: "cmocoder test", Created: t0, CreatedBy: "Ana",
		Documents: []Document{{Document: doc,
			PDF:  func() ([]byte, error) { return []byte("PK\x03\x04 the .docx"), nil },
			Text: func() (string, error) { return text, nil }}},
		Fragments: []coding.Fragment{{ID: "c1000000-0000-4000-8000-000000000001", DocID: doc.ID, Start: start, End: end, Page: 1,
			Role: coding.Outcome, Coder: "Ana", Text: "People came back.", Created: t0, Modified: t0}},
	}
	e := export(t, p)
	if len(e.project.PDFSources) != 0 || len(e.project.TextSources) != 1 {
		t.Fatalf("%d PDF sources and %d text sources, want 0 and 1", len(e.project.PDFSources), len(e.project.TextSources))
	}
	src := e.project.TextSources[0]
	guid := sourceGUID(doc)
	if src.PlainTextPath != "internal://"+guid+".txt" || src.Name != "Interview 3" {
		t.Errorf("text source %+v", src)
	}
	if got := string(e.files["sources/"+guid+".txt"]); got != text {
		t.Errorf("its text %q, want %q", got, text)
	}
	if _, ok := e.files["sources/"+guid+".pdf"]; ok {
		t.Error("a .docx was written as a PDF")
	}
	if len(src.Selections) != 1 || src.Selections[0].Start != start || src.Selections[0].End != end {
		t.Errorf("selections %+v", src.Selections)
	}
}
