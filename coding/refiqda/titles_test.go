package refiqda

import "testing"

// TestSourceTitleExtensions: a source named like a document's file loses
// the extension as a title, in any case; other names are kept whole.
func TestSourceTitleExtensions(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Interview 3.docx", "Interview 3"},
		{"Policy.PDF", "Policy"},
		{"notes.txt", "notes"},
		{"Guidance 2019.odt", "Guidance 2019"},
		{"Letter.RTF", "Letter"},
		{"Saved page.html", "Saved page"},
		{"Saved page.HTM", "Saved page"},
		{"README.md", "README"},
		{"Report v2.Docx", "Report v2"},
		{"Data.csv", "Data.csv"},
		{"St. Mary's", "St. Mary's"},
		{".md", ".md"},
		{"Dr. Smith.odt", "Dr. Smith"},
	} {
		if got := (Source{Name: c.name}).Title(); got != c.want {
			t.Errorf("%q: title %q, want %q", c.name, got, c.want)
		}
	}
}
