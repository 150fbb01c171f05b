package session

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

func TestAfterOCR(t *testing.T) {
	page := func(text string) coding.Page { return coding.Page{Text: text} }
	blank := func(n ...int) ocrPlan { return ocrPlan{blank: n} }
	cases := []struct {
		pages    []coding.Page
		plan     ocrPlan // the pages asked for
		read     ocrPlan // those OCR found text on
		warnings []string
		needs    bool
		want     []string
	}{
		// A scan read whole.
		{[]coding.Page{page("a"), page("b"), page("c")}, blank(1, 2, 3), blank(1, 2, 3),
			[]string{"no text layer: needs OCR"}, false, []string{"pages 1–3: text from OCR (Tesseract)"}},
		// Scanned pages inside a text PDF; other warnings stay; a blank
		// sheet stays blank and is named.
		{[]coding.Page{page("text"), page("ocr"), page(" \n")}, blank(2, 3), blank(2),
			[]string{"pages 2–3: no text layer", "page 9: could not be read"}, false,
			[]string{"page 9: could not be read", "page 2: text from OCR (Tesseract)", "page 3: no text, even by OCR"}},
		// OCR found nothing at all: still needs OCR, said once.
		{[]coding.Page{page(""), page("")}, blank(1, 2), ocrPlan{},
			[]string{"no text layer: needs OCR"}, true, []string{"no text layer: needs OCR"}},
		// OCR again: the old OCR warning is replaced.
		{[]coding.Page{page("x")}, blank(1), blank(1),
			[]string{"page 1: text from OCR (Tesseract)"}, false, []string{"page 1: text from OCR (Tesseract)"}},
	}
	for i, c := range cases {
		needs, w := afterOCR(c.pages, c.plan, c.read, c.warnings)
		if needs != c.needs || !reflect.DeepEqual(w, c.want) {
			t.Errorf("case %d: %v %q, want %v %q", i, needs, w, c.needs, c.want)
		}
	}
}
