package storage

import (
	"encoding/binary"
	"math"
	"reflect"
	"testing"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
)

// realPage loads page 2 of Agyeman-Duah et al. 2014, BMC Health Services
// Research 14:50 (CC BY 4.0), as PDFium extracted it: the text and one
// loose character box per code point (surrogate pairs combined), float32
// little-endian, gzipped.
func realPage(t testing.TB) coding.Page {
	b := testfiles.Gunzip(t, "testdata/bmc-hsr-2014-page2.boxes.gz")
	n := binary.LittleEndian.Uint32(b)
	pg := coding.Page{Number: 2, Text: string(b[4 : 4+n]), X1: 595.276, Y1: 790.866}
	b = b[4+n:]
	m := binary.LittleEndian.Uint32(b)
	b = b[4:]
	f32 := func(i int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])) }
	for i := range int(m) {
		pg.Boxes = append(pg.Boxes, coding.Box{X0: f32(4 * i), Y0: f32(4*i + 1), X1: f32(4*i + 2), Y1: f32(4*i + 3)})
	}
	if len(pg.Boxes) != utf8.RuneCountInString(pg.Text) {
		t.Fatalf("fixture: %d boxes for %d code points", len(pg.Boxes), utf8.RuneCountInString(pg.Text))
	}
	return pg
}

func TestBoxEncodingRealPage(t *testing.T) {
	pg := realPage(t)
	enc := encodeBoxes(pg.Boxes)
	got, err := decodeBoxes(enc, len(pg.Boxes))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, pg.Boxes) {
		t.Fatal("boxes differ after a round trip")
	}
	perCP := float64(len(enc)) / float64(len(pg.Boxes))
	t.Logf("real page: %d code points, boxes %d bytes = %.2f bytes a code point (raw 16)", len(pg.Boxes), len(enc), perCP)
	if perCP > 5 {
		t.Errorf("%.2f bytes a code point: the encoding got worse", perCP)
	}

	// Through a project: Page gives back exactly what went in.
	p := newProject(t)
	pg.Number = 1
	doc, err := p.AddDocument(coding.Document{FileName: "bmc.pdf"}, []byte("%PDF-bmc"), []coding.Page{pg})
	if err != nil {
		t.Fatal(err)
	}
	back, err := p.Page(doc.ID, 1)
	if err != nil || !reflect.DeepEqual(back, pg) {
		t.Errorf("Page: %v", err)
	}
}

func TestBoxEncodingEdgeValues(t *testing.T) {
	nan := float32(math.NaN())
	negZero := float32(math.Copysign(0, -1))
	cases := map[string][]coding.Box{
		"none":     nil,
		"one":      {bx(1, 2, 3, 4)},
		"zeros":    make([]coding.Box, 5),
		"negative": {bx(-10.5, -3, -1, 0), bx(-1, 0, 5.25, 7), bx(negZero, negZero, 0, 0)},
		"extremes": {bx(math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32, float32(math.Inf(1))), bx(float32(math.Inf(-1)), 0, 1e-30, 1e30)},
		"nan":      {bx(nan, nan, nan, nan)},
		"reversed": {bx(100, 200, 50, 100), bx(3, 3, 3, 3)},
	}
	for name, boxes := range cases {
		t.Run(name, func(t *testing.T) {
			enc := encodeBoxes(boxes)
			got, err := decodeBoxes(enc, len(boxes))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(boxes) {
				t.Fatalf("%d boxes, want %d", len(got), len(boxes))
			}
			for i := range boxes {
				a, b := boxes[i], got[i]
				for k, pair := range [][2]float32{{a.X0, b.X0}, {a.Y0, b.Y0}, {a.X1, b.X1}, {a.Y1, b.Y1}} {
					if math.Float32bits(pair[0]) != math.Float32bits(pair[1]) {
						t.Errorf("box %d coordinate %d: %v became %v", i, k, pair[0], pair[1])
					}
				}
			}
		})
	}
	// Damaged data is reported, never taken for boxes.
	enc := encodeBoxes([]coding.Box{bx(1, 2, 3, 4), bx(5, 6, 7, 8)})
	for name, data := range map[string][]byte{
		"wrong count": enc,
		"format":      append([]byte{9}, enc[1:]...),
		"truncated":   enc[:len(enc)-3],
	} {
		want := 2
		if name == "wrong count" {
			want = 3
		}
		if _, err := decodeBoxes(data, want); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func bx(x0, y0, x1, y1 float32) coding.Box { return coding.Box{X0: x0, Y0: y0, X1: x1, Y1: y1} }
