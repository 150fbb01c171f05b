package textdoc

import (
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// transcript makes an interview transcript of about n bytes, the same
// every time.
func transcript(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields(`the programme staff trust realist review context mechanism outcome
		we felt that when nurses were given time they could listen and families came back because
		someone remembered their names — it was about respect, not resources, café naïve 😀`)
	var b strings.Builder
	b.WriteString("Interview 3 — community health workers\n\n")
	for turn := 0; b.Len() < n; turn++ {
		if turn%2 == 0 {
			b.WriteString("Interviewer: ")
		} else {
			fmt.Fprintf(&b, "P%d: ", turn%7)
		}
		for i, k := 0, 5+rng.IntN(120); i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		b.WriteString(".\n\n")
	}
	return b.String()
}

func structuredDoc() *Doc {
	return &Doc{Format: DOCX, Spaced: true, Blocks: []Block{
		{Kind: Heading, Level: 1, Text: "Interview 3: community health workers"},
		{Text: "Interviewer: How did the programme start in your district, and who was there at the beginning?"},
		{Text: "P3: We met every week at the clinic.\tThe nurses came first; the families followed when they saw that someone remembered their names and their children's names."},
		{Kind: Heading, Level: 2, Text: "Trust"},
		{Kind: ListItem, Level: 1, Marker: "•", Text: "respect, not resources"},
		{Kind: ListItem, Level: 2, Marker: "•", Text: "time to listen"},
		{Kind: TableCell, Text: "Context"},
		{Kind: TableCell, Text: "Mechanism"},
		{Kind: Code, Text: "code kept  as\n  it is"},
		{Text: strings.Repeat("averyveryverylongwordwithoutanyspace", 5)},
	}}
}

// checkLayout asserts the invariants every layout keeps.
func checkLayout(t *testing.T, d *Doc, l *Layout) {
	t.Helper()
	if len(l.Pages) == 0 {
		t.Fatal("no pages")
	}
	// The layout's text is the document's with a separator in place of a
	// white-space character, or added inside a word longer than a line.
	want := []rune(d.Text())
	got := []rune(l.Text())
	j := 0
	for i, r := range got {
		switch {
		case j < len(want) && r == want[j]:
			j++
		case r == coding.PageSeparator && j < len(want) && strings.ContainsRune(" \t\n", want[j]):
			j++
		case r == coding.PageSeparator && j > 0 && j < len(want) && !strings.ContainsRune(" \t\n", want[j-1]):
			// added inside a long word
		default:
			t.Fatalf("layout code point %d is %q, the document has %q at %d", i, r, want[min(j, len(want)-1)], j)
		}
	}
	if j != len(want) {
		t.Fatalf("layout text ends at the document's code point %d of %d", j, len(want))
	}
	for _, p := range l.Pages {
		if n := utf8.RuneCountInString(p.Text); n != len(p.Boxes) {
			t.Fatalf("page %d: %d code points, %d boxes", p.Number, n, len(p.Boxes))
		}
		if strings.ContainsRune(p.Text, coding.PageSeparator) {
			t.Fatalf("page %d holds a page separator", p.Number)
		}
		if p.X0 != 0 || p.Y0 != 0 || p.X1 != PageWidth || p.Y1 != PageHeight {
			t.Fatalf("page %d: media box %v %v %v %v", p.Number, p.X0, p.Y0, p.X1, p.Y1)
		}
		var prev coding.Box
		have := false
		i := 0
		for _, r := range p.Text {
			b := p.Boxes[i]
			i++
			if b.X0 < marginLeft-40 || b.X1 > marginRight+0.01 || b.Y0 < marginBot-20 || b.Y1 > PageHeight-marginTop+20 || b.X0 > b.X1 || b.Y0 > b.Y1 {
				t.Fatalf("page %d: box %d of %q outside the text area: %+v", p.Number, i-1, r, b)
			}
			if r == '\n' && (b.X0 != b.X1 || b.Y0 != b.Y1) {
				t.Fatalf("page %d: line break %d has an area: %+v", p.Number, i-1, b)
			}
			if b.X1 <= b.X0 {
				continue
			}
			if have {
				sameLine := b.Y0 == prev.Y0 || (b.Y0 < prev.Y1 && b.Y1 > prev.Y0)
				if sameLine && b.X0 < prev.X1-0.01 {
					t.Fatalf("page %d: %q at %+v is left of the character before it %+v", p.Number, r, b, prev)
				}
				if !sameLine && b.Y1 > prev.Y0+0.01 {
					t.Fatalf("page %d: %q at %+v is above the line before it %+v", p.Number, r, b, prev)
				}
			}
			prev, have = b, true
		}
	}
}

func TestLayInvariants(t *testing.T) {
	docs := map[string]*Doc{
		"structured":     structuredDoc(),
		"transcript":     PlainDoc(transcript(60 << 10)),
		"empty":          PlainDoc(""),
		"form feed":      PlainDoc("one\fTwo\n\fthree"),
		"long word":      PlainDoc(strings.Repeat("x", 20000)),
		"tabs":           PlainDoc("a\tb\t\tc\n\t\tindented"),
		"missing glyphs": {Blocks: []Block{{Text: "中文文本 and ☃ and 𝄞 mixed " + strings.Repeat("漢字", 200)}}},
	}
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			l := Lay(d)
			checkLayout(t, d, l)
			if again := Lay(d); !reflect.DeepEqual(l, again) {
				t.Error("two layouts of one document differ")
			}
		})
	}
}

// TestLayPages: a form feed starts a page and is its separator; a long
// text fills pages; the page's line break becomes the separator.
func TestLayPages(t *testing.T) {
	l := Lay(PlainDoc("one\fTwo\n\fthree"))
	var texts []string
	for _, p := range l.Pages {
		texts = append(texts, p.Text)
	}
	if want := []string{"one", "Two\n", "three"}; !reflect.DeepEqual(texts, want) {
		t.Errorf("pages %q, want %q", texts, want)
	}
	d := PlainDoc(transcript(60 << 10))
	l = Lay(d)
	if len(l.Pages) < 10 {
		t.Errorf("60 kB of transcript on %d pages", len(l.Pages))
	}
	if l.Text() != strings.NewReplacer().Replace(l.Text()) || len([]rune(l.Text())) != len([]rune(d.Text())) {
		t.Errorf("page breaks changed the text's length")
	}
}

// TestLayMeasure: a body line holds about 70 characters, and lines wrap
// at spaces.
func TestLayMeasure(t *testing.T) {
	text := transcript(8 << 10)
	d := &Doc{Spaced: true}
	for _, para := range strings.Split(text, "\n\n") {
		d.Blocks = append(d.Blocks, Block{Text: para})
	}
	l := Lay(d)
	var lens []int
	for _, ln := range visualLines(l.Pages[0]) {
		lens = append(lens, utf8.RuneCountInString(ln))
	}
	full := 0
	for _, n := range lens {
		if n > 85 {
			t.Errorf("a line of %d characters", n)
		}
		if n >= 60 {
			full++
		}
	}
	if full < len(lens)/2 {
		t.Errorf("line lengths %v: want most about 70", lens)
	}
	for _, ln := range visualLines(l.Pages[0]) {
		if strings.HasPrefix(ln, " ") {
			t.Errorf("a wrapped line starts with a space: %q", ln)
		}
	}
}

// visualLines splits a page's text where boxes move to a lower line.
func visualLines(p Page) []string {
	var lines []string
	var cur []rune
	var prevY float32 = -1
	i := 0
	for _, r := range p.Text {
		b := p.Boxes[i]
		i++
		if b.X1 > b.X0 && prevY >= 0 && b.Y0 != prevY {
			lines = append(lines, strings.TrimRight(string(cur), "\n"))
			cur = cur[:0]
		}
		if b.X1 > b.X0 {
			prevY = b.Y0
		}
		cur = append(cur, r)
	}
	return append(lines, string(cur))
}

// TestRender draws the first page of a structured document and writes it
// to build/screenshots/textdoc-page.png to be looked at; it checks that
// ink falls inside the boxes' lines and that headings are darker (bold).
func TestRender(t *testing.T) {
	d := structuredDoc()
	d.Blocks = append(d.Blocks, PlainDoc(transcript(3<<10)).Blocks...)
	l := Lay(d)
	img := Render(&l.Pages[0], 2)
	if b := img.Bounds(); b.Dx() != 2*PageWidth || b.Dy() != 2*PageHeight {
		t.Fatalf("image %v", b)
	}
	// Ink inside the box of the heading's first letter, none in the margin.
	ink := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if c := img.RGBAAt(x, y); c.R < 128 {
					n++
				}
			}
		}
		return n
	}
	if r := l.Pages[0].runs; len(r) < 2 || r[0].style != heading1 || r[1].style != body {
		t.Errorf("style runs %+v: want the heading bold, then body text", r)
	}
	b := l.Pages[0].Boxes[0]
	if n := ink(int(b.X0*2), int((PageHeight-b.Y1)*2), int(b.X1*2), int((PageHeight-b.Y0)*2)); n < 20 {
		t.Errorf("%d dark pixels in the box of %q", n, "I")
	}
	if n := ink(0, 0, int(marginLeft*2)-80, 2*PageHeight); n != 0 {
		t.Errorf("%d dark pixels in the left margin", n)
	}
	dir := filepath.Join("..", "build", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "textdoc-page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestLayWhiteSpace: a line of white space longer than the measure stays
// within the page, and a word after it is laid out in linear time.
func TestLayWhiteSpace(t *testing.T) {
	d := PlainDoc(strings.Repeat(" ", 20000) + strings.Repeat("x", 20000) + "\n" + strings.Repeat("\t", 5000) + "y")
	checkLayout(t, d, Lay(d))
}

// TestLayHeadingKeptWithNext: a heading that would end a page starts the
// next one, the line break before it becoming the page separator.
func TestLayHeadingKeptWithNext(t *testing.T) {
	d := &Doc{Spaced: true}
	for i := 0; i < 40; i++ {
		d.Blocks = append(d.Blocks, Block{Text: fmt.Sprintf("Line %d", i)})
	}
	for k := 0; k < 20; k++ {
		dd := &Doc{Spaced: true, Blocks: append(append([]Block(nil), d.Blocks[:20+k]...),
			Block{Kind: Heading, Level: 2, Text: "Findings"}, Block{Text: "After the heading."})}
		l := Lay(dd)
		checkLayout(t, dd, l)
		for _, p := range l.Pages {
			if strings.HasSuffix(p.Text, "Findings") {
				t.Errorf("%d lines before: page %d ends with the heading", 20+k, p.Number)
			}
		}
	}
}
