package pdfview

import (
	"reflect"
	"testing"
)

// TestOCRLines: pages read by OCR again are named in one OCR line only,
// by the reason they were read last; pages not read again keep theirs.
func TestOCRLines(t *testing.T) {
	const (
		unmapped = ": text from OCR (the PDF's fonts have no usable character map)"
		tess     = ": text from OCR (Tesseract)"
	)
	cases := []struct {
		name                string
		warnings            []string
		unmapped, tesseract []int
		want                []string
	}{
		{"ocr --all after OCR at import: one line, every page",
			[]string{"pages 2–22" + unmapped}, nil, seq(1, 22),
			[]string{"pages 1–22" + tess}},
		{"a page read again by its fonts keeps that reason, the others theirs",
			[]string{"pages 1–3, 7" + tess, "page 5: could not be read"}, []int{3}, nil,
			[]string{"page 5: could not be read", "page 3" + unmapped, "pages 1–2, 7" + tess}},
		{"pages not read again stay in their line",
			[]string{"pages 1–3" + tess}, nil, []int{5},
			[]string{"pages 1–3, 5" + tess}},
		{"first OCR: the new lines only",
			[]string{"page 9: could not be read"}, []int{2}, []int{1},
			[]string{"page 9: could not be read", "page 2" + unmapped, "page 1" + tess}},
		{"nothing read: the warnings as they were",
			[]string{"page 2" + unmapped}, nil, nil,
			[]string{"page 2" + unmapped}},
		{"a line that is not a page list is not touched",
			[]string{"pages x–y" + tess}, nil, []int{1},
			[]string{"pages x–y" + tess, "page 1" + tess}},
	}
	for _, c := range cases {
		if got := OCRLines(c.warnings, c.unmapped, c.tesseract); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func seq(from, to int) []int {
	var out []int
	for p := from; p <= to; p++ {
		out = append(out, p)
	}
	return out
}

// TestParsePageList reads back what pageList writes.
func TestParsePageList(t *testing.T) {
	for _, pages := range [][]int{{3}, {1, 2}, {1, 2, 3, 4, 7}, {2, 5, 6, 9}} {
		got, ok := parsePageList(pageList(pages))
		if !ok || !reflect.DeepEqual(got, pages) {
			t.Errorf("%q read as %v %v", pageList(pages), got, ok)
		}
	}
	for _, s := range []string{"page", "pages 3–1", "pages 0–2", "pages 1–99999999999", "3"} {
		if got, ok := parsePageList(s); ok {
			t.Errorf("%q read as %v", s, got)
		}
	}
}
