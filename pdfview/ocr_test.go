package pdfview

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// needTesseract skips a test when tesseract is not installed, unless
// CMOCODER_E2E=1 (make test installs it), where that is a failure.
func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := FindTesseract(); err != nil {
		if os.Getenv("CMOCODER_E2E") == "1" {
			t.Fatalf("CMOCODER_E2E=1 but %v", err)
		}
		t.Skip("tesseract is not installed")
	}
}

// forward is STACK.md's mapping of a PDF point onto a page drawn w x h.
func forward(p coding.Page, w, h int, x, y float64) (float64, float64) {
	x0, y0, x1, y1 := float64(p.X0), float64(p.Y0), float64(p.X1), float64(p.Y1)
	pw, ph := x1-x0, y1-y0
	if p.Rotation == 90 || p.Rotation == 270 {
		pw, ph = ph, pw
	}
	sx, sy := float64(w)/pw, float64(h)/ph
	switch p.Rotation {
	case 90:
		return (y - y0) * sx, (x - x0) * sy
	case 180:
		return (x1 - x) * sx, (y - y0) * sy
	case 270:
		return (y1 - y) * sx, (x1 - x) * sy
	}
	return (x - x0) * sx, (y1 - y) * sy
}

func TestPixelMapInvertsStackMapping(t *testing.T) {
	for _, rot := range []int{0, 90, 180, 270} {
		p := coding.Page{X0: 30, Y0: 40, X1: 642, Y1: 832, Rotation: rot}
		w, h := 2550, 3300
		if rot == 90 || rot == 270 {
			w, h = h, w
		}
		m := newPixelMap(p, w, h)
		for _, pt := range [][2]float64{{30, 40}, {642, 832}, {100.5, 700.25}, {600, 50}} {
			px, py := forward(p, w, h, pt[0], pt[1])
			x, y := m.point(px, py)
			if math.Abs(x-pt[0]) > 1e-6 || math.Abs(y-pt[1]) > 1e-6 {
				t.Errorf("rotation %d: %v -> pixel (%.2f, %.2f) -> %.4f, %.4f", rot, pt, px, py, x, y)
			}
		}
		b := m.box(0, 0, float64(w), float64(h))
		if b != (coding.Box{X0: 30, Y0: 40, X1: 642, Y1: 832}) {
			t.Errorf("rotation %d: whole image maps to %v", rot, b)
		}
		if b := m.box(-50, -50, float64(w)+50, float64(h)+50); b.X0 < 30 || b.X1 > 642 || b.Y0 < 40 || b.Y1 > 832 {
			t.Errorf("rotation %d: box not clamped to the page: %v", rot, b)
		}
	}
}

const sampleTSV = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t1000\t1000\t-1\t\n" +
	"2\t1\t1\t0\t0\t0\t100\t100\t500\t100\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t100\t100\t40\t20\t96.5\tTwo\n" +
	"5\t1\t1\t1\t1\t2\t150\t100\t50\t20\t91\twords\n" +
	"5\t1\t1\t1\t1\t3\t210\t100\t50\t20\t95\t \n" + // an empty word: dropped
	"5\t1\t1\t1\t2\t1\t100\t130\t30\t20\t12.5\tnext\f\n" + // a form feed never gets through
	"5\t1\t2\t1\t1\t1\t100\t300\t20\t20\t88\tné\r\n"

func TestParseTSVAndBuildText(t *testing.T) {
	words := parseTSV([]byte(sampleTSV))
	if len(words) != 4 {
		t.Fatalf("%d words: %+v", len(words), words)
	}
	p := coding.Page{Number: 1, X0: 0, Y0: 0, X1: 100, Y1: 100}
	m := newPixelMap(p, 1000, 1000) // 10 pixels a point
	text, boxes := buildOCRText(words, m)
	if want := "Two words\nnext\n\nné"; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	if n := utf8.RuneCountInString(text); n != len(boxes) {
		t.Fatalf("%d code points, %d boxes", n, len(boxes))
	}
	// "Two" spans pixels 100–140, 100–120: points x 10–14, y 88–90; each
	// letter a third of it.
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-4 }
	if b := boxes[0]; !near(b.X0, 10) || !near(b.X1, 10+4.0/3) || !near(b.Y0, 88) || !near(b.Y1, 90) {
		t.Errorf("T: %v", b)
	}
	if b := boxes[2]; !near(b.X0, 10+8.0/3) || !near(b.X1, 14) {
		t.Errorf("o: %v", b)
	}
	// The space after "Two": a point at the bottom right of the word.
	if b := boxes[3]; b != (coding.Box{X0: 14, Y0: 88, X1: 14, Y1: 88}) {
		t.Errorf("space: %v", b)
	}
	// The blank line between blocks: two zero-area boxes after "next".
	for _, i := range []int{14, 15} {
		if b := boxes[i]; b.X0 != b.X1 || b.Y0 != b.Y1 || !near(b.X0, 13) || !near(b.Y0, 85) {
			t.Errorf("line break %d: %v", i, b)
		}
	}
	if text, boxes := buildOCRText(nil, m); text != "" || len(boxes) != 0 {
		t.Errorf("no words: %q %v", text, boxes)
	}
}

func TestValidLang(t *testing.T) {
	for s, want := range map[string]bool{"eng": true, "eng+deu": true, "chi_sim": true, "": false,
		"-c": false, "eng+": false, "eng deu": false, "../x": false} {
		if validLang(s) != want {
			t.Errorf("validLang(%q) = %v", s, !want)
		}
	}
}

func TestOCRWithoutTesseract(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CMOCODER_TESSERACT", "")
	// The message is the how-to line, word for word (it starts with
	// "OCR", so not checkKind's lower case).
	check := func(err error) {
		t.Helper()
		var pe *Error
		if !errors.As(err, &pe) || !errors.Is(err, ErrNoTesseract) || err.Error() != TesseractHowTo {
			t.Errorf("error %v (%T), want ErrNoTesseract with the how-to line", err, err)
		}
	}
	_, err := FindTesseract()
	check(err)
	// OCR refuses before rendering anything.
	_, err = testEngine(t).OCR(context.Background(), []byte("%PDF-1.4 not really"), "", nil, OCROptions{})
	check(err)
	_, err = testEngine(t).OCR(context.Background(), slowPDF(1), "", nil, OCROptions{Tesseract: "/no/such/tesseract"})
	check(err)
	if strings.Contains(TesseractHowTo, "\n") {
		t.Error("the how-to is not one line")
	}
}

func TestOCRUnknownLanguage(t *testing.T) {
	needTesseract(t)
	_, err := testEngine(t).OCR(context.Background(), slowPDF(1), "", nil, OCROptions{Lang: "xqz"})
	checkKind(t, err, ErrOCR)
	if !strings.Contains(err.Error(), "tesseract-ocr-xqz") {
		t.Errorf("message %q does not say what to install", err)
	}
	_, err = testEngine(t).OCR(context.Background(), slowPDF(1), "", nil, OCROptions{Lang: "-c x=y"})
	checkKind(t, err, ErrOCR)
}

// TestOCRScan is the check of issue 4: the scanned abstract, which has no
// text layer, gives the words of its title by OCR, each code point with a
// box on the page, the title near the top.
func TestOCRScan(t *testing.T) {
	needTesseract(t)
	const name = "scanned-abstract-ccitt-no-text.pdf"
	data := readCorpus(t, name)
	ex := extractCorpus(t, name)
	if !ex.NeedsOCR {
		t.Fatalf("%s is not marked as needing OCR", name)
	}
	var calls [][2]int
	start := time.Now()
	pages, err := testEngine(t).OCR(context.Background(), data, "", nil, OCROptions{
		Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("OCR of %d page(s) in %v", len(pages), time.Since(start).Round(time.Millisecond))
	if len(pages) != len(ex.Pages) {
		t.Fatalf("%d pages, want %d", len(pages), len(ex.Pages))
	}
	if len(calls) != len(pages) || calls[len(calls)-1] != [2]int{len(pages), len(pages)} {
		t.Errorf("progress calls %v", calls)
	}
	checkPages(t, pages)
	p := pages[0]
	if p.X0 != ex.Pages[0].X0 || p.Y1 != ex.Pages[0].Y1 || p.Rotation != ex.Pages[0].Rotation {
		t.Errorf("page geometry changed: %+v vs %+v", p, ex.Pages[0])
	}
	for i, b := range p.Boxes {
		if b.X0 < p.X0 || b.X1 > p.X1 || b.Y0 < p.Y0 || b.Y1 > p.Y1 || b.X0 > b.X1 || b.Y0 > b.Y1 {
			t.Fatalf("code point %d: box %v off the page %v,%v-%v,%v", i, b, p.X0, p.Y0, p.X1, p.Y1)
		}
	}
	// The title, allowing OCR noise in "a-Si:H".
	re := regexp.MustCompile(`(?i)hydrogen\s+incorporation\s+in\s+a\S{0,2}si\S{0,3}h`)
	loc := re.FindStringIndex(p.Text)
	if loc == nil {
		t.Fatalf("title not found in %q", p.Text)
	}
	runes := utf8.RuneCountInString(p.Text[:loc[0]])
	n := utf8.RuneCountInString(p.Text[loc[0]:loc[1]])
	height := p.Y1 - p.Y0
	for i := runes; i < runes+n; i++ {
		b := p.Boxes[i]
		if b.Y0 < p.Y1-height/3 {
			t.Errorf("title code point %d %q: box %v is not in the top third of the page", i, []rune(p.Text)[i], b)
		}
	}
	t.Logf("title %q at %v", p.Text[loc[0]:loc[1]], p.Boxes[runes])
	if strings.ContainsRune(p.Text, '\f') {
		t.Error("form feed in the text")
	}
}

// TestOCRRotatedPages draws a line of text that reads upright on a page
// with /Rotate 0, 90, 180 and 270 and a page box away from the origin, and
// checks that the boxes OCR gives a word are where PDFium puts the same
// word's characters.
func TestOCRRotatedPages(t *testing.T) {
	needTesseract(t)
	eng := testEngine(t)
	for _, rot := range []int{0, 90, 180, 270} {
		t.Run(fmt.Sprint(rot), func(t *testing.T) {
			data := rotatedTextPDF(rot, "HYDROGEN INCORPORATION")
			ex, err := eng.Extract(context.Background(), data, "")
			if err != nil {
				t.Fatal(err)
			}
			pages, err := eng.OCRPages(context.Background(), data, "", ex.Pages, OCROptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkPages(t, pages)
			want, ok := wordBox(ex.Pages[0], "HYDROGEN")
			if !ok {
				t.Fatalf("PDFium text %q", ex.Pages[0].Text)
			}
			got, ok := wordBox(pages[0], "HYDROGEN")
			if !ok {
				t.Fatalf("OCR text %q", pages[0].Text)
			}
			cx := func(b coding.Box) (float32, float32) { return (b.X0 + b.X1) / 2, (b.Y0 + b.Y1) / 2 }
			wx, wy := cx(want)
			gx, gy := cx(got)
			if math.Hypot(float64(wx-gx), float64(wy-gy)) > 6 {
				t.Errorf("OCR box %v, PDFium box %v", got, want)
			}
			long := func(b coding.Box) bool { return b.X1-b.X0 > b.Y1-b.Y0 }
			if long(got) != long(want) {
				t.Errorf("OCR box %v runs the other way from PDFium's %v", got, want)
			}
		})
	}
}

// wordBox is the union of the boxes of word's code points on the page.
func wordBox(p coding.Page, word string) (coding.Box, bool) {
	i := strings.Index(p.Text, word)
	if i < 0 {
		return coding.Box{}, false
	}
	s := utf8.RuneCountInString(p.Text[:i])
	b := p.Boxes[s]
	for _, c := range p.Boxes[s+1 : s+utf8.RuneCountInString(word)] {
		b.X0, b.Y0, b.X1, b.Y1 = min(b.X0, c.X0), min(b.Y0, c.Y0), max(b.X1, c.X1), max(b.Y1, c.Y1)
	}
	return b, true
}

// rotatedTextPDF makes a one-page PDF, media box [30 40 530 540], with
// /Rotate rot and one line of 20 pt Helvetica that reads upright on screen.
func rotatedTextPDF(rot int, line string) []byte {
	// The baseline runs along d in user space, so that the page's
	// clockwise turn by rot brings it to the right.
	var a, b, c, d float64
	switch rot {
	case 90:
		a, b, c, d = 0, 1, -1, 0
	case 180:
		a, b, c, d = -1, 0, 0, -1
	case 270:
		a, b, c, d = 0, -1, 1, 0
	default:
		a, b, c, d = 1, 0, 0, 1
	}
	cx, cy := 280.0, 290.0
	x, y := cx-150*a, cy-150*b
	content := fmt.Sprintf("BT /F1 20 Tf %g %g %g %g %g %g Tm (%s) Tj ET\n", a, b, c, d, x, y, line)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [30 40 530 540] /Rotate %d /Contents 4 0 R "+
			"/Resources << /Font << /F1 5 0 R >> >> >>", rot),
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	return writePDF(objects)
}

func TestOCRCanceled(t *testing.T) {
	needTesseract(t)
	data := readCorpus(t, "scanned-abstract-ccitt-no-text.pdf")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := testEngine(t).OCR(ctx, data, "", nil, OCROptions{})
	if !errors.Is(err, ErrCanceled) {
		t.Errorf("canceled OCR: %v", err)
	}
	_, err = testEngine(t).OCR(context.Background(), data, "", nil, OCROptions{PageTimeout: time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("OCR with a 1 ms page timeout: %v", err)
	}
}
