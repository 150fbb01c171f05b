package refiqda

import (
	"fmt"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestReadAreas: ATLAS.ti's standard project codes a quotation of its
// granola PDF as areas (PDFSelection); each is read with its page (from 0),
// corners and code, as the file has them. Its PDFs are not in the archive,
// so this is all of them the import can use.
func TestReadAreas(t *testing.T) {
	in, err := Read("atlas.qdpx", readSample(t, "atlas-mac-8.4-refi-standard-project.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range in.File.Sources {
		for _, a := range s.Areas {
			got = append(got, fmt.Sprintf("%s p%d %g,%g-%g,%g %v", a.GUID, a.Page, a.X0, a.Y0, a.X1, a.Y1, a.Codes))
		}
	}
	want := []string{
		"95916796-d0a0-4b49-80b0-5a5c8b94ae13 p0 18,45-577,234 [ae6d04ce-d987-4fc8-af97-d72ca6ffd08f]",
		"7b8c9a7d-1ad6-4a88-8556-50b9a35fda19 p1 18,41-577,823 [ae6d04ce-d987-4fc8-af97-d72ca6ffd08f]",
		"7c046d16-1b6d-4814-a260-3a7bd5fc6a51 p0 19,515-576,676 [3dd1a2a6-3aef-4a4c-9138-718e9ce2386d]",
		"27a5f0c2-e225-4d6a-8297-f4fec794d890 p0 335,367-485,420 [7988dac2-adbd-4258-a81e-71489189f5b5]",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("areas\n%q\nwant\n%q", got, want)
	}
}

// TestAreaSpan: the characters whose boxes have their centre in the
// rectangle, first to last, white space at the ends left out.
func TestAreaSpan(t *testing.T) {
	// Page 2 of a text "x\f" + "ab cd\nef": one 10-point box per
	// character, lines 20 points apart, page box from (100, 50).
	pg := coding.Page{Number: 2, Text: "ab cd\nef", X0: 100, Y0: 50, X1: 300, Y1: 250}
	for i, y := range []float32{200, 200, 200, 200, 200, 200, 180, 180} {
		x := float32(100 + 10*(i%6))
		pg.Boxes = append(pg.Boxes, coding.Box{X0: x, Y0: y, X1: x + 10, Y1: y + 10})
	}
	text := coding.NewText([]coding.Page{{Number: 1, Text: "x"}, pg})
	for _, c := range []struct {
		name           string
		area           Area
		topLeft        bool
		start, end, ok int
	}{
		{"one word", Area{X0: 29, Y0: 149, X1: 51, Y1: 161}, false, 5, 7, 1},
		{"first line", Area{X0: 0, Y0: 145, X1: 60, Y1: 165}, false, 2, 7, 1},
		{"both lines", Area{X0: 0, Y0: 125, X1: 60, Y1: 165}, false, 2, 10, 1},
		{"the space alone", Area{X0: 21, Y0: 149, X1: 29, Y1: 161}, false, 0, 0, 0},
		{"top-left origin", Area{X0: 29, Y0: 39, X1: 51, Y1: 51}, true, 5, 7, 1},
		{"nothing", Area{X0: 0, Y0: 0, X1: 20, Y1: 20}, false, 0, 0, 0},
	} {
		s, e, ok := AreaSpan(text, pg, c.area.rect(pg, c.topLeft))
		if s != c.start || e != c.end || ok != (c.ok == 1) {
			t.Errorf("%s: %d-%d %v, want %d-%d %v", c.name, s, e, ok, c.start, c.end, c.ok == 1)
		}
	}
}

// TestReadUnreadableArea: an area whose page or corners are not numbers
// does not stop the file being read (it is left out with a warning on
// import); corners given in either order are read lower left first.
func TestReadUnreadableArea(t *testing.T) {
	f, err := ReadProject([]byte(`<Project name="p"><Sources><PDFSource guid="s" name="a.pdf">
<PDFSelection guid="a1" page="one" firstX="1" firstY="2" secondX="3" secondY="4"/>
<PDFSelection guid="a2" page="2" firstX="30" firstY="40.5" secondX="10" secondY="20"/>
</PDFSource></Sources></Project>`))
	if err != nil {
		t.Fatal(err)
	}
	as := f.Sources[0].Areas
	if len(as) != 2 || !as[0].Unreadable || as[1].Unreadable {
		t.Fatalf("areas %+v", as)
	}
	if a := as[1]; a.GUID != "a2" || a.Page != 2 || a.X0 != 10 || a.Y0 != 20 || a.X1 != 30 || a.Y1 != 40.5 {
		t.Errorf("area a2: page %d, %g,%g-%g,%g, want page 2, 10,20-30,40.5", a.Page, a.X0, a.Y0, a.X1, a.Y1)
	}
}
