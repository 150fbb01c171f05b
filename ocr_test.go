package main

// OCR from the command line: `add --ocr` and the `ocr` verb on the scanned
// abstract of the shared corpus, with Tesseract (and without it).

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testtools"
)

const scanPDF = "scanned-abstract-ccitt-no-text.pdf"

const tesseractHowTo = "OCR needs Tesseract: install it (Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-eng"

// titleRe finds the scan's title, allowing OCR noise in "a-Si:H".
var titleRe = regexp.MustCompile(`(?i)hydrogen\s+incorporation\s+in\s+a\S{0,2}si\S{0,3}h`)

// needTesseractCLI skips without tesseract, unless CMOCODER_E2E=1 (make
// test installs it), where that fails.
func needTesseractCLI(t *testing.T) {
	t.Helper()
	testtools.Need(t, "tesseract")
}

func TestAddScanWithOCR(t *testing.T) {
	needPDFs(t)
	needTesseractCLI(t)
	scan := filepath.Join(pdfDir, scanPDF)

	// Without --ocr: imported, empty, marked needs OCR.
	plain := newProject(t)
	mustRun(t, "add", plain, scan)
	ds := docs(t, plain)
	if len(ds) != 1 || !ds[0].NeedsOCR {
		t.Fatalf("without --ocr: %+v", ds)
	}
	if text := mustRun(t, "text", plain, ds[0].ID); strings.TrimSpace(text) != "" {
		t.Errorf("without --ocr the scan has text %q", text)
	}

	// With --ocr: the title is in the text, and it no longer needs OCR.
	p := newProject(t)
	r := run(t, "add", p, scan, "--ocr")
	if r.code != 0 {
		t.Fatalf("add --ocr: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "page 1: text from OCR (Tesseract)") {
		t.Errorf("add --ocr stderr %q", r.stderr)
	}
	ds = docs(t, p)
	if len(ds) != 1 || ds[0].NeedsOCR || ds[0].Pages != 1 {
		t.Fatalf("with --ocr: %+v", ds)
	}
	text := mustRun(t, "text", p, ds[0].ID)
	if !titleRe.MatchString(text) {
		t.Errorf("title not in the OCR text %q", text)
	}
	if strings.Contains(text, "\f") {
		t.Error("a one-page document with a form feed")
	}
	if len([]rune(text)) != ds[0].Chars {
		t.Errorf("text has %d code points, the document %d", len([]rune(text)), ds[0].Chars)
	}
	if !strings.Contains(strings.Join(ds[0].Warnings, "|"), "text from OCR (Tesseract)") ||
		strings.Contains(strings.Join(ds[0].Warnings, "|"), "needs OCR") {
		t.Errorf("warnings %q", ds[0].Warnings)
	}

	// The ocr verb on the scan imported without OCR.
	out := mustRun(t, "ocr", plain, ds[0].FileName)
	after := docs(t, plain)
	if !strings.HasPrefix(out, after[0].ID+"\t1\t") {
		t.Errorf("ocr printed %q", out)
	}
	if after[0].NeedsOCR || after[0].Chars == 0 {
		t.Errorf("after ocr: %+v", after[0])
	}
	docID := after[0].ID
	text = mustRun(t, "text", plain, docID)
	loc := titleRe.FindStringIndex(text)
	if loc == nil {
		t.Fatalf("title not in the text after ocr: %q", text)
	}
	// Every page has text now: a second ocr has nothing to do.
	if r := run(t, "ocr", plain, docID); r.code != 1 || !strings.Contains(r.stderr, "every page has text already") {
		t.Errorf("second ocr: exit %d %q", r.code, r.stderr)
	}

	// Once a fragment is coded, the text is fixed: refused, file untouched.
	start := len([]rune(text[:loc[0]]))
	mustRun(t, "code", plain, docID, strconv.Itoa(start), strconv.Itoa(start+8), "--role", "context")
	before := fileSum(t, plain)
	r = run(t, "ocr", plain, docID, "--all")
	if r.code != 1 || !strings.Contains(r.stderr, "has coded fragments; its text can no longer change") {
		t.Errorf("ocr of a coded document: exit %d %q", r.code, r.stderr)
	}
	if fileSum(t, plain) != before {
		t.Error("a refused ocr changed the project file")
	}
}

// TestOCRWithoutTesseract: add --ocr still imports the scan (needs OCR)
// and says how to get Tesseract; the ocr verb fails with that line.
func TestOCRWithoutTesseract(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CMOCODER_TESSERACT", "")
	r := run(t, "add", p, filepath.Join(pdfDir, scanPDF), "--ocr")
	if r.code != 0 || !strings.Contains(r.stderr, tesseractHowTo) {
		t.Fatalf("add --ocr without tesseract: exit %d %q", r.code, r.stderr)
	}
	ds := docs(t, p)
	if len(ds) != 1 || !ds[0].NeedsOCR {
		t.Fatalf("%+v", ds)
	}
	before := fileSum(t, p)
	r = run(t, "ocr", p, ds[0].ID)
	if r.code != 1 || !strings.Contains(r.stderr, tesseractHowTo) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("ocr without tesseract: exit %d %q", r.code, r.stderr)
	}
	if fileSum(t, p) != before {
		t.Error("a failed ocr changed the project file")
	}
}
