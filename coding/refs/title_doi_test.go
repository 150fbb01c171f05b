package refs

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

func TestFindDOI(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Journal of Trauma Management & Outcomes 2010 4:1. doi:10.1186/1752-2897-4-1", "10.1186/1752-2897-4-1"},
		{"https://doi.org/10.1155/2010/157939.", "10.1155/2010/157939"},
		{"Rehabilitation Research and Practice", ""},
		{"", ""},
		{"keywords; (10.7717/peerj.3516); more", "10.7717/peerj.3516"},
	} {
		if got := FindDOI(c.in); got != c.want {
			t.Errorf("FindDOI(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFillTitle: the matched record's title becomes the source's title
// (the import's is the file's metadata or name); a record without one
// keeps it.
func TestFillTitle(t *testing.T) {
	s := coding.Source{Title: "Microsoft Word - draft3.doc", Authors: "Typed, A."}
	got := Fill(s, Record{Title: "Patient experiences of heart failure programmes", Authors: []string{"Tully, N."}}, false)
	if got.Title != "Patient experiences of heart failure programmes" {
		t.Errorf("title %q", got.Title)
	}
	if got.Authors != "Typed, A." {
		t.Errorf("typed authors replaced: %q", got.Authors)
	}
	if got := Fill(s, Record{DOI: "10.1/x"}, true); got.Title != s.Title {
		t.Errorf("a record without title changed it to %q", got.Title)
	}
}
