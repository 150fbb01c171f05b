package figure

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"cmocoder.org/cmocoder/figure/figuretest"
)

func TestPages(t *testing.T) {
	for _, tc := range []struct {
		height float64
		breaks []float64
		want   string
	}{
		{100, nil, "[[0 100]]"},
		{100, []float64{40, 80}, "[[0 100]]"},                             // fits: one page
		{230, []float64{40, 80, 150, 190}, "[[0 80] [80 150] [150 230]]"}, // max 100: cut at the last break that fits
		{300, []float64{150}, "[[0 150] [150 300]]"},                      // a part taller than a page stays whole
	} {
		f := &Figure{Height: tc.height, Breaks: tc.breaks}
		if got := fmt.Sprint(f.pages(100)); got != tc.want {
			t.Errorf("height %v, breaks %v: pages %s, want %s", tc.height, tc.breaks, got, tc.want)
		}
	}
}

// A whole review's diagram is taller than a PDF page may be: it is cut
// between theories into pages readers open, and keeps every theory.
func TestLargeDiagramPDFPages(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed (poppler-utils)")
	}
	f, err := Theories(largeReview(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Height <= maxPDFPage {
		t.Fatalf("the diagram is only %.0f mm tall", f.Height)
	}
	var b bytes.Buffer
	if err := f.Write(&b, PDF, 0); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "large.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out); m == nil || string(m[1]) == "1" {
		t.Errorf("pdfinfo says:\n%s", out)
	}
	figuretest.CheckPDF(t, b.Bytes(), "Theory 0", "Theory 11", "CMOC 300:", "Mechanism reasoning +")
}
