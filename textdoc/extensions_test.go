package textdoc

import (
	"slices"
	"testing"
)

// TestExtensions: the list file dialogs filter by is sorted, names every
// format, and each of its extensions is read here.
func TestExtensions(t *testing.T) {
	exts := Extensions()
	if !slices.IsSorted(exts) {
		t.Errorf("not sorted: %q", exts)
	}
	for _, want := range []string{".txt", ".docx", ".odt", ".html", ".htm", ".md", ".rtf"} {
		if !slices.Contains(exts, want) {
			t.Errorf("%s missing from %q", want, exts)
		}
	}
	for _, e := range exts {
		if !Supported("file" + e) {
			t.Errorf("%s listed but not read", e)
		}
	}
}
