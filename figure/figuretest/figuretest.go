// Package figuretest checks figures as a reader's tools see them: an SVG
// as XML with its words in text elements, a PNG's size and colours, a
// PDF's text as poppler's pdftotext extracts it. For tests only.
package figuretest

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// CheckSVG checks that an SVG is well-formed XML whose text elements hold
// the words: real text, not outlines.
func CheckSVG(t testing.TB, svg []byte, words ...string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var text strings.Builder
	inText := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "text" {
				inText++
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				inText--
				text.WriteByte(' ')
			}
		case xml.CharData:
			if inText > 0 {
				text.Write(tok)
				text.WriteByte(' ')
			}
		}
	}
	got := strings.Join(strings.Fields(text.String()), " ")
	for _, w := range words {
		if !strings.Contains(got, w) {
			t.Errorf("the SVG's text does not hold %q", w)
		}
	}
}

// CheckPNG checks a PNG that is not blank and shows each role's colour;
// with widthMM, that it is that wide at dpi. It returns the width in
// pixels.
func CheckPNG(t testing.TB, data []byte, widthMM, dpi float64, roles ...coding.Role) int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := pngDPI(data); math.Abs(got-dpi) > 0.5 {
		t.Errorf("the PNG records %.1f dpi, want %.0f", got, dpi)
	}
	w := img.Bounds().Dx()
	if want := int(widthMM/25.4*dpi + 0.999); widthMM > 0 && w != want {
		t.Errorf("the PNG is %d px wide, want %d (%.0f mm at %.0f dpi)", w, want, widthMM, dpi)
	}
	seen := coloursIn(img)
	if len(seen) < 10 {
		t.Errorf("the PNG has %d colours: blank?", len(seen))
	}
	for _, r := range roles {
		c := coding.RoleColour(r)
		if n := seen[color.RGBA{R: c.R, G: c.G, B: c.B, A: 0xff}]; n < 100 {
			t.Errorf("the PNG shows the %s colour in %d pixels", r, n)
		}
	}
	return w
}

// pngDPI is the resolution a PNG's pHYs chunk records, 0 without one.
func pngDPI(data []byte) float64 {
	for i := 8; i+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		if i+12+n > len(data) {
			break
		}
		if string(data[i+4:i+8]) == "pHYs" && n == 9 && data[i+16] == 1 {
			return float64(binary.BigEndian.Uint32(data[i+8:])) * 0.0254
		}
		i += 12 + n
	}
	return 0
}

func coloursIn(img image.Image) map[color.RGBA]int {
	seen := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: uint8(a >> 8)}]++
		}
	}
	return seen
}

// CheckPDF checks with poppler's pdftotext that the PDF's text holds the
// words.
func CheckPDF(t testing.TB, data []byte, words ...string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (poppler-utils)")
	}
	dir, err := os.MkdirTemp("", "figuretest")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	got := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range words {
		if !strings.Contains(got, w) {
			t.Errorf("pdftotext does not find %q in:\n%s", w, got)
		}
	}
}
