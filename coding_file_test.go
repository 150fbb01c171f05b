package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A teammate's coding travels as a coding file, without the PDFs: merging
// it does exactly what merging their whole project does, and the file is
// a small part of the project (issue 14: a 467 MB project no e-mail
// carries).
func TestCodingFileMergesLikeTheProject(t *testing.T) {
	dir := t.TempDir()
	lead, doc := leadProject(t)
	ann, annToo, bob := filepath.Join(dir, "ann.cmoproj"), filepath.Join(dir, "ann2.cmoproj"), filepath.Join(dir, "bob.cmoproj")
	copyProject(t, lead, ann)
	copyProject(t, lead, bob)
	teamWork(t, ann, doc, bob, doc)
	copyProject(t, ann, annToo)

	coding := filepath.Join(dir, "bob.coding")
	bobSum := fileSum(t, bob)
	mustRun(t, "export", bob, "--format", "coding", "-o", coding)
	if fileSum(t, bob) != bobSum {
		t.Error("exporting the coding changed the project")
	}
	cs, ps := fileSize(t, coding), fileSize(t, bob)
	t.Logf("coding file %d bytes, project %d bytes (%.2f%%)", cs, ps, 100*float64(cs)/float64(ps))
	if cs*100 >= ps {
		t.Errorf("the coding file is %d bytes, not under 1%% of the project's %d", cs, ps)
	}

	fromProject := mustRun(t, "merge", annToo, bob)
	fromCoding := mustRun(t, "merge", ann, coding)
	if fromCoding != fromProject || !strings.HasPrefix(fromCoding, "added: 3 fragments, 1 CMOC, 1 theory, 1 coder") {
		t.Errorf("merging the coding file printed\n%s\nmerging the project\n%s", fromCoding, fromProject)
	}
	if a, b := listFragments(t, ann), listFragments(t, annToo); !reflect.DeepEqual(a, b) {
		t.Errorf("fragments after merging the coding file\n%+v\nafter merging the project\n%+v", a, b)
	}
	if a, b := mustRun(t, "export", ann, "--table", "cmocs", "--format", "csv"), mustRun(t, "export", annToo, "--table", "cmocs", "--format", "csv"); a != b {
		t.Errorf("CMOCs after merging the coding file\n%s\nafter merging the project\n%s", a, b)
	}
	if again := mustRun(t, "merge", ann, coding); again != "nothing to do\n" {
		t.Errorf("merging the same coding file again printed %q", again)
	}
}

// A coding file naming a document the project lacks merges the rest and
// says which document, and how much of its coding, stayed out; a file
// that is no coding file is one line, exit 1, the project unchanged.
func TestCodingFileMissingDocumentAndBadFiles(t *testing.T) {
	dir := t.TempDir()
	lead, doc := leadProject(t)
	bob := filepath.Join(dir, "bob.cmoproj")
	copyProject(t, lead, bob)
	text := mustRun(t, "text", bob, doc)
	codeAs(t, bob, doc, text, "Bob", 3, 5, "context")
	other := addDoc(t, bob, filepath.Join(pdfDir, "bmc-jtmo-2010-datta-systematic-review.pdf"))
	otherText := mustRun(t, "text", bob, other)
	codeAs(t, bob, other, otherText, "Bob", 3, 5, "outcome")
	codeAs(t, bob, other, otherText, "Bob", 8, 9, "context")
	coding := filepath.Join(dir, "bob.coding")
	mustRun(t, "export", bob, "--format", "coding", "-o", coding)

	r := run(t, "merge", lead, coding)
	if r.code != 0 {
		t.Fatalf("merge: exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "added: 1 fragment, 1 coder\n") ||
		!strings.Contains(r.stdout, "conflict:") || !strings.Contains(r.stdout, "not in this project") ||
		!strings.Contains(r.stdout, "2 fragments of OTHER on it not merged") {
		t.Errorf("merge printed\n%s", r.stdout)
	}
	if n := len(listFragments(t, lead)); n != 1 {
		t.Errorf("%d fragments after the merge, want Bob's one on the shared document", n)
	}

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"format": "a spreadsheet"}`))
	zw.Close()
	notCoding := filepath.Join(dir, "sheet.coding")
	os.WriteFile(notCoding, gz.Bytes(), 0o644)
	cut := filepath.Join(dir, "cut.coding")
	b, _ := os.ReadFile(coding)
	os.WriteFile(cut, b[:len(b)/2], 0o644)
	before := fileSum(t, lead)
	for _, c := range []struct{ path, want string }{
		{notCoding, `sheet.coding is not a cmocoder coding file (it says it is "a spreadsheet")`},
		{cut, "cut.coding is damaged: the file is cut short"},
	} {
		r := run(t, "merge", lead, c.path)
		if r.code != 1 || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("merge %s: exit %d, stderr %q; want exit 1 and one line saying %q", filepath.Base(c.path), r.code, r.stderr, c.want)
		}
	}
	if fileSum(t, lead) != before {
		t.Error("a bad coding file changed the project")
	}
}

func fileSize(t testing.TB, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
