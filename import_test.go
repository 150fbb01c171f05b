package main

// `cmocoder import`: REFI-QDA projects and codebooks brought into a
// project, cmocoder's own exports round-tripped.

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"cmocoder.org/cmocoder/internal/testfiles"
)

const refiSamples = "../shared/refi-qda/samples"

// importedFragments is `fragments --json` without the times (the export
// keeps them to the second), for comparing.
func importedFragments(t *testing.T, project string) string {
	t.Helper()
	fs := listFragments(t, project)
	for i := range fs {
		fs[i].Created, fs[i].Modified = "", ""
	}
	b, _ := json.MarshalIndent(fs, "", " ")
	return string(b)
}

// reviewedDemo is the demo project with a fragment coded by Bea (memo and
// a new label) and a second CMOC, with a narrative, under a new theory.
func reviewedDemo(t *testing.T, dir string) string {
	t.Helper()
	p := newDemo(t, dir)
	ds := docs(t, p)
	text := []rune(mustRun(t, "text", p, ds[0].ID))
	const quote = "Human resource shortages"
	start := strings.Index(string(text), quote)
	if start < 0 {
		t.Fatalf("%q not in the demo text", quote)
	}
	start = len([]rune(string(text)[:start]))
	frag := strings.TrimSpace(mustRun(t, "code", p, ds[0].ID, strconv.Itoa(start), strconv.Itoa(start+len(quote)),
		"--role", "reasoning", "--valence", "+", "--label", "Staffing", "--label", "Leadership", "--coder", "Bea",
		"--memo", "Seen on the wards too.\nTwo lines."))
	mustRun(t, "cmoc", p, "--statement", "Shortages (M+)", "--fragment", frag, "--theory", "Staffing",
		"--label", "Staffing", "--narrative", "A narrative\n\nin two paragraphs.", "--coder", "Bea")
	return p
}

// TestImportQdpxRoundTrip: a project exported and imported into an empty
// one has the same documents, fragments, CMOCs, theories and codebook;
// importing again, or into the original, adds nothing.
func TestImportQdpxRoundTrip(t *testing.T) {
	dir := t.TempDir()
	orig := reviewedDemo(t, dir)
	qdpx := filepath.Join(dir, "review.qdpx")
	mustRun(t, "export", orig, "--format", "qdpx", "-o", qdpx)

	// The demo's coders are "Demo coder" and Bea; tester made the new
	// project. Labels: the demo's four and Staffing.
	p := importInto(t, orig, qdpx, "imported: 1 document, 6 fragments, 2 CMOCs, 2 theories, 5 labels, 2 coders\n")
	for _, table := range []string{"cmocs", "codebook", "sources", "matrix"} {
		a := mustRun(t, "export", orig, "--table", table, "--format", "csv")
		b := mustRun(t, "export", p, "--table", table, "--format", "csv")
		if a != b {
			t.Errorf("export --table %s differs:\noriginal\n%s\nimported\n%s", table, a, b)
		}
	}
	if a, b := mustRun(t, "export", orig, "--table", "matrix", "--format", "csv", "--by", "theories"),
		mustRun(t, "export", p, "--table", "matrix", "--format", "csv", "--by", "theories"); a != b {
		t.Errorf("theories matrix differs:\n%s\n%s", a, b)
	}
	da, db := docs(t, orig), docs(t, p)
	if fmt.Sprint(da) != fmt.Sprint(db) {
		t.Errorf("documents differ:\n%v\n%v", da, db)
	}
	// The narrative comes back: the HTML report prints it.
	if html := mustRun(t, "export", p, "--table", "cmocs", "--format", "html"); !strings.Contains(html, "in two paragraphs.") ||
		!strings.Contains(html, "Managers at the Medical Department") {
		t.Error("narratives lost in the import")
	}

	// Again: nothing new.
	before := importedFragments(t, p)
	r := run(t, "import", p, qdpx)
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "imported: 0 documents, 0 fragments, 0 CMOCs, 0 theories, 0 labels, 0 coders; already here: 1 document, 6 fragments, 2 CMOCs, 2 theories, 5 labels\n") {
		t.Errorf("second import: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if importedFragments(t, p) != before {
		t.Error("the second import changed the fragments")
	}
	// Into the project it came from: nothing new either.
	r = run(t, "import", orig, qdpx)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "imported: 0 documents, 0 fragments, 0 CMOCs, 0 theories, 0 labels") {
		t.Errorf("import into the original: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// importInto imports file into a new project, which it returns, checking
// that import prints want and that the fragments are those of orig.
func importInto(t *testing.T, orig, file, want string) string {
	t.Helper()
	p := newProject(t)
	r := run(t, "import", p, file)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	if a, b := importedFragments(t, orig), importedFragments(t, p); a != b {
		t.Errorf("fragments differ:\noriginal %s\nimported %s", a, b)
	}
	return p
}

// rewriteQdpx copies a .qdpx, changing its project.qde and its .txt files.
func rewriteQdpx(t *testing.T, from, to string, qde func([]byte) []byte, txt func(string) string) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		data := testfiles.ReadZipped(t, f)
		switch {
		case f.Name == "project.qde":
			data = qde(data)
		case strings.HasSuffix(f.Name, ".txt"):
			data = []byte(txt(string(data)))
		}
		files[f.Name] = data
	}
	writeZip(t, to, files)
}

// writeZipWith writes a ZIP archive to path, with the entries fill makes.
func writeZipWith(t *testing.T, path string, fill func(zw *zip.Writer) error) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := fill(zw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportOtherText: a project whose text differs from cmocoder's (as
// NVivo for Windows would write it: a byte-order mark, CRLF, an emoji
// before the text, offsets in UTF-16 units) has its selections found by
// their words, at the same places as the original's fragments.
func TestImportOtherText(t *testing.T) {
	dir := t.TempDir()
	orig := reviewedDemo(t, dir)
	qdpx := filepath.Join(dir, "review.qdpx")
	mustRun(t, "export", orig, "--format", "qdpx", "-o", qdpx)
	const prefix = "😀 Exported from a docx 👍🏽\r\n\r\n"
	var text string
	units := func(cp int) int { // code point in the original .txt -> UTF-16 unit in the rewritten one
		s := prefix + strings.ReplaceAll(string([]rune(text)[:cp]), "\n", "\r\n")
		return len(utf16.Encode([]rune(s)))
	}
	posRE := regexp.MustCompile(`(startPosition|endPosition)="(\d+)"`)
	linksRE := regexp.MustCompile(`(?s)<Links>.*</Links>`)
	other := filepath.Join(dir, "nvivo.qdpx")
	q := openQdpx(t, qdpx)
	for name, data := range q.files {
		if strings.HasSuffix(name, ".txt") {
			text = string(data)
		}
	}
	rewriteQdpx(t, qdpx, other, func(b []byte) []byte {
		b = bytes.Replace(b, []byte(`origin="cmocoder`), []byte(`origin="NVivo for Windows 12.6 (was cmocoder`), 1)
		// Without cmocoder's origin, a note linked to a passage is its
		// memo (NVivo's and ATLAS.ti's way): the CMOCs' links go.
		b = linksRE.ReplaceAll(b, nil)
		return posRE.ReplaceAllFunc(b, func(m []byte) []byte {
			sub := posRE.FindSubmatch(m)
			n, _ := strconv.Atoi(string(sub[2]))
			return []byte(fmt.Sprintf(`%s="%d"`, sub[1], units(n)))
		})
	}, func(s string) string {
		return "\ufeff" + prefix + strings.ReplaceAll(s, "\n", "\r\n")
	})

	// Not cmocoder's export: no CMOCs, no theories.
	importInto(t, orig, other, "imported: 1 document, 6 fragments, 0 CMOCs, 0 theories, 5 labels, 2 coders\n")

	// A passage the text no longer holds is skipped with a warning.
	gone := filepath.Join(dir, "gone.qdpx")
	rewriteQdpx(t, qdpx, gone, func(b []byte) []byte {
		return bytes.Replace(b, []byte(`origin="cmocoder`), []byte(`origin="someone else, not cmocoder`), 1)
	}, func(s string) string {
		return strings.Replace(s, "Weak leadership structures", "Strong leadership structures", 1)
	})
	p2 := newProject(t)
	r := run(t, "import", p2, gone)
	if r.code != 0 || !strings.Contains(r.stderr, "cmocoder: import: warning: source ") ||
		!strings.Contains(r.stderr, "1 coded passage was not found in cmocoder's text of the PDF") ||
		!strings.HasPrefix(r.stdout, "imported: 1 document, 5 fragments") {
		t.Errorf("import with a passage gone: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestImportCodebook: Taguette's codebook (an empty <Sets/>, invalid
// against the XSD) gives its codes as labels.
func TestImportCodebook(t *testing.T) {
	p := newProject(t)
	r := run(t, "import", p, filepath.Join(refiSamples, "taguette-1.4.1-codebook.qdc"))
	if r.code != 0 || r.stderr != "" || r.stdout != "imported: 0 documents, 0 fragments, 0 CMOCs, 0 theories, 3 labels, 0 coders\n" {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	cb := mustRun(t, "export", p, "--table", "codebook", "--format", "csv")
	for _, name := range []string{"\nCodeBook,", "\nVariables,", "\nxsd:element name,"} {
		if !strings.Contains(cb, name) {
			t.Errorf("label %q missing from the codebook:\n%s", strings.TrimSpace(name), cb)
		}
	}
	// Again: the labels are there already.
	r = run(t, "import", p, filepath.Join(refiSamples, "taguette-1.4.1-codebook.qdc"))
	if r.code != 0 || !strings.Contains(r.stdout, "0 labels, 0 coders; already here: 3 labels") {
		t.Errorf("second import: %q %q", r.stdout, r.stderr)
	}
}

// TestImportOtherTools: qc's and ATLAS.ti's projects go in as codebooks
// with their users; what cmocoder cannot take is named on stderr.
func TestImportOtherTools(t *testing.T) {
	for _, c := range []struct {
		file     string
		stdout   string
		warnings []string
		label    string
	}{
		{"qc-1.3.2-demo.qdpx", "imported: 2 documents, 158 fragments, 0 CMOCs, 0 theories, 262 labels, 1 coder\n",
			[]string{`source "board_2017.txt": 158 coded passages without a Context/Mechanism/Outcome code came in unclassified, their codes as labels`}, "\nprogramming,"},
		{"atlas-mac-8.4-refi-standard-project.qdpx", "imported: 0 documents, 0 fragments, 0 CMOCs, 0 theories, 14 labels, 2 coders\n" +
			"left out: 1 picture, 1 audio source, 2 videos (cmocoder codes text and PDFs only); 2 PDF sources, 6 text sources (file not in atlas-mac-8.4-refi-standard-project.qdpx); 8 coded passages (their source is left out)\n",
			[]string{
				`source "Kellogg's Passion for Nutrition.pdf": its PDF (internal://484934BD-97FF-4F8C-9690-B9E77A9092B5.pdf) is not in atlas-mac-8.4-refi-standard-project.qdpx; skipped`,
				`source "Mabel.txt": its text (internal://B2F54555-0D2D-43B2-B40C-2A1C048F5F1C.txt) is not in atlas-mac-8.4-refi-standard-project.qdpx; skipped`,
			}, "\nhappiness,"},
		{"atlas-win-23.2-target-project.qdpx", "imported: 0 documents, 0 fragments, 0 CMOCs, 0 theories, 3 labels, 1 coder\n", nil, "\nCommits,"},
		{"nvivo-win-12.6-hu-youtube-comments.qdpx", "imported: 2 documents, 189 fragments, 0 CMOCs, 0 theories, 152 labels, 2 coders\n",
			[]string{`source "videos_10_selected": 189 coded passages without a Context/Mechanism/Outcome code came in unclassified, their codes as labels`}, ""},
		{"maxqda-24.7-project.qde", "imported: 0 documents, 0 fragments, 0 CMOCs, 0 theories, 307 labels, 1 coder\n" +
			"left out: 10 text sources (file not in maxqda-24.7-project.qde)\n",
			[]string{`source "ICLS 2024 3-10": its text (internal://C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt) is not in maxqda-24.7-project.qde; skipped`}, "\nAdditional Themes and Ideas,"},
	} {
		t.Run(c.file, func(t *testing.T) {
			p := newProject(t)
			r := run(t, "import", p, filepath.Join(refiSamples, c.file))
			if r.code != 0 || r.stdout != c.stdout {
				t.Fatalf("exit %d, stdout %q, want %q\n%s", r.code, r.stdout, c.stdout, r.stderr)
			}
			for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
				if l != "" && !strings.HasPrefix(l, "cmocoder: import: warning: ") {
					t.Errorf("stderr line %q", l)
				}
			}
			for _, w := range c.warnings {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("no warning %q in\n%s", w, r.stderr)
				}
			}
			if cb := mustRun(t, "export", p, "--table", "codebook", "--format", "csv"); !strings.Contains(cb, c.label) {
				t.Errorf("label %q not in the codebook", strings.TrimSpace(c.label))
			}
		})
	}
}

// TestImportBadInput: what cannot be read is one line naming the file,
// exit 1, and the project is left byte for byte as it was.
func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	p := newProject(t)
	sum := fileSum(t, p)
	write := func(name string, data []byte) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	zipped := func(files map[string]string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range files {
			w, _ := zw.Create(name)
			w.Write([]byte(data))
		}
		zw.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		file, want string
	}{
		{write("notzip.qdpx", []byte("%PDF-1.4 this is no zip")), "notzip.qdpx: not a .qdpx file: it is not a ZIP archive"},
		{write("noqde.qdpx", zipped(map[string]string{"sources/a.txt": "text"})), "noqde.qdpx: not a REFI-QDA project: the ZIP holds no .qde file at its root"},
		{write("malformed.qdpx", zipped(map[string]string{"project.qde": "<Project name=\"p\">\n<Users><User></Project>"})), "malformed.qdpx: project.qde: malformed XML: line 2"},
		{write("project.qdc", []byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>`)), "project.qdc: not a REFI-QDA codebook: its root element is <Project>, not <CodeBook>"},
		{write("broken.qdc", []byte(`<CodeBook><Codes><Code guid="x" name="a" isCodable="true">`)), "broken.qdc: malformed XML"},
		{write("notes.txt", []byte("hello")), "notes.txt: not a REFI-QDA file"},
		{filepath.Join(dir, "missing.qdpx"), "missing.qdpx: no such file"},
	} {
		r := run(t, "import", p, c.file)
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		if r.code != 1 || r.stdout != "" || len(lines) != 1 || !strings.Contains(lines[0], c.want) || !strings.HasPrefix(lines[0], "cmocoder: import: ") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want one line with %q", filepath.Base(c.file), r.code, r.stdout, r.stderr, c.want)
		}
		if fileSum(t, p) != sum {
			t.Fatalf("%s: the project changed", filepath.Base(c.file))
		}
	}
	if r := run(t, "import", p); r.code != 2 {
		t.Errorf("import without a file: exit %d", r.code)
	}
}
