package pdfview

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// formsDir holds real filled-in forms from several producers; SOURCES.md
// says where each comes from and how the expected values were found.
const formsDir = "../testdata/pdf-forms"

func readForm(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(formsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestExtractFormValues reads filled-in fields of real forms: each value
// once, right after its label, each code point with a box inside the
// field's /Rect. Values and rectangles are the files' own (/V and /Rect
// as qpdf --json prints them; the formatted numbers as poppler's
// pdftotext prints the appearance streams).
func TestExtractFormValues(t *testing.T) {
	type field struct {
		label, value string
		rect         coding.Box // the widget's /Rect
	}
	cases := []struct {
		file   string
		fields []field
	}{
		{"libreoffice-form.pdf", []field{ // LibreOffice, NeedAppearances and empty streams
			{"First Name", "Alice", coding.Box{X0: 119.549, Y0: 710.39, X1: 203.901, Y1: 718.138}},
			{"", "Bob", coding.Box{X0: 77.249, Y0: 490.99, X1: 230.801, Y1: 499.438}},
		}},
		{"issue17492.pdf", []field{ // OpenOffice 4.1.7
			{"First name:", "Lucía", coding.Box{X0: 165.7, Y0: 673.9, X1: 315.7, Y1: 688.1}},
			{"Last name:", "Garzas", coding.Box{X0: 165.7, Y0: 641.3, X1: 315.7, Y1: 655.5}},
			{"Country:", "Spain", coding.Box{X0: 165.7, Y0: 608.8, X1: 315.7, Y1: 623}},
		}},
		{"issue15092.pdf", []field{ // Acrobat Pro DC 22, formatted numbers
			{"Value 1", "1.00", coding.Box{X0: 140.257, Y0: 732.568, X1: 290.257, Y1: 754.568}},
			{"Total1+2", "232,324.00", coding.Box{X0: 354.475, Y0: 675.293, X1: 504.475, Y1: 697.293}},
		}},
	}
	eng := testEngine(t)
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			ex, err := eng.Extract(context.Background(), readForm(t, c.file), "")
			if err != nil {
				t.Fatal(err)
			}
			p := ex.Pages[0]
			for _, f := range c.fields {
				if n := strings.Count(p.Text, f.value); n != 1 {
					t.Errorf("%q appears %d times, want once:\n%s", f.value, n, p.Text)
					continue
				}
				if f.label != "" && !strings.Contains(p.Text, f.label+" "+f.value) {
					t.Errorf("%q is not read right after %q:\n%s", f.value, f.label, p.Text)
				}
				at := len([]rune(p.Text[:strings.Index(p.Text, f.value)]))
				for i := range len([]rune(f.value)) {
					b := p.Boxes[at+i]
					x, y := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
					if b.X1 <= b.X0 || x < f.rect.X0 || x > f.rect.X1 || y < f.rect.Y0 || y > f.rect.Y1 {
						t.Errorf("%q code point %d: box %+v is not within the field %+v", f.value, i, b, f.rect)
					}
				}
			}
		})
	}
}

// stream writes a PDF stream object with its /Length.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// formPDF is a page with the label "Name:" in its content, a text field
// whose appearance draws value (its /V is v) and a FreeText comment whose
// appearance draws "Note". If printed, the page's content draws value at
// the very place the appearance does, as some producers do.
func formPDF(v, value string, printed bool) []byte {
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	content := "BT /F1 12 Tf 20 150 Td (Name:) Tj ET"
	if printed {
		content += " BT /F1 12 Tf 82 150 Td (" + value + ") Tj ET"
	}
	return writePDF([]string{
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /DR << /Font << /F1 7 0 R >> >> >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /Annots [5 0 R 8 0 R] >>",
		stream("", content),
		"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (" + v + ") /Rect [80 145 200 165] /P 3 0 R /F 4 /DA (/F1 12 Tf 0 g) /AP << /N 6 0 R >> >>",
		stream("/Type /XObject /Subtype /Form /BBox [0 0 120 20] /Resources << /Font << /F1 7 0 R >> >>",
			"/Tx BMC BT /F1 12 Tf 2 5 Td ("+value+") Tj ET EMC"),
		font,
		"<< /Type /Annot /Subtype /FreeText /Rect [20 20 200 60] /Contents (Note) /F 4 /DA (/F1 12 Tf 0 g) /AP << /N 9 0 R >> >>",
		stream("/Type /XObject /Subtype /Form /BBox [0 0 180 40] /Resources << /Font << /F1 7 0 R >> >>",
			"BT /F1 12 Tf 2 5 Td (Note) Tj ET"),
	})
}

// TestFormValueFromAppearance: a field is read as its appearance shows it
// (a formatted value, not the raw /V), once, after its label, also when
// the page's content draws the same value under it; comments (other
// annotations) stay out of the text as before.
func TestFormValueFromAppearance(t *testing.T) {
	for _, printed := range []bool{false, true} {
		ex, err := testEngine(t).Extract(context.Background(), formPDF("1234.5", "1,234.50", printed), "")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ex.Pages[0].Text, "Name: 1,234.50"; got != want {
			t.Errorf("printed in the page too %v: text %q, want %q", printed, got, want)
		}
	}
}

func TestPlaceFormValues(t *testing.T) {
	page := coding.Box{X1: 300, Y1: 200}
	// line lays a string out from (x, y) in 6-pt steps, 10 pt high.
	line := func(s string, x, y float32) pageText {
		var pt pageText
		for _, r := range s {
			pt.text = append(pt.text, r)
			pt.boxes = append(pt.boxes, coding.Box{X0: x, Y0: y, X1: x + 6, Y1: y + 10})
			x += 6
		}
		return pt
	}
	join := func(ls ...pageText) pageText {
		var pt pageText
		for i, l := range ls {
			if i > 0 {
				pt.text = append(pt.text, '\n')
				pt.boxes = append(pt.boxes, coding.Box{})
			}
			pt.text = append(pt.text, l.text...)
			pt.boxes = append(pt.boxes, l.boxes...)
		}
		return pt
	}
	first := coding.Box{X0: 100, Y0: 148, X1: 200, Y1: 162}
	last := coding.Box{X0: 100, Y0: 128, X1: 200, Y1: 142}
	below := coding.Box{X0: 20, Y0: 88, X1: 200, Y1: 102}
	// form says the glyphs of pt inside fields were drawn by them, but
	// for those of the strings in printed (the page's own text).
	form := func(pt pageText, fields []coding.Box, printed ...pageText) *pageForm {
		f := &pageForm{fields: fields, values: map[glyphKey]int{}}
		for i, r := range pt.text {
			if k := (glyphKey{r, pt.boxes[i]}); fieldAt(fields, k.b) >= 0 {
				f.values[k] = fieldAt(fields, k.b)
			}
		}
		for _, p := range printed {
			for i, r := range p.text {
				delete(f.values, glyphKey{r, p.boxes[i]})
			}
		}
		return f
	}
	hint := line("dd/mm", 102, 150)
	cases := []struct {
		name   string
		pt     pageText
		fields []coding.Box
		want   string
		page   []pageText // text of the page itself inside fields
	}{
		{"labels and values read as two columns",
			join(line("First:", 20, 150), line("Last:", 20, 130), line("Ada", 102, 150), line("Byron", 102, 130)),
			[]coding.Box{first, last}, "First: Ada\nLast: Byron", nil},
		{"value already after its label",
			join(line("First:", 20, 150), line("Ada", 102, 150)),
			[]coding.Box{first}, "First: Ada", nil},
		{"label above the field stays as laid out",
			join(line("Comments", 20, 110), line("None", 22, 90)),
			[]coding.Box{below}, "Comments\nNone", nil},
		{"no fields",
			join(line("First:", 20, 150), line("Ada", 102, 150)),
			nil, "First:\nAda", nil},
		{"a line partly in a field is not moved",
			join(line("First:", 20, 150), line("Ada Lovelace wrote", 102, 150)),
			[]coding.Box{first}, "First:\nAda Lovelace wrote", nil},
		{"the page's own text inside a field is not moved",
			join(line("Born:", 20, 150), line("Last:", 20, 130), hint),
			[]coding.Box{first}, "Born:\nLast:\ndd/mm", []pageText{hint}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := placeFormValues(c.pt, form(c.pt, c.fields, c.page...), page, 0)
			if string(got.text) != c.want {
				t.Errorf("text %q, want %q", string(got.text), c.want)
			}
			if len(got.boxes) != len(got.text) {
				t.Fatalf("%d boxes for %d code points", len(got.boxes), len(got.text))
			}
			// Every code point keeps its box.
			for i, r := range got.text {
				if r == ' ' || r == '\n' {
					continue
				}
				found := false
				for j, s := range c.pt.text {
					if s == r && c.pt.boxes[j] == got.boxes[i] {
						found = true
					}
				}
				if !found {
					t.Errorf("code point %d %q lost its box", i, r)
				}
			}
		})
	}
}

// TestRenderPageShowsFormValues: the page image shows the values whose
// boxes Extract gives, so a highlight falls on ink. LibreOffice leaves
// the drawing to the viewer (NeedAppearances, empty streams).
func TestRenderPageShowsFormValues(t *testing.T) {
	pdf := readForm(t, "libreoffice-form.pdf")
	eng := testEngine(t)
	img, err := eng.RenderPage(context.Background(), pdf, "", 1, 72)
	if err != nil {
		t.Fatal(err)
	}
	// "Alice" in the field "First Name": /Rect [119.549 710.39 203.901
	// 718.138], whose frame the page itself draws; its glyphs, from
	// Extract, span x 120.5-144.9. Look inside the frame only.
	h := img.Bounds().Dy()
	dark := 0
	for x := 121; x <= 145; x++ {
		for y := h - 717; y <= h-712; y++ {
			if c := img.RGBAAt(x, y); int(c.R)+int(c.G)+int(c.B) < 3*160 {
				dark++
			}
		}
	}
	if dark < 10 {
		t.Errorf("the value of First Name is not drawn: %d dark pixels where Alice should be", dark)
	}
}
