package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportTextSourceInfo: a text document's source says, in its
// Description (where the schema allows free text), the original file's
// format, encoding and line endings, which the UTF-8, LF text written
// beside it no longer shows; it has a creatingUser among the users.
func TestExportTextSourceInfo(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "interview.txt")
	if err := os.WriteFile(txt, []byte("\ufeffInterviewer: How did it go?\r\nNurse: Short-staffed, as always.\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newProject(t)
	mustRun(t, "add", p, txt)
	q, x := exportQdpx(t, p, filepath.Join(dir, "review.qdpx"))
	if len(x.Sources.Any) != 1 || x.Sources.Any[0].XMLName.Local != "TextSource" {
		t.Fatalf("sources %+v", x.Sources.Any)
	}
	s := x.Sources.Any[0]
	for _, want := range []string{"TXT", "UTF-8 with BOM", "CRLF"} {
		if !strings.Contains(s.Description, want) {
			t.Errorf("description %q does not say %q", s.Description, want)
		}
	}
	if len(x.Users) == 0 || s.CreatingUser != x.Users[0].GUID {
		t.Errorf("creatingUser %q; users %v", s.CreatingUser, x.Users)
	}
	if text := string(q.files["sources/"+strings.TrimPrefix(s.PlainTextPath, "internal://")]); strings.Contains(text, "\r") {
		t.Errorf("the text written has CRs: %q", text)
	}
}
