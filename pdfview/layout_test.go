package pdfview

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// A tiny PDF writer for synthetic test pages: standard-14 Helvetica text
// placed where the test says, in the content-stream order it says.

type synText struct {
	x, y, size float64
	s          string // PDF string bytes (WinAnsi, plus the codes of synFont's Differences)
	rot90      bool   // drawn turned 90° counter-clockwise (upright on a /Rotate 90 page)
	rot270     bool   // drawn turned 90° clockwise (upright on a /Rotate 270 page)
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
			if t.rot270 {
				m = fmt.Sprintf("0 -1 1 0 %g %g", t.x, t.y)
			}
			fmt.Fprintf(&c, "BT /F1 %g Tf %s Tm (%s) Tj ET\n", t.size, m, t.s)
		}
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Rotate %d /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>",
			p.w, p.h, p.rotate, content, font))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return writePDF(objects)
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
	// /Rotate 270, content turned the other way: on screen y is the page
	// width minus x, so the first line has the largest x. And /Rotate 450,
	// which is /Rotate 90.
	r := synPage{w: 612, h: 792, rotate: 270, texts: []synText{
		{x: 300, y: 700, size: 12, s: "second line", rot270: true},
		{x: 320, y: 700, size: 12, s: "First line", rot270: true},
	}}
	s := p
	s.rotate = 450
	pages := extractSynthetic(t, p, q, r, s)
	if want := "First line of the turned page\nsecond line of the turned page\nlast line at the bottom"; pages[0].Text != want {
		t.Errorf("rotated page: got %q, want %q", pages[0].Text, want)
	}
	if pages[0].Rotation != 90 || pages[1].Rotation != 180 {
		t.Errorf("rotations %d %d", pages[0].Rotation, pages[1].Rotation)
	}
	if want := "Upside down heading\nand its body"; pages[1].Text != want {
		t.Errorf("180 page: got %q, want %q", pages[1].Text, want)
	}
	if want := "First line\nsecond line"; pages[2].Text != want || pages[2].Rotation != 270 {
		t.Errorf("270 page: got %q (rotation %d), want %q", pages[2].Text, pages[2].Rotation, want)
	}
	if pages[3].Text != pages[0].Text || pages[3].Rotation != 90 {
		t.Errorf("/Rotate 450 page: got %q (rotation %d)", pages[3].Text, pages[3].Rotation)
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

func TestWriteBoxesJSON(t *testing.T) {
	pages := []coding.Page{
		{Number: 1, Text: "a\u00e9", Boxes: []coding.Box{{X0: 1, Y0: 2, X1: 3, Y1: 4}, {X0: 3, Y0: 2, X1: 5, Y1: 4}}, X1: 612, Y1: 792, Rotation: 90},
		{Number: 2, X1: 612, Y1: 792},
	}
	var b bytes.Buffer
	if err := WriteBoxesJSON(&b, pages); err != nil {
		t.Fatal(err)
	}
	var got []BoxesPage
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v in %s", err, b.String())
	}
	if len(got) != 2 || got[0].Rotation != 90 || got[0].X1 != 612 || len(got[0].Chars) != 2 ||
		got[0].Chars[1] != (BoxesChar{C: "\u00e9", X0: 3, Y0: 2, X1: 5, Y1: 4}) || got[1].Chars == nil || len(got[1].Chars) != 0 {
		t.Errorf("got %+v", got)
	}
}

// arabicPDF makes a one-page PDF in a Type 3 font whose glyphs (plain
// boxes, 6 pt wide at 12 pt) map through a ToUnicode CMap to Arabic
// letters: A م, B ر, C ح, D ب, E ا, F ك. Strings are drawn as a
// right-to-left text is on paper: the glyphs of a word left to right in
// visual order (its last letter first).
func arabicPDF(texts []synText) []byte {
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) " +
		"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange " +
		"<00> <FF> endcodespacerange 6 beginbfchar <41> <0645> <42> <0631> <43> <062D> <44> <0628> <45> <0627> " +
		"<46> <0643> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
	proc := "500 0 0 0 450 600 d1 0 0 450 600 re f"
	var c bytes.Buffer
	for _, t := range texts {
		fmt.Fprintf(&c, "BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n", t.size, t.x, t.y, t.s)
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(proc), proc),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap),
		"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] " +
			"/CharProcs << /g 5 0 R >> /Encoding << /Type /Encoding /Differences [65 /g /g /g /g /g /g] >> " +
			"/FirstChar 65 /LastChar 70 /Widths [500 500 500 500 500 500] /ToUnicode 6 0 R /Resources << >> >>",
	}
	return writePDF(objects)
}

func TestSyntheticRightToLeft(t *testing.T) {
	// Two columns of Arabic, right-aligned, the left one drawn first. Right
	// column: "مرحبا بكم" (the second word leftmost on paper) over "مرحبا"
	// drawn in two pieces; left column: "بكم" over "حب". Lines 9 pt apart:
	// the Type 3 glyph boxes are 7.2 pt tall.
	texts := []synText{
		{x: 100, y: 700, size: 12, s: "AFD"},
		{x: 106, y: 691, size: 12, s: "DC"},
		{x: 400, y: 700, size: 12, s: "AFD"},
		{x: 422, y: 700, size: 12, s: "EDCBA"},
		{x: 422, y: 691, size: 12, s: "ED"},
		{x: 434, y: 691, size: 12, s: "CBA"},
	}
	ex, err := testEngine(t).Extract(context.Background(), arabicPDF(texts), "")
	if err != nil {
		t.Fatal(err)
	}
	checkPages(t, ex.Pages)
	if got, want := ex.Pages[0].Text, "مرحبا بكم\nمرحبا\nبكم\nحب"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestLayoutKeepsGlyphs lays the corpus pages out again: every glyph (a
// code point other than white space) comes out once with the box it went
// in with, and every line break has a zero-area box.
func TestLayoutKeepsGlyphs(t *testing.T) {
	for _, name := range []string{"bmc-hsr-2014-agyeman-duah.pdf", "dpr-emnlp2020-arxiv-twocolumn.pdf", "habibi-arabic-rotated-pages.pdf", "cebaf-th-94-08-type3-dvips.pdf"} {
		ex := extractCorpus(t, name)
		for _, p := range ex.Pages {
			type glyphBox struct {
				r rune
				b coding.Box
			}
			count := map[glyphBox]int{}
			in := []rune(p.Text)
			for i, r := range in {
				if r == '\n' && (p.Boxes[i].X0 != p.Boxes[i].X1 || p.Boxes[i].Y0 != p.Boxes[i].Y1) {
					t.Errorf("%s p%d: line break %d has a box with area %v", name, p.Number, i, p.Boxes[i])
				}
				if !unicode.IsSpace(r) {
					count[glyphBox{r, p.Boxes[i]}]++
				}
			}
			out := layoutPage(pageText{text: in, boxes: p.Boxes}, coding.Box{X0: p.X0, Y0: p.Y0, X1: p.X1, Y1: p.Y1}, p.Rotation)
			if len(out.text) != len(out.boxes) {
				t.Fatalf("%s p%d: %d code points, %d boxes", name, p.Number, len(out.text), len(out.boxes))
			}
			for i, r := range out.text {
				if !unicode.IsSpace(r) {
					count[glyphBox{r, out.boxes[i]}]--
				}
			}
			for k, n := range count {
				if n != 0 {
					t.Errorf("%s p%d: %q %v: %+d after a second layout", name, p.Number, k.r, k.b, n)
					break
				}
			}
		}
	}
}

func TestSyntheticThreeColumns(t *testing.T) {
	// A title across the page, three columns drawn row by row across them,
	// and a note across the page under the columns, drawn first.
	p := synPage{w: 612, h: 792}
	p.texts = append(p.texts, synText{x: 72, y: 560, size: 11, s: "A note under all three columns, long enough to run across the whole width of the page."})
	p.texts = append(p.texts, synText{x: 150, y: 720, size: 16, s: "Three Columns Title"})
	cols := [3][]string{
		{"one starts", "one goes on", "one ends."},
		{"two starts", "two goes on", "two ends."},
		{"three starts", "three goes on", "three ends."},
	}
	for row := range 3 {
		for c := range 3 {
			p.texts = append(p.texts, synText{x: 72 + float64(c)*170, y: 680 - float64(row)*13, size: 11, s: cols[c][row]})
		}
	}
	got := extractSynthetic(t, p)[0].Text
	want := "Three Columns Title\n" + strings.Join(cols[0][:], "\n") + "\n" + strings.Join(cols[1][:], "\n") + "\n" +
		strings.Join(cols[2][:], "\n") + "\nA note under all three columns, long enough to run across the whole width of the page."
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}
