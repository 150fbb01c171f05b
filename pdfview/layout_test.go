package pdfview

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// A tiny PDF writer for synthetic test pages: standard-14 Helvetica text
// placed where the test says, in the content-stream order it says.

type synText struct {
	x, y, size float64
	s          string // PDF string bytes (WinAnsi, plus the codes of synFont's Differences)
	rot90      bool   // drawn turned 90° counter-clockwise (upright on a /Rotate 90 page)
}

type synPage struct {
	w, h   float64
	rotate int
	texts  []synText
}

// synFont is Helvetica with three codes given ligature and soft-hyphen
// glyphs: \240 fi, \241 fl, \242 soft hyphen.
const synFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding " +
	"/BaseEncoding /WinAnsiEncoding /Differences [160 /fi /fl /sfthyphen] >> >>"

func synPDF(pages ...synPage) []byte {
	var objects []string
	add := func(o string) int { objects = append(objects, o); return len(objects) }
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // the page tree, filled in below
	font := add(synFont)
	var kids []string
	for _, p := range pages {
		var c bytes.Buffer
		for _, t := range p.texts {
			m := fmt.Sprintf("1 0 0 1 %g %g", t.x, t.y)
			if t.rot90 {
				m = fmt.Sprintf("0 1 -1 0 %g %g", t.x, t.y)
			}
			fmt.Fprintf(&c, "BT /F1 %g Tf %s Tm (%s) Tj ET\n", t.size, m, t.s)
		}
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Rotate %d /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>",
			p.w, p.h, p.rotate, content, font))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func extractSynthetic(t *testing.T, pages ...synPage) []coding.Page {
	t.Helper()
	ex, err := testEngine(t).Extract(context.Background(), synPDF(pages...), "")
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, ex.Pages)
	for _, p := range ex.Pages {
		for k, b := range p.Boxes {
			if b.X0 < p.X0-1 || b.X1 > p.X1+1 || b.Y0 < p.Y0-1 || b.Y1 > p.Y1+1 {
				t.Errorf("page %d: code point %d has a box off the page: %v", p.Number, k, b)
			}
		}
	}
	return ex.Pages
}

func TestSyntheticTwoColumns(t *testing.T) {
	// Drawn in the worst order: the page number first, the two columns
	// interleaved row by row, the running head last.
	p := synPage{w: 612, h: 792}
	p.texts = append(p.texts, synText{x: 300, y: 40, size: 9, s: "7"})
	left := []string{"The left column starts here", "and goes on for a while", "until it ends."}
	right := []string{"The right column comes", "after the left one", "in reading order."}
	for i := range left {
		y := 700 - float64(i)*14
		p.texts = append(p.texts, synText{x: 72, y: y, size: 11, s: left[i]}, synText{x: 330, y: y, size: 11, s: right[i]})
	}
	p.texts = append(p.texts, synText{x: 72, y: 760, size: 9, s: "Journal of Tests 2026"})
	got := extractSynthetic(t, p)[0].Text
	want := "Journal of Tests 2026\n" + strings.Join(left, "\n") + "\n" + strings.Join(right, "\n") + "\n7"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestSyntheticRotatedPage(t *testing.T) {
	// A landscape page: /Rotate 90, text drawn turned so that it reads
	// upright on screen. On screen y is the user-space x (STACK.md), so the
	// first line has the smallest x; it is drawn last.
	p := synPage{w: 612, h: 792, rotate: 90, texts: []synText{
		{x: 120, y: 100, size: 12, s: "second line of the turned page", rot90: true},
		{x: 500, y: 100, size: 12, s: "last line at the bottom", rot90: true},
		{x: 100, y: 100, size: 12, s: "First line of the turned page", rot90: true},
	}}
	// Also a /Rotate 180 page whose content was not turned: read upside
	// down on screen, it is still read as its text runs.
	q := synPage{w: 612, h: 792, rotate: 180, texts: []synText{
		{x: 72, y: 700, size: 12, s: "Upside down heading"},
		{x: 72, y: 680, size: 12, s: "and its body"},
	}}
	pages := extractSynthetic(t, p, q)
	if want := "First line of the turned page\nsecond line of the turned page\nlast line at the bottom"; pages[0].Text != want {
		t.Errorf("rotated page: got %q, want %q", pages[0].Text, want)
	}
	if pages[0].Rotation != 90 || pages[1].Rotation != 180 {
		t.Errorf("rotations %d %d", pages[0].Rotation, pages[1].Rotation)
	}
	if want := "Upside down heading\nand its body"; pages[1].Text != want {
		t.Errorf("180 page: got %q, want %q", pages[1].Text, want)
	}
}

func TestSyntheticLigaturesSoftHyphen(t *testing.T) {
	p := synPage{w: 612, h: 792, texts: []synText{
		// "ﬁrst ﬂoor" with ligature glyphs, a soft hyphen inside a line
		// (invisible: dropped) and one at a line end (shown: '-').
		{x: 72, y: 700, size: 12, s: "\240rst \241oor of the build\242ing, a long sen\242"},
		{x: 72, y: 686, size: 12, s: "tence, and a hyphen-"},
		{x: 72, y: 672, size: 12, s: "ated word."},
	}}
	got := extractSynthetic(t, p)[0].Text
	want := "first floor of the building, a long sen-\ntence, and a hyphen-\nated word."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSyntheticEmptyPage(t *testing.T) {
	pages := extractSynthetic(t, synPage{w: 612, h: 792}, synPage{w: 612, h: 792, texts: []synText{{x: 72, y: 700, size: 12, s: "Only text"}}})
	if len(pages) != 2 || pages[0].Text != "" || len(pages[0].Boxes) != 0 || pages[1].Text != "Only text" {
		t.Errorf("got %q", []string{pages[0].Text, pages[1].Text})
	}
}

// TestLayoutInvariants runs the layout on made-up glyph streams: every code
// point keeps a box, synthesised separators have zero area, zero-width
// characters go.
func TestLayoutInvariants(t *testing.T) {
	box := func(x, y float32) coding.Box { return coding.Box{X0: x, Y0: y, X1: x + 6, Y1: y + 10} }
	pt := pageText{}
	add := func(r rune, b coding.Box) { pt.text = append(pt.text, r); pt.boxes = append(pt.boxes, b) }
	// Right column drawn first, then the left; a zero-width space inside.
	for i, r := range "right" {
		add(r, box(300+float32(i)*6, 700))
	}
	for i, r := range "left" {
		if i == 2 {
			add(0x200B, coding.Box{X0: 84, Y0: 700, X1: 84, Y1: 710})
		}
		add(r, box(72+float32(i)*6, 700))
	}
	out := layoutPage(pt, coding.Box{X1: 612, Y1: 792}, 0)
	if got := string(out.text); got != "le\u200Bft\nright" && got != "left\nright" {
		t.Fatalf("got %q", got)
	}
	if string(out.text) != "left\nright" {
		t.Errorf("zero-width space kept: %q", string(out.text))
	}
	if utf8.RuneCountInString(string(out.text)) != len(out.boxes) {
		t.Fatal("boxes and code points differ")
	}
	if nl := out.boxes[4]; nl.X0 != nl.X1 || nl.Y0 != nl.Y1 {
		t.Errorf("line break box %v has area", nl)
	}
}
