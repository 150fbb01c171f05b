package main

// Text documents (issue 12) through the real binary: add, text, code,
// fragments, export and extract, and bad files refused one line each.

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const textdocDir = "textdoc/testdata"

// The visible texts, written out here rather than taken from textdoc: the
// interview transcript's lines (the word processors drop its blank lines),
// the web page without its title, style, script and hidden div, the
// Markdown without its markup.
var (
	interviewLines = []string{
		"Interview 3: community health workers",
		"Interviewer: How did the programme start in your district?",
		"P3: We met every week at the café, the nurses and the families – “everyone”.",
		"Interviewer: What changed?",
		"P3: People came back\tbecause someone remembered their names.",
	}
	structuredText = strings.Join([]string{
		"Guidance for nurses",
		"Trust grows when someone remembers names.",
		"What works",
		"Regular visits",
		"Time to listen",
		"Context", "Outcome", "Rural clinic", "Families return",
		"First line", "second line",
	}, "\n")
	markdownText = strings.Join([]string{
		"Interview 3: community health workers",
		"Recorded at the district clinic; see the protocol.",
		"Interviewer: How did the programme start in your district?",
		"P3: We met every week at the café, the nurses and the families.",
		"Themes",
		"Trust",
		"Time to listen",
		"names remembered",
		"Quoted from the field notes.",
		"09:14  tape on",
	}, "\n")
)

// plainText is the .txt's text as a reviewer sees it: the bytes without
// their byte-order mark, CRLF turned into LF.
func plainText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(textdocDir, "interview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s, ok := strings.CutPrefix(string(b), "\ufeff")
	if !ok || !strings.Contains(s, "\r\n") {
		t.Fatal("interview.txt is meant to be UTF-8 with a BOM and CRLF line endings")
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// textDocJSON is what `docs --json` says of a text document's file.
type textDocJSON struct {
	ID         string `json:"id"`
	FileName   string `json:"file_name"`
	Title      string `json:"title"`
	Format     string `json:"format"`
	Encoding   string `json:"encoding"`
	LineEnding string `json:"line_ending"`
}

func textDocs(t *testing.T, project string) map[string]textDocJSON {
	t.Helper()
	var ds []textDocJSON
	if err := json.Unmarshal([]byte(mustRun(t, "docs", project, "--json")), &ds); err != nil {
		t.Fatal(err)
	}
	out := map[string]textDocJSON{}
	for _, d := range ds {
		out[d.FileName] = d
	}
	return out
}

// TestTextDocsAdd adds one file of each text format in one command: each
// is added, `text` prints its visible text, `docs --json` says its format
// (and for the .txt its encoding and line endings), and `extract` prints
// the same text without a project.
func TestTextDocsAdd(t *testing.T) {
	p := newProject(t)
	interview := strings.Join(interviewLines, "\n")
	tests := []struct {
		file, format, title, text string
	}{
		{"interview.txt", "txt", "interview", plainText(t)},
		{"interview.docx", "docx", "interview", interview},
		{"interview.odt", "odt", "interview", interview},
		{"interview.rtf", "rtf", "interview", interview},
		{"structured.html", "html", "Guidance for nurses", structuredText},
		{"interview.md", "md", "Interview 3: community health workers", markdownText},
	}
	args := []string{"add", p}
	for _, tc := range tests {
		args = append(args, filepath.Join(textdocDir, tc.file))
	}
	r := run(t, args...)
	if r.code != 0 {
		t.Fatalf("add: exit %d\n%s", r.code, r.stderr)
	}
	if lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n"); len(lines) != len(tests) {
		t.Errorf("add printed %d lines, want %d:\n%s", len(lines), len(tests), r.stdout)
	}
	docs := textDocs(t, p)
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			d, ok := docs[tc.file]
			if !ok {
				t.Fatalf("%s not in the project", tc.file)
			}
			if d.Format != tc.format || d.Title != tc.title {
				t.Errorf("format %q title %q, want %q %q", d.Format, d.Title, tc.format, tc.title)
			}
			if got := mustRun(t, "text", p, d.ID); got != tc.text {
				t.Errorf("text\n%q\nwant\n%q", got, tc.text)
			}
			if got := mustRun(t, "extract", filepath.Join(textdocDir, tc.file)); got != tc.text {
				t.Errorf("extract\n%q\nwant\n%q", got, tc.text)
			}
		})
	}
	if d := docs["interview.txt"]; d.Encoding != "UTF-8 with BOM" || d.LineEnding != "CRLF" {
		t.Errorf("interview.txt: encoding %q line endings %q", d.Encoding, d.LineEnding)
	}
}

// TestTextDocsCode codes a sentence of a Word interview by its offsets in
// `text`: `fragments --json` gives back exactly that sentence on page 1,
// and the fragments table exports it.
func TestTextDocsCode(t *testing.T) {
	p := newProject(t)
	docID := addDoc(t, p, filepath.Join(textdocDir, "interview.docx"))
	text := mustRun(t, "text", p, docID)
	const quote = "People came back\tbecause someone remembered their names."
	start, end := quoteSpan(t, text, quote)
	mustRun(t, "code", p, "interview.docx", strconv.Itoa(start), strconv.Itoa(end), "--role", "outcome", "--label", "Trust")
	frags := listFragments(t, p)
	if len(frags) != 1 {
		t.Fatalf("%d fragments, want 1", len(frags))
	}
	if f := frags[0]; f.Text != quote || f.Start != start || f.End != end || f.Page != 1 || f.Role != "outcome" || f.DocID != docID {
		t.Errorf("fragment %+v", f)
	}
	table := mustRun(t, "export", p, "--table", "fragments", "--format", "md")
	if !strings.Contains(table, "People came back") || !strings.Contains(table, "remembered their names.") {
		t.Errorf("the fragments table lacks the quote:\n%s", table)
	}
}

// TestTextDocsBadInput: a .docx that is not a zip, a .txt of binary bytes,
// a 200 MB web page, an old Word file (.doc) and a text file with no text
// are each refused in one line naming the file, exit
// 1, the project unchanged; with a good file in the same batch, the good
// file still goes in.
func TestTextDocsBadInput(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "notes.docx")
	binary := filepath.Join(dir, "data.txt")
	huge := filepath.Join(dir, "page.html")
	if err := os.WriteFile(notZip, []byte("This was never a Word file."), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	if err := os.WriteFile(binary, bin, 0o644); err != nil {
		t.Fatal(err)
	}
	oldWord := filepath.Join(dir, "old.doc")
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(oldWord, []byte("\xd0\xcf\x11\xe0 an old Word file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(empty, []byte("\ufeff\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil { // sparse: no 200 MB written
		t.Fatal(err)
	}
	f.Close()

	p := newProject(t)
	mustRun(t, "add", p, filepath.Join(textdocDir, "interview.md"))
	before := fileSum(t, p)
	r := run(t, "add", p, notZip, binary, huge, oldWord, empty)
	if r.code != 1 || r.stdout != "" {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want one line per bad file:\n%s", r.stderr)
	}
	for i, name := range []string{"notes.docx", "data.txt", "page.html", "old.doc", "empty.txt"} {
		if !strings.HasPrefix(lines[i], "cmocoder: add: "+name+": ") {
			t.Errorf("line %d %q does not name %s", i+1, lines[i], name)
		}
	}
	if fileSum(t, p) != before {
		t.Error("refused files changed the project")
	}

	r = run(t, "add", p, notZip, filepath.Join(textdocDir, "interview.odt"), binary)
	if r.code != 1 || strings.Count(r.stderr, "\n") != 2 || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("mixed batch: exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	if d, ok := textDocs(t, p)["interview.odt"]; !ok || d.Format != "odt" {
		t.Errorf("the good file of a mixed batch did not go in: %+v", d)
	}
}

// interviewQuote is the sentence of the Word interview the export tests
// code.
const interviewQuote = "We met every week at the café"

// codeInterviewAndExport codes interviewQuote of interview.docx, which
// project holds, as context and exports the project as a .qdpx: its path
// and the quote's offsets.
func codeInterviewAndExport(t *testing.T, project string) (qdpx string, start, end int) {
	t.Helper()
	start, end = quoteSpan(t, mustRun(t, "text", project, "interview.docx"), interviewQuote)
	mustRun(t, "code", project, "interview.docx", strconv.Itoa(start), strconv.Itoa(end), "--role", "context")
	qdpx = filepath.Join(t.TempDir(), "interviews.qdpx")
	mustRun(t, "export", project, "--format", "qdpx", "-o", qdpx)
	return qdpx, start, end
}

// TestTextDocsQdpx exports a project with a coded Word interview and a web
// page as REFI-QDA: each is a TextSource whose text file is what `text`
// prints (page breaks as line breaks), no PDF is written, the coded
// sentence's selection has its offsets, and project.qde validates.
func TestTextDocsQdpx(t *testing.T) {
	p := newProject(t)
	mustRun(t, "add", p, filepath.Join(textdocDir, "interview.docx"), filepath.Join(textdocDir, "structured.html"))
	text := mustRun(t, "text", p, "interview.docx")
	out, start, end := codeInterviewAndExport(t, p)
	q := openQdpx(t, out)
	validateQDE(t, q.qde)
	if len(q.project.PDFSources) != 0 {
		t.Errorf("%d PDF sources, want none", len(q.project.PDFSources))
	}
	var src struct {
		Sources []struct {
			Name          string `xml:"name,attr"`
			PlainTextPath string `xml:"plainTextPath,attr"`
			Selections    []struct {
				Start int `xml:"startPosition,attr"`
				End   int `xml:"endPosition,attr"`
			} `xml:"PlainTextSelection"`
		} `xml:"Sources>TextSource"`
	}
	if err := xml.Unmarshal(q.qde, &src); err != nil {
		t.Fatal(err)
	}
	if len(src.Sources) != 2 {
		t.Fatalf("%d text sources, want 2", len(src.Sources))
	}
	for name := range q.files {
		if strings.HasSuffix(name, ".pdf") {
			t.Errorf("%s written", name)
		}
	}
	s := src.Sources[0]
	file := q.files["sources/"+strings.TrimPrefix(s.PlainTextPath, "internal://")]
	if string(file) != strings.ReplaceAll(text, "\f", "\n") {
		t.Errorf("%s holds %q, want the document's text", s.PlainTextPath, file)
	}
	if len(s.Selections) != 1 || s.Selections[0].Start != start || s.Selections[0].End != end {
		t.Errorf("%s: selections %+v, want %d-%d", s.Name, s.Selections, start, end)
	}
}

// TestTextDocsPDFByContent: a PDF saved under a text document's name is
// still read as the PDF it is (with a PDF engine started for it, as add
// starts none for text documents).
func TestTextDocsPDFByContent(t *testing.T) {
	needPDFs(t)
	b, err := os.ReadFile(filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	misnamed := filepath.Join(t.TempDir(), "tully.txt")
	if err := os.WriteFile(misnamed, b, 0o644); err != nil {
		t.Fatal(err)
	}
	p := newProject(t)
	mustRun(t, "add", p, filepath.Join(textdocDir, "interview.md"), misnamed)
	d := textDocs(t, p)["tully.txt"]
	if d.Format != "pdf" || !strings.Contains(d.Title, "Heart Failure") {
		t.Errorf("a PDF named .txt went in as %+v", d)
	}
}
