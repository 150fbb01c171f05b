package pdfview

import (
	"os/exec"
	"reflect"
	"testing"
)

func TestParseLanguages(t *testing.T) {
	cases := []struct {
		out  string
		want []string
	}{
		{"List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (3):\neng\nosd\ndeu\n", []string{"eng", "deu"}},
		{"List of available languages (2):\r\nchi_sim\r\neng\r\n", []string{"chi_sim", "eng"}},
		{"Error opening data file\n", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := parseLanguages(c.out); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.out, got, c.want)
		}
	}
}

// TestTesseractLanguages: the installed Tesseract knows English at least.
func TestTesseractLanguages(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract is not installed")
	}
	langs, err := TesseractLanguages(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range langs {
		found = found || l == "eng"
		if l == "osd" {
			t.Errorf("osd offered as a language: %q", langs)
		}
	}
	if !found {
		t.Errorf("eng not among %q", langs)
	}
}
