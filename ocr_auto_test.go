package main

// PDFs whose fonts have no usable character map (testdata/pdf-unmapped,
// see its SOURCES.md): their pages read as U+FFFD, so `add` and
// `extract --ocr auto` read them by OCR, say so in one warning line, and
// the text has the words a person reads on the page.

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

const unmappedDir = "testdata/pdf-unmapped"

// unmappedPDFs are the test files, each with a reference typed by hand
// from the drawn page (refPage) and the warning OCR must give.
var unmappedPDFs = []struct {
	file    string
	ref     string
	refPage int
	warning string
	// slow: 21 pages of OCR, minutes on a busy machine: read once per run
	// (by TestAddOCRAuto, the import), and not at all with -short.
	slow bool
}{
	{"htmldoc-tamreview-2009.pdf", "htmldoc-tamreview-2009.page2.txt", 2,
		"pages 2–22: text from OCR (the PDF's fonts have no usable character map)", true},
	{"ghostscript-type3-bug1001080.pdf", "ghostscript-type3-bug1001080.txt", 1,
		"page 1: text from OCR (the PDF's fonts have no usable character map)", false},
	{"distiller-type1c-font-ascent-descent.pdf", "distiller-type1c-font-ascent-descent.txt", 1,
		"page 1: text from OCR (the PDF's fonts have no usable character map)", false},
}

// minUnmappedF1 is the least word F1 of a page read by OCR against its
// reference (measured: 0.99 on the htmldoc page, 1.0 on the others).
const minUnmappedF1 = 0.9

const warnReplaced = "some characters cannot be read"

// TestExtractOCRAuto: without --ocr the pages are garbage and extract only
// warns that characters cannot be read; with --ocr auto they are read by
// OCR, with one warning line naming the pages.
func TestExtractOCRAuto(t *testing.T) {
	needTesseractCLI(t)
	for _, c := range unmappedPDFs {
		t.Run(c.file, func(t *testing.T) {
			if c.slow {
				t.Skip("21 pages of OCR: TestAddOCRAuto reads it")
			}
			path := filepath.Join(unmappedDir, c.file)
			ref := readRef(t, c.ref)

			plain := run(t, "extract", path)
			if plain.code != 0 || !strings.Contains(plain.stderr, warnReplaced) {
				t.Fatalf("extract: exit %d %q", plain.code, plain.stderr)
			}
			if f1 := wordF1(ref, page(plain.stdout, c.refPage)); f1 > 0.5 {
				t.Fatalf("without OCR page %d already reads (F1 %.2f): not a test of OCR", c.refPage, f1)
			}

			r := run(t, "extract", path, "--ocr", "auto")
			if r.code != 0 {
				t.Fatalf("extract --ocr auto: exit %d %q", r.code, r.stderr)
			}
			want := "cmocoder: extract: warning: " + c.file + ": " + c.warning + "\n"
			if r.stderr != want {
				t.Errorf("extract --ocr auto stderr\n got %q\nwant %q", r.stderr, want)
			}
			if f1 := wordF1(ref, page(r.stdout, c.refPage)); f1 < minUnmappedF1 {
				t.Errorf("page %d word F1 %.3f < %.2f:\n%s", c.refPage, f1, minUnmappedF1, page(r.stdout, c.refPage))
			} else {
				t.Logf("page %d word F1 %.3f", c.refPage, f1)
			}
			if strings.ContainsRune(r.stdout, '\uFFFD') {
				t.Error("U+FFFD left in the text")
			}
		})
	}
}

// TestAddOCRAuto: add reads the unmapped pages by OCR without being asked,
// stores the warning, and `text` prints the words of the page.
func TestAddOCRAuto(t *testing.T) {
	needTesseractCLI(t)
	p := newProject(t)
	var files []string
	for _, c := range unmappedPDFs {
		if !c.slow || !testing.Short() {
			files = append(files, filepath.Join(unmappedDir, c.file))
		}
	}
	r := run(t, append([]string{"add", p}, files...)...)
	if r.code != 0 {
		t.Fatalf("add: exit %d %q", r.code, r.stderr)
	}
	ds := docs(t, p)
	if len(ds) != len(files) {
		t.Fatalf("%d documents, want %d", len(ds), len(files))
	}
	for _, d := range ds {
		for _, c := range unmappedPDFs {
			if c.file != d.FileName {
				continue
			}
			if !strings.Contains(r.stderr, "cmocoder: add: warning: "+c.file+": "+c.warning+"\n") {
				t.Errorf("%s: add stderr %q", c.file, r.stderr)
			}
			if d.NeedsOCR || strings.Join(d.Warnings, "|") != c.warning {
				t.Errorf("%s: needs OCR %v, warnings %q", c.file, d.NeedsOCR, d.Warnings)
			}
			got := mustRun(t, "text", p, d.ID, "--page", strconv.Itoa(c.refPage))
			if f1 := wordF1(readRef(t, c.ref), got); f1 < minUnmappedF1 {
				t.Errorf("%s page %d word F1 %.3f < %.2f:\n%s", c.file, c.refPage, f1, minUnmappedF1, got)
			}
		}
	}
	if strings.Contains(r.stderr, warnReplaced) {
		t.Errorf("add still warns of unreadable characters: %q", r.stderr)
	}
}

// TestOCRVerbUnmapped: a document added without Tesseract keeps its
// unreadable text and warning; the ocr verb (what the app's button runs)
// then reads its unmapped pages, and once a fragment is coded on it the
// text can no longer change.
func TestOCRVerbUnmapped(t *testing.T) {
	needTesseractCLI(t)
	c := unmappedPDFs[2]
	p := newProject(t)
	t.Run("without tesseract", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		t.Setenv("CMOCODER_TESSERACT", "")
		r := run(t, "add", p, filepath.Join(unmappedDir, c.file))
		if r.code != 0 || !strings.Contains(r.stderr, tesseractHowTo) || !strings.Contains(r.stderr, warnReplaced) {
			t.Fatalf("add without tesseract: exit %d %q", r.code, r.stderr)
		}
	})
	ds := docs(t, p)
	if len(ds) != 1 {
		t.Fatalf("%+v", ds)
	}
	if f1 := wordF1(readRef(t, c.ref), mustRun(t, "text", p, ds[0].ID)); f1 > 0.5 {
		t.Fatalf("text without OCR already reads (F1 %.2f)", f1)
	}
	r := run(t, "ocr", p, ds[0].ID)
	if r.code != 0 || !strings.Contains(r.stderr, c.warning) {
		t.Fatalf("ocr: exit %d %q", r.code, r.stderr)
	}
	d := docs(t, p)[0]
	if strings.Join(d.Warnings, "|") != c.warning {
		t.Errorf("warnings after ocr %q", d.Warnings)
	}
	text := mustRun(t, "text", p, d.ID)
	if f1 := wordF1(readRef(t, c.ref), text); f1 < minUnmappedF1 {
		t.Errorf("word F1 after ocr %.3f:\n%s", f1, text)
	}
	if r := run(t, "ocr", p, d.ID); r.code != 1 || !strings.Contains(r.stderr, "every page has text already") {
		t.Errorf("second ocr: exit %d %q", r.code, r.stderr)
	}
	mustRun(t, "code", p, d.ID, "0", "7", "--role", "context")
	if r := run(t, "ocr", p, d.ID, "--all"); r.code != 1 || !strings.Contains(r.stderr, "has coded fragments") {
		t.Errorf("ocr of a coded document: exit %d %q", r.code, r.stderr)
	}
}

func readRef(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(unmappedDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// page is page n (1-based) of text whose pages are separated by form feeds.
func page(text string, n int) string {
	pages := strings.Split(text, "\f")
	if n < 1 || n > len(pages) {
		return ""
	}
	return pages[n-1]
}

// wordF1 is the F1 of got's words against ref's, as multisets of lower-case
// runs of letters and digits.
func wordF1(ref, got string) float64 {
	words := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			m[w]++
		}
		return m
	}
	a, b := words(ref), words(got)
	na, nb, match := 0, 0, 0
	for w, n := range a {
		na += n
		match += min(n, b[w])
	}
	for _, n := range b {
		nb += n
	}
	if na+nb == 0 {
		return 1
	}
	return 2 * float64(match) / float64(na+nb)
}

// TestExtractOCRAutoLeavesOthers: PDFs whose characters are mostly
// readable come out of --ocr auto exactly as without it, warnings too;
// the 1994 preprint's Type 3 fonts lose a few glyphs per page (math), not
// most, so its pages are not OCRed. Nothing runs Tesseract here.
func TestExtractOCRAutoLeavesOthers(t *testing.T) {
	needPDFs(t)
	t.Setenv("CMOCODER_TESSERACT", filepath.Join(t.TempDir(), "no-tesseract")) // any OCR would warn
	for _, name := range []string{"cebaf-th-94-08-type3-dvips.pdf", "hindawi-rrp-2010-tully.pdf"} {
		path := filepath.Join(pdfDir, name)
		plain := run(t, "extract", path)
		auto := run(t, "extract", path, "--ocr", "auto")
		if plain.code != 0 || auto.code != 0 || auto.stdout != plain.stdout || auto.stderr != plain.stderr {
			t.Errorf("%s: --ocr auto changed the output (exit %d, %d; stderr %q, %q; same text %v)",
				name, plain.code, auto.code, plain.stderr, auto.stderr, auto.stdout == plain.stdout)
		}
	}
	if r := run(t, "extract", filepath.Join(unmappedDir, unmappedPDFs[1].file), "--ocr", "all"); r.code != 2 ||
		!strings.Contains(r.stderr, `--ocr takes auto, not "all"`) {
		t.Errorf("--ocr all: exit %d %q", r.code, r.stderr)
	}
}
