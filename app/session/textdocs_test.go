package session

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestTextPages lays a stored text document out again by its recorded
// format, whatever its file name says, and refuses a layout whose text is
// not the stored one.
func TestTextPages(t *testing.T) {
	data := []byte("Interviewer: What changed?\nP3: People came back.\n")
	doc, pages, err := textDocument("add", "notes.txt", "", data)
	if err != nil {
		t.Fatal(err)
	}
	stored := coding.NewText(pages)
	doc.FileName = "Interview 3.docx" // a REFI-QDA source's name: its file is its text
	got, err := TextPages(doc, data, stored)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pages) || got[0].Text != pages[0].Text || len(got[0].Boxes) != len(pages[0].Boxes) {
		t.Errorf("laid out again: %d pages, page 1 %q", len(got), got[0].Text)
	}
	other := coding.NewText([]coding.Page{{Text: "another text"}})
	if _, err := TextPages(doc, data, other); err == nil {
		t.Error("a layout that differs from the stored text was accepted")
	}
}
