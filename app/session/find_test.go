package session

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestFindDocumentIn: what a person types for a document is its ID, its
// file name (any case) or a unique prefix of its ID of 4 characters or
// more; the messages say which went wrong.
func TestFindDocumentIn(t *testing.T) {
	docs := []coding.Document{
		{ID: "abcd1111", FileName: "Tully.pdf"},
		{ID: "abcd2222", FileName: "abcd.pdf"},
		{ID: "ef012345", FileName: "other.pdf"},
	}
	for _, tc := range []struct {
		ref, want, err string
	}{
		{"abcd2222", "abcd2222", ""},
		{"tully.PDF", "abcd1111", ""},
		{"abcd.pdf", "abcd2222", ""}, // the file name wins over a prefix
		{"EF01", "ef012345", ""},
		{"abcd", "", `abcd: 2 documents start with this id; give more of it`},
		{"ef0", "", `ef0: no such document in the project`},
		{"9999", "", `9999: no such document in the project`},
	} {
		d, err := FindDocumentIn(docs, tc.ref)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%q: error %v, want %q", tc.ref, err, tc.err)
		case tc.err == "" && (err != nil || d.ID != tc.want):
			t.Errorf("%q: %q, %v; want %q", tc.ref, d.ID, err, tc.want)
		}
	}
}
