package storage

import (
	"path/filepath"
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// scanPages is a scan as imported: pages with no text, a page box and a
// rotation.
func scanPages() []coding.Page {
	return []coding.Page{
		{Number: 1, X0: 0, Y0: 0, X1: 595, Y1: 842},
		{Number: 2, X0: 10, Y0: 20, X1: 605, Y1: 862, Rotation: 90},
	}
}

func TestReplaceText(t *testing.T) {
	p := newProject(t)
	doc, err := p.AddDocument(coding.Document{FileName: "scan.pdf", Title: "A scan", NeedsOCR: true,
		Warnings: []string{"no text layer: needs OCR"}}, []byte("%PDF-1.4 scan"), scanPages())
	if err != nil {
		t.Fatal(err)
	}
	// Read the text once so that it is cached: ReplaceText must drop it.
	if text, err := p.Text(doc.ID); err != nil || text.Len() != 1 {
		t.Fatalf("text before: %v %v", text, err)
	}
	ocr := []coding.Page{synthPage(1, "Hydrogen incorporation\nin a-Si:H"), synthPage(2, "growth studies 𝑥")}
	ocr[1].X0, ocr[1].Y0, ocr[1].X1, ocr[1].Y1, ocr[1].Rotation = 10, 20, 605, 862, 90
	got, err := p.ReplaceText(doc.ID, ocr, false, []string{"pages 1–2: text from OCR (Tesseract)"})
	if err != nil {
		t.Fatal(err)
	}
	want := doc
	want.Chars = len([]rune(ocr[0].Text)) + 1 + len([]rune(ocr[1].Text))
	want.NeedsOCR = false
	want.Warnings = []string{"pages 1–2: text from OCR (Tesseract)"}
	want.Modified = got.Modified
	if !reflect.DeepEqual(got, want) || got.Modified.Before(doc.Modified) {
		t.Errorf("document\n got %+v\nwant %+v", got, want)
	}
	check := func(p *Project) {
		t.Helper()
		text, err := p.Text(doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s := text.String(); s != ocr[0].Text+"\f"+ocr[1].Text {
			t.Errorf("text %q", s)
		}
		samePages(t, p, doc.ID, ocr)
		d, err := p.Document(doc.ID)
		if err != nil || !reflect.DeepEqual(d, got) {
			t.Errorf("stored document %+v %v", d, err)
		}
		if err := p.Check(); err != nil {
			t.Error(err)
		}
	}
	check(p)
	path := p.Path()
	p2 := reopen(t, p)
	check(p2)

	// Once a fragment is coded, the text is fixed: refused, nothing
	// written.
	if _, err := p2.Apply(coding.AddFragment{Fragment: coding.Fragment{DocID: doc.ID, Start: 0, End: 8,
		Role: coding.Context}}); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)
	_, err = p2.ReplaceText(doc.ID, scanPages(), true, nil)
	wantKind(t, err, coding.KindInvalid, `document "A scan" has coded fragments; its text can no longer change`)
	if fileSum(t, path) != before {
		t.Error("a refused ReplaceText changed the file")
	}
	check(p2)
}

func TestReplaceTextErrors(t *testing.T) {
	p := newProject(t)
	doc, err := p.AddDocument(coding.Document{FileName: "scan.pdf", NeedsOCR: true}, []byte("%PDF-1.4 scan"), scanPages())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(filepath.Dir(p.Path()), "review.cmoproj")
	before := fileSum(t, path)
	one := []coding.Page{synthPage(1, "only one page")}
	_, err = p.ReplaceText(doc.ID, one, false, nil)
	wantKind(t, err, coding.KindInvalid, "1 page given for a document of 2")
	bad := []coding.Page{synthPage(1, "a\fb"), synthPage(2, "")}
	_, err = p.ReplaceText(doc.ID, bad, false, nil)
	wantKind(t, err, coding.KindInvalid, "page separator")
	short := []coding.Page{synthPage(1, "abc"), synthPage(2, "")}
	short[0].Boxes = short[0].Boxes[:2]
	_, err = p.ReplaceText(doc.ID, short, false, nil)
	wantKind(t, err, coding.KindInvalid, "2 boxes for 3 characters")
	_, err = p.ReplaceText("no-such-document", []coding.Page{synthPage(1, "x"), synthPage(2, "")}, false, nil)
	wantKind(t, err, coding.KindNotFound)
	if fileSum(t, path) != before {
		t.Error("a refused ReplaceText changed the file")
	}
	if d, err := p.Document(doc.ID); err != nil || !d.NeedsOCR || d.Chars != 1 {
		t.Errorf("document after refusals: %+v %v", d, err)
	}
}
