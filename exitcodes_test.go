package main

// Exit codes that tell the truth: a write that fails part way through an
// import or an add of several files is an error (exit 1) naming the file
// that failed and saying exactly what went in; warnings carry "warning:"
// and exit 0 in every verb.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// stderrLines is a run's stderr, one entry a line.
func stderrLines(r result) []string {
	s := strings.TrimSuffix(r.stderr, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// emptyProjectKiB makes an empty project and returns its path and size in
// KiB: the base of a file size limit (ulimit -f) that lets in what fits
// in the rest.
func emptyProjectKiB(t *testing.T, dir string) (string, int) {
	t.Helper()
	p := filepath.Join(dir, "review.cmoproj")
	mustRun(t, "new", p, "--title", "Review", "--coder", "tester")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, int(fi.Size() / 1024)
}

// TestImportFullDisk: a .qdpx whose first PDF fits on the disk and whose
// second does not is an error naming the second, saying that one document
// went in and none of the coding; with no room for any, nothing went in
// and the project is byte for byte as it was. Neither is a warning.
func TestImportFullDisk(t *testing.T) {
	needPDFs(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash for ulimit")
	}
	dir := t.TempDir()
	// The demo (a 250 KB article with coding), then a 1.4 MB article.
	src := filepath.Join(dir, "src.cmoproj")
	mustRun(t, "demo", src)
	mustRun(t, "add", src, filepath.Join(pdfDir, "clinsci-2014-fragment-based-ace-inhibitors.pdf"), filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"))
	qdpx := filepath.Join(dir, "team.qdpx")
	mustRun(t, "export", src, "--format", "qdpx", "-o", qdpx)

	for _, c := range []struct {
		name  string
		room  int // KiB past the empty project
		docs  int
		wants []string
	}{
		{"the second document does not fit", 1100, 1, []string{
			`cmocoder: import: team.qdpx: source "Fragment-based design`,
			"cannot save review.cmoproj: writing to the disk failed (is it full?); 1 document was imported before it, none of the coding"}},
		{"no document fits", 64, 0, []string{
			`cmocoder: import: team.qdpx: source "Understanding the barriers`,
			"cannot save review.cmoproj: writing to the disk failed (is it full?); nothing was imported"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, kib := emptyProjectKiB(t, t.TempDir())
			before := fileSum(t, p)
			r := runLimited(t, kib+c.room, "import", p, qdpx)
			lines := stderrLines(r)
			if r.code != 1 || r.stdout != "" || len(lines) != 1 {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 and one line", r.code, r.stdout, r.stderr)
			}
			for _, w := range c.wants {
				if w = strings.ReplaceAll(w, "review.cmoproj", p); !strings.Contains(lines[0], w) {
					t.Errorf("%q\nlacks %q", lines[0], w)
				}
			}
			if strings.Contains(lines[0], "warning") || (c.docs > 0 && strings.Contains(lines[0], "as it was before")) {
				t.Errorf("%q", lines[0])
			}
			if n := len(docs(t, p)); n != c.docs {
				t.Errorf("%d documents in the project, want %d", n, c.docs)
			}
			if n := len(listFragments(t, p)); n != 0 {
				t.Errorf("%d fragments in the project, want none", n)
			}
			if c.docs == 0 && fileSum(t, p) != before {
				t.Error("the project changed")
			}
		})
	}
}

// TestAddSeveralFullDisk: add of three files whose second does not fit
// names it, says which went in and which did not, and stops: the third
// (small enough to fit) is not added behind a message that says the
// project is as it was.
func TestAddSeveralFullDisk(t *testing.T) {
	needPDFs(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash for ulimit")
	}
	small := filepath.Join(pdfDir, "bmc-hsr-2014-agyeman-duah.pdf")
	big := filepath.Join(pdfDir, "freeculture-lessig-352p.pdf")
	tiny := filepath.Join(pdfDir, "habibi-arabic-rotated-pages.pdf")
	for _, c := range []struct {
		name  string
		files []string
		room  int
		docs  int
		want  string
	}{
		{"the second of three", []string{small, big, tiny}, 1100, 1,
			"cmocoder: add: freeculture-lessig-352p.pdf: cannot save review.cmoproj: writing to the disk failed (is it full?); " +
				"added: bmc-hsr-2014-agyeman-duah.pdf; not added: freeculture-lessig-352p.pdf, habibi-arabic-rotated-pages.pdf"},
		{"the first of two", []string{big, tiny}, 1100, 0,
			"cmocoder: add: freeculture-lessig-352p.pdf: cannot save review.cmoproj: writing to the disk failed (is it full?); " +
				"nothing was added; not added: freeculture-lessig-352p.pdf, habibi-arabic-rotated-pages.pdf"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, kib := emptyProjectKiB(t, t.TempDir())
			r := runLimited(t, kib+c.room, append([]string{"add", p}, c.files...)...)
			want := strings.ReplaceAll(c.want, "review.cmoproj", p)
			if lines := stderrLines(r); r.code != 1 || len(lines) != 1 || lines[0] != want {
				t.Errorf("exit %d, stderr %q\nwant one line %q", r.code, r.stderr, want)
			}
			if n := len(docs(t, p)); n != c.docs {
				t.Errorf("%d documents in the project, want %d", n, c.docs)
			}
		})
	}
}

// TestNewProjectFullDisk: a project (new, or the demo) the disk has no
// room for is not made, and the message says so, not that it is "as it
// was".
func TestNewProjectFullDisk(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash for ulimit")
	}
	for _, c := range []struct {
		verb string
		kib  int
	}{{"demo", 300}, {"new", 0}, {"new", 100}} {
		t.Run(fmt.Sprint(c.verb, c.kib), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "review.cmoproj")
			r := runLimited(t, c.kib, c.verb, p)
			want := "cmocoder: " + c.verb + ": cannot save " + p + ": writing to the disk failed (is it full?); no project was made\n"
			if r.code != 1 || r.stderr != want {
				t.Errorf("exit %d, stderr %q\nwant %q", r.code, r.stderr, want)
			}
			if _, err := os.Stat(p); err == nil {
				t.Error("a project was left behind")
			}
		})
	}
}

// TestWarningsPrefixed: in every verb that warns, a warning is a line
// "cmocoder: VERB: warning: ..." and the exit status is 0; an error in the
// same verb carries no "warning".
func TestWarningsPrefixed(t *testing.T) {
	needPDFs(t)
	dir := t.TempDir()
	scan := filepath.Join(pdfDir, "scanned-abstract-ccitt-no-text.pdf")
	p := newProject(t)
	other := filepath.Join(dir, "other.cmoproj")
	mustRun(t, "new", other, "--title", "Other", "--coder", "bea")
	broken := filepath.Join(dir, "broken.pdf")
	if err := os.WriteFile(broken, []byte("%PDF-1.4 not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	picture := filepath.Join(dir, "picture.qdpx")
	writeZip(t, picture, map[string][]byte{"project.qde": []byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="p">` +
		`<CodeBook><Codes><Code guid="a0000000-0000-4000-8000-000000000007" name="Trust" isCodable="true"/></Codes></CodeBook><Sources>` +
		`<PictureSource guid="a0000000-0000-4000-8000-000000000003" name="Ward photo" path="internal://a0000000-0000-4000-8000-000000000003.png"/>` +
		`<TextSource guid="a0000000-0000-4000-8000-000000000004" name="Notes"><PlainTextContent>Staff felt heard.</PlainTextContent>` +
		`<PlainTextSelection guid="a0000000-0000-4000-8000-000000000005" startPosition="0" endPosition="5">` +
		`<Coding guid="a0000000-0000-4000-8000-000000000006"><CodeRef targetGUID="a0000000-0000-4000-8000-000000000007"/></Coding></PlainTextSelection></TextSource>` +
		`</Sources></Project>`)})
	for _, c := range []struct {
		verb string
		args []string
		code int
		want string // in the one line on stderr
	}{
		{"import", []string{"import", p, picture}, 0, `cmocoder: import: warning: source "Notes": 1 coded passage without a Context/Mechanism/Outcome code came in unclassified`},
		{"add", []string{"add", p, scan}, 0, "cmocoder: add: warning: scanned-abstract-ccitt-no-text.pdf: "},
		{"extract", []string{"extract", scan}, 0, "cmocoder: extract: warning: scanned-abstract-ccitt-no-text.pdf: "},
		{"merge", []string{"merge", p, other, "--dry-run"}, 0, "cmocoder: merge: warning: dry run: "},
		{"add", []string{"add", p, broken}, 1, "cmocoder: add: broken.pdf: "},
	} {
		t.Run(strings.Join(c.args[:1], " ")+" "+filepath.Base(c.args[len(c.args)-1]), func(t *testing.T) {
			r := run(t, c.args...)
			lines := stderrLines(r)
			if r.code != c.code || len(lines) == 0 {
				t.Fatalf("exit %d, stderr %q; want exit %d", r.code, r.stderr, c.code)
			}
			if !strings.HasPrefix(lines[0], c.want) {
				t.Errorf("%q does not start %q", lines[0], c.want)
			}
			for _, l := range lines {
				if warning := strings.HasPrefix(l, "cmocoder: "+c.verb+": warning: "); warning != (c.code == 0) || (c.code != 0 && strings.Contains(l, "warning")) {
					t.Errorf("exit %d with the line %q", r.code, l)
				}
			}
		})
	}
}
