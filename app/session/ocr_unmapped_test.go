package session

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testtools"
	"cmocoder.org/cmocoder/storage"
)

// TestAfterOCRUnmapped: the warnings of pages read by OCR because their
// fonts have no usable character map.
func TestAfterOCRUnmapped(t *testing.T) {
	page := func(text string) coding.Page { return coding.Page{Text: text} }
	garbage := page(strings.Repeat("\uFFFD\uFFFD\uFFFD ", 20))
	cases := []struct {
		name     string
		pages    []coding.Page
		plan     ocrPlan
		read     ocrPlan
		warnings []string
		needs    bool
		want     []string
	}{
		{"htmldoc article: the U+FFFD warning goes, the OCR one comes",
			[]coding.Page{page("cover"), page("ocr"), page("ocr"), page("ocr")},
			ocrPlan{unmapped: []int{2, 3, 4}}, ocrPlan{unmapped: []int{2, 3, 4}},
			[]string{"pages 2–4: some characters cannot be read (shown as \uFFFD)"}, false,
			[]string{"pages 2–4: text from OCR (the PDF's fonts have no usable character map)"}},
		{"a page OCR found nothing on keeps its text and its warning",
			[]coding.Page{page("ocr"), garbage},
			ocrPlan{unmapped: []int{1, 2}}, ocrPlan{unmapped: []int{1}},
			[]string{"pages 1–2: some characters cannot be read (shown as \uFFFD)"}, false,
			[]string{"page 1: text from OCR (the PDF's fonts have no usable character map)",
				"page 2: some characters cannot be read (shown as \uFFFD)"}},
		{"only U+FFFD was a scan for Extract; read, it is not",
			[]coding.Page{page("pint test")}, ocrPlan{unmapped: []int{1}}, ocrPlan{unmapped: []int{1}},
			[]string{"no text layer: needs OCR", "page 1: some characters cannot be read (shown as \uFFFD)"}, false,
			[]string{"page 1: text from OCR (the PDF's fonts have no usable character map)"}},
		{"nothing read: still needs OCR",
			[]coding.Page{garbage}, ocrPlan{unmapped: []int{1}}, ocrPlan{},
			[]string{"no text layer: needs OCR", "page 1: some characters cannot be read (shown as \uFFFD)"}, true,
			[]string{"page 1: some characters cannot be read (shown as \uFFFD)", "no text layer: needs OCR"}},
		{"a cover without text layer is not OCRed unless asked, and keeps its warning",
			[]coding.Page{page(""), page("ocr")}, ocrPlan{unmapped: []int{2}}, ocrPlan{unmapped: []int{2}},
			[]string{"page 1: no text layer", "page 2: some characters cannot be read (shown as \uFFFD)"}, false,
			[]string{"page 1: no text layer", "page 2: text from OCR (the PDF's fonts have no usable character map)"}},
		{"both kinds at once",
			[]coding.Page{page("scan"), page("ocr"), page("")},
			ocrPlan{blank: []int{1, 3}, unmapped: []int{2}}, ocrPlan{blank: []int{1}, unmapped: []int{2}},
			[]string{"pages 1, 3: no text layer", "page 2: some characters cannot be read (shown as \uFFFD)"}, false,
			[]string{"page 2: text from OCR (the PDF's fonts have no usable character map)",
				"page 1: text from OCR (Tesseract)", "page 3: no text, even by OCR"}},
	}
	for _, c := range cases {
		needs, w := afterOCR(c.pages, c.plan, c.read, c.warnings)
		if needs != c.needs || !reflect.DeepEqual(w, c.want) {
			t.Errorf("%s:\n got %v %q\nwant %v %q", c.name, needs, w, c.needs, c.want)
		}
	}
}

// TestImportReadsUnmappedFonts: Import without options, as the app adds a
// PDF, reads a page whose fonts have no usable character map by OCR; told
// not to look (noAuto), it stores the U+FFFD text as before.
func TestImportReadsUnmappedFonts(t *testing.T) {
	testtools.Need(t, "tesseract")
	pdf := filepath.Join("..", "..", "testdata", "pdf-unmapped", "distiller-type1c-font-ascent-descent.pdf")
	eng := testEngine(t)
	for _, c := range []struct {
		name  string
		opts  []ImportOptions
		words string
		warn  string
	}{
		{"as the app adds", nil, "Odfjell Drilling", "page 1: text from OCR (the PDF's fonts have no usable character map)"},
		{"without the check", []ImportOptions{{noAuto: true}}, "\uFFFD\uFFFD", "page 1: some characters cannot be read (shown as \uFFFD)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := storage.Create(filepath.Join(t.TempDir(), "p.cmoproj"), "Fonts", "tester")
			if err != nil {
				t.Fatal(err)
			}
			s := New(p)
			defer s.Close()
			d, err := s.Import(context.Background(), eng, pdf, "", c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			text, err := s.Text(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text.String(), c.words) || strings.Join(d.Warnings, "|") != c.warn {
				t.Errorf("text %q, warnings %q; want %q in the text and the warning %q", text.String(), d.Warnings, c.words, c.warn)
			}
		})
	}
}
