package main

// `ocr --all` on a document whose unmapped pages were read by OCR at
// import names every page in one OCR warning line, not in two lines whose
// page lists overlap.

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOCRAllAfterAutoOCR: a PDF of a text page and a page whose fonts have
// no usable character map is added (page 2 read by OCR), then read again
// whole with `ocr --all`.
func TestOCRAllAfterAutoOCR(t *testing.T) {
	needTesseractCLI(t)
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf is not installed")
	}
	pdf := filepath.Join(t.TempDir(), "two.pdf")
	out, err := exec.Command("qpdf", "--empty", "--pages",
		filepath.Join(pdfDir, "naacl06-shinyama-dvipdfm.pdf"), "1",
		filepath.Join(unmappedDir, "ghostscript-type3-bug1001080.pdf"), "1", "--", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	p := newProject(t)
	r := run(t, "add", p, pdf)
	const unmapped = "page 2: text from OCR (the PDF's fonts have no usable character map)"
	if r.code != 0 || !strings.Contains(r.stderr, unmapped) {
		t.Fatalf("add: exit %d %q", r.code, r.stderr)
	}
	d := docs(t, p)[0]
	r = run(t, "ocr", p, d.ID, "--all")
	if r.code != 0 {
		t.Fatalf("ocr --all: exit %d %q", r.code, r.stderr)
	}
	const want = "pages 1–2: text from OCR (Tesseract)"
	if got := docs(t, p)[0].Warnings; strings.Join(got, "|") != want {
		t.Errorf("warnings after ocr --all %q, want %q", got, want)
	}
	if strings.Count(r.stderr, "text from OCR") != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("ocr --all stderr %q, want one line %q", r.stderr, want)
	}
}
