package pdfview

import (
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// fakeChar is one character index as a fake PDFium reports it.
type fakeChar struct {
	code   rune
	gen    bool
	hyphen bool
	ink    bool
	nobox  bool
	loose  *coding.Box // instead of the default box
	tight  *coding.Box // instead of the default ink box
}

type fakeSource []fakeChar

func (f fakeSource) count() int                    { return len(f) }
func (f fakeSource) unicode(i int) (rune, error)   { return f[i].code, nil }
func (f fakeSource) generated(i int) (bool, error) { return f[i].gen, nil }
func (f fakeSource) hyphen(i int) (bool, error)    { return f[i].hyphen, nil }

// box i is [i, i+1] x [0, 5], so a test can tell whose box a code point got.
func (f fakeSource) box(i int) (coding.Box, error) {
	switch {
	case f[i].nobox:
		return coding.Box{}, errors.New("no box")
	case f[i].loose != nil:
		return *f[i].loose, nil
	}
	return coding.Box{X0: float32(i), Y0: 0, X1: float32(i + 1), Y1: 5}, nil
}

// tight is the middle of the loose box for a glyph with ink, a line for one
// without.
func (f fakeSource) tight(i int) (coding.Box, error) {
	switch {
	case f[i].tight != nil:
		return *f[i].tight, nil
	case f[i].ink:
		return coding.Box{X0: float32(i) + 0.2, Y0: 1, X1: float32(i) + 0.8, Y1: 4}, nil
	}
	return coding.Box{X0: float32(i), Y0: 2, X1: float32(i) + 0.5, Y1: 2.01}, nil // as thin as PDFium's spaces
}

// glyphs makes ordinary inked characters.
func glyphs(s string) []fakeChar {
	var out []fakeChar
	for _, r := range s {
		out = append(out, fakeChar{code: r, ink: true})
	}
	return out
}

func cat(parts ...[]fakeChar) fakeSource {
	var out fakeSource
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestBuildPageText(t *testing.T) {
	one := func(c fakeChar) []fakeChar { return []fakeChar{c} }
	tests := []struct {
		name     string
		src      fakeSource
		want     string
		from     []int // index of the source character whose box each code point has
		readable int
		unread   int
	}{
		{"plain", cat(glyphs("ab c")), "ab c", []int{0, 1, 2, 3}, 3, 0},
		{"generated CRLF is one newline",
			cat(glyphs("ab"), one(fakeChar{code: '\r', gen: true}), one(fakeChar{code: '\n', gen: true}), glyphs("c")),
			"ab\nc", []int{0, 1, 2, 4}, 3, 0},
		{"lone generated CR and LF",
			cat(glyphs("a"), one(fakeChar{code: '\r', gen: true}), glyphs("b"), one(fakeChar{code: '\n', gen: true}), glyphs("c")),
			"a\nb\nc", []int{0, 1, 2, 3, 4}, 3, 0},
		{"line-end hyphen",
			cat(glyphs("hy"), one(fakeChar{code: 2, hyphen: true, ink: true}), glyphs("phen")),
			"hy-phen", []int{0, 1, 2, 3, 4, 5, 6}, 7, 0},
		{"U+FFFE hyphen",
			cat(glyphs("a"), one(fakeChar{code: 0xFFFE, hyphen: true, ink: true}), glyphs("b")),
			"a-b", []int{0, 1, 2}, 3, 0},
		{"surrogate pair is one code point",
			cat(glyphs("x"), one(fakeChar{code: 0xD835, ink: true}), one(fakeChar{code: 0xDC00, ink: true}), glyphs("y")),
			"x\U0001D400y", []int{0, 1, 3}, 3, 0},
		{"lone surrogates",
			cat(one(fakeChar{code: 0xD835, ink: true}), glyphs("a"), one(fakeChar{code: 0xDC00, ink: true})),
			"\uFFFDa\uFFFD", []int{0, 1, 2}, 1, 2},
		{"inked controls become U+FFFD, blank ones spaces",
			cat(glyphs("di"), one(fakeChar{code: 0, ink: true}), glyphs("cult"), one(fakeChar{code: 3}), glyphs("x")),
			"di\uFFFDcult x", []int{0, 1, 2, 3, 4, 5, 6, 7, 8}, 7, 1},
		{"form feed never survives",
			cat(one(fakeChar{code: '\f', ink: true}), one(fakeChar{code: '\f'})),
			"\uFFFD ", []int{0, 1}, 0, 1},
		{"non-generated CR and LF are glyphs",
			cat(one(fakeChar{code: '\r', ink: true}), one(fakeChar{code: '\n'})),
			"\uFFFD ", []int{0, 1}, 0, 1},
		{"tab without ink", cat(glyphs("a"), one(fakeChar{code: '\t'}), glyphs("b")), "a b", []int{0, 1, 2}, 2, 0},
		{"U+0002 that is no hyphen", cat(one(fakeChar{code: 2, ink: true})), "\uFFFD", []int{0}, 0, 1},
		{"ligatures expand, sharing the glyph's box",
			cat(one(fakeChar{code: 0xFB03, ink: true}), glyphs("x"), one(fakeChar{code: 0xFB01, ink: true})),
			"ffixfi", []int{0, 0, 0, 1, 2, 2}, 6, 0},
		{"non-characters", cat(one(fakeChar{code: 0xFFFF, ink: true}), one(fakeChar{code: 0x1FFFE, ink: true}), one(fakeChar{code: -5, ink: true})),
			"\uFFFD\uFFFD\uFFFD", []int{0, 1, 2}, 0, 3},
		{"C1 control", cat(one(fakeChar{code: 0x85, ink: true})), "\uFFFD", []int{0}, 0, 1},
		{"empty", nil, "", nil, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pt, err := buildPageText(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(pt.text); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
			if utf8.RuneCountInString(string(pt.text)) != len(pt.boxes) {
				t.Fatalf("%d code points, %d boxes", len(pt.text), len(pt.boxes))
			}
			for k, b := range pt.boxes {
				if k < len(tc.from) && b.X0 != float32(tc.from[k]) {
					t.Errorf("code point %d has the box of index %v, want %d", k, b.X0, tc.from[k])
				}
			}
			if pt.readable != tc.readable || pt.unreadable != tc.unread {
				t.Errorf("readable %d unreadable %d, want %d %d", pt.readable, pt.unreadable, tc.readable, tc.unread)
			}
		})
	}
}

func TestBuildPageTextMissingBox(t *testing.T) {
	src := cat(glyphs("a"), []fakeChar{{code: 'b', ink: true, nobox: true}})
	pt, err := buildPageText(src)
	if err != nil {
		t.Fatal(err)
	}
	want := coding.Box{X0: 1, Y0: 0, X1: 1, Y1: 0} // zero area where "a" ends
	if pt.boxes[1] != want {
		t.Errorf("box %v, want %v", pt.boxes[1], want)
	}
}

func TestImplausibleBox(t *testing.T) {
	// A Type 3 glyph whose loose box runs 240 pt to the right: the long side
	// comes from the ink box, the line band stays.
	src := fakeSource{{code: 'a', ink: true,
		loose: &coding.Box{X0: 414, Y0: 115.7, X1: 654, Y1: 119.8},
		tight: &coding.Box{X0: 414.2, Y0: 116.6, X1: 417.4, Y1: 119.3}}}
	pt, err := buildPageText(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := (coding.Box{X0: 414.2, Y0: 115.7, X1: 417.4, Y1: 119.8}); pt.boxes[0] != want {
		t.Errorf("box %v, want %v", pt.boxes[0], want)
	}
	// Rotated text (tall, narrow loose boxes) is left alone.
	if implausible(coding.Box{X0: 0, Y0: 0, X1: 22.5, Y1: 5.6}) {
		t.Error("a rotated glyph's box is not implausible")
	}
}

func TestClipToPage(t *testing.T) {
	at := func(x float32) coding.Box { return coding.Box{X0: x, Y0: 10, X1: x + 1, Y1: 20} }
	point := func(x float32) coding.Box { return coding.Box{X0: x, Y0: 10, X1: x, Y1: 10} }
	// "ab\nSL\ncd" where the slug "SL" and its line break are off the page.
	pt := pageText{
		text:  []rune("ab\nSL\ncd"),
		boxes: []coding.Box{at(1), at(2), point(3), at(-50), at(-49), point(-48), at(4), at(5)},
	}
	clipToPage(&pt, coding.Box{X0: 0, Y0: 0, X1: 100, Y1: 100})
	if string(pt.text) != "ab\ncd" || len(pt.boxes) != 5 || pt.boxes[3] != at(4) {
		t.Errorf("clipped to %q %v", string(pt.text), pt.boxes)
	}
	if pt.readable != 4 {
		t.Errorf("readable %d", pt.readable)
	}
	// A slug first on the page leaves no leading line break.
	pt = pageText{text: []rune("S\n\nab"), boxes: []coding.Box{at(-50), point(-49), point(2), at(1), at(2)}}
	clipToPage(&pt, coding.Box{X0: 0, Y0: 0, X1: 100, Y1: 100})
	if string(pt.text) != "ab" {
		t.Errorf("clipped to %q", string(pt.text))
	}
}

func TestRoundDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{60 * time.Second, "60s"}, {59998 * time.Millisecond, "60s"}, {1500 * time.Millisecond, "1.5s"},
		{time.Second, "1s"}, {2997 * time.Millisecond / 10, "300ms"}, {19 * time.Millisecond, "19ms"}, {time.Nanosecond, "1ms"},
	} {
		if got := roundDuration(tc.d); got != tc.want {
			t.Errorf("roundDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestPageList(t *testing.T) {
	for _, tc := range []struct {
		pages []int
		want  string
	}{
		{[]int{3}, "page 3"},
		{[]int{1, 2, 3, 4, 7}, "pages 1–4, 7"},
		{[]int{2, 4, 5}, "pages 2, 4–5"},
	} {
		if got := pageList(tc.pages); got != tc.want {
			t.Errorf("pageList(%v) = %q, want %q", tc.pages, got, tc.want)
		}
	}
}

func TestYearAndTitleRules(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"D:20140103125321Z", "2014"},
		{"2010-02-15T19:16:27+05:30", "2010"},
		{"D:1700", ""},
		{"", ""},
	} {
		if got := yearOf(tc.in); got != tc.want {
			t.Errorf("yearOf(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	pages := []coding.Page{{Text: "  \n"}, {Text: "Received 3 May 2013\n© 2014 Smith et al.; licensee BioMed Central"}}
	if got := titlePageYear(pages); got != "2014" {
		t.Errorf("titlePageYear = %q", got)
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Free Culture", true},
		{"6489122611071476 1..10", false},
		{"ipg1300180a", false},
		{"paper.dvi", false},
		{"Microsoft Word - notes.doc", false},
		{"", false},
	} {
		if got := looksLikeTitle(tc.in); got != tc.want {
			t.Errorf("looksLikeTitle(%q) = %v", tc.in, got)
		}
	}
}

func TestParseXMP(t *testing.T) {
	raw := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/" prism:coverDate="2010-01-31">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Complications  related to
 prophylaxis</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Indraneel Datta</rdf:li><rdf:li>Chad G Ball</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>`)
	m := parseXMP(raw)
	if m.Title != "Complications related to prophylaxis" || len(m.Creators) != 2 || m.Creators[1] != "Chad G Ball" || m.Date != "2010-01-31" {
		t.Errorf("parseXMP = %+v", m)
	}
}
