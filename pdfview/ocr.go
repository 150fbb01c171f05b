package pdfview

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// OCR of scanned pages with Tesseract, run as a separate program: each page
// is drawn by PDFium (RenderPage), handed to `tesseract IMAGE stdout tsv`,
// and its words come back with their pixel boxes, which are mapped back to
// PDF points with the inverse of STACK.md's rotation formulas. The page text
// is built from the words: words joined by one space, lines by "\n",
// paragraphs and blocks by a blank line; every letter gets its share of its
// word's box, and the spaces and line breaks zero-area boxes where the word
// before them ends, as PDFium does for the characters it generates.

// The kinds of OCR failure, matched with errors.Is like the others.
var (
	// ErrNoTesseract: the tesseract program is not installed (or not on
	// PATH). The *Error's message is TesseractHowTo.
	ErrNoTesseract = errors.New("OCR needs Tesseract")
	// ErrOCR: Tesseract ran but failed (e.g. no data for the language).
	ErrOCR = errors.New("OCR failed")
)

// TesseractHowTo is the one line that tells a user without Tesseract how to
// get it.
const TesseractHowTo = "OCR needs Tesseract: install it (Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-eng; " +
	"macOS: brew install tesseract; Windows: https://github.com/UB-Mannheim/tesseract/wiki)"

// WarnOCR is the warning of pages whose text came from OCR; OCRWarning
// puts the page list in front.
const WarnOCR = "text from OCR (Tesseract)"

// OCRWarning is the warning for a document whose pages were OCRed, e.g.
// "pages 1–3: text from OCR (Tesseract)".
func OCRWarning(pages []int) string {
	return pagesWarning(pages, WarnOCR)
}

// PageList writes a list of page numbers for a warning: "page 3" or
// "pages 1–4, 7".
func PageList(pages []int) string { return pageList(pages) }

// OCR defaults.
const (
	DefaultOCRDPI         = 300
	DefaultOCRPageTimeout = 120 * time.Second
	DefaultOCRLang        = "eng"
)

// OCROptions tune OCR. The zero value is fine.
type OCROptions struct {
	// Lang is Tesseract's language, e.g. "eng" or "eng+deu"; "" is "eng".
	Lang string
	// DPI is the rendering resolution; 0 is 300, what Tesseract likes.
	DPI float64
	// PageTimeout bounds Tesseract's work on one page; 0 is 120 s.
	PageTimeout time.Duration
	// Progress, if set, is called after every page with the number done
	// and the total, in order, from one goroutine at a time (not the
	// caller's).
	Progress func(done, total int)
	// Tesseract is the program to run; "" looks it up (FindTesseract).
	Tesseract string
	// Workers is how many pages are worked on at once; 0 is the number of
	// CPUs, at most 4. Each Tesseract runs single-threaded: on 2 cores its
	// own threads made a page 4 times slower.
	Workers int
}

// FindTesseract returns the path of the tesseract program, or an *Error of
// kind ErrNoTesseract whose message is TesseractHowTo. $CMOCODER_TESSERACT
// names it explicitly; otherwise PATH is searched and, on Windows, the
// folder the UB-Mannheim installer uses (which it does not add to PATH).
func FindTesseract() (string, error) {
	if p := strings.TrimSpace(os.Getenv("CMOCODER_TESSERACT")); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path, nil
		}
		return "", newError(ErrNoTesseract, nil, "%s", TesseractHowTo)
	}
	path, err := exec.LookPath("tesseract")
	if err == nil {
		return path, nil
	}
	if runtime.GOOS == "windows" {
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"} {
			dir := os.Getenv(env)
			if dir == "" {
				continue
			}
			for _, sub := range []string{"Tesseract-OCR", filepath.Join("Programs", "Tesseract-OCR")} {
				p := filepath.Join(dir, sub, "tesseract.exe")
				if st, err := os.Stat(p); err == nil && !st.IsDir() {
					return p, nil
				}
			}
		}
	}
	return "", newError(ErrNoTesseract, err, "%s", TesseractHowTo)
}

// OCR recognises the text of the given pages (1-based numbers; nil means
// every page) and returns them in the order asked, each with its page box
// and rotation, its text and one box per code point, as Extract would.
// Errors are *Error: ErrNoTesseract (before any work), ErrOCR, or those of
// Extract and RenderPage.
func (e *Engine) OCR(ctx context.Context, pdf []byte, password string, pages []int, opts OCROptions) ([]coding.Page, error) {
	if _, err := opts.program(); err != nil {
		return nil, err
	}
	ex, err := e.Extract(ctx, pdf, password)
	if err != nil {
		return nil, err
	}
	var geom []coding.Page
	if pages == nil {
		geom = ex.Pages
	} else {
		for _, n := range pages {
			if n < 1 || n > len(ex.Pages) {
				return nil, newError(ErrNoPage, nil, "page %d does not exist (the document has %d)", n, len(ex.Pages))
			}
			geom = append(geom, ex.Pages[n-1])
		}
	}
	return e.OCRPages(ctx, pdf, password, geom, opts)
}

// OCRPages is OCR for pages whose geometry is known already (as Extract
// returned them): only their Number, page box and Rotation are used. The
// result has the same pages in the same order, with OCR text and boxes.
func (e *Engine) OCRPages(ctx context.Context, pdf []byte, password string, pages []coding.Page, opts OCROptions) ([]coding.Page, error) {
	prog, err := opts.program()
	if err != nil {
		return nil, err
	}
	lang := opts.Lang
	if lang == "" {
		lang = DefaultOCRLang
	}
	if !validLang(lang) {
		return nil, newError(ErrOCR, nil, "%q is not a Tesseract language (e.g. eng, or eng+deu)", lang)
	}
	dpi := opts.DPI
	if dpi <= 0 || math.IsNaN(dpi) || math.IsInf(dpi, 0) {
		dpi = DefaultOCRDPI
	}
	timeout := opts.PageTimeout
	if timeout <= 0 {
		timeout = DefaultOCRPageTimeout
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = min(runtime.NumCPU(), 4)
	}
	workers = max(1, min(workers, len(pages)))

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]coding.Page, len(pages))
	errs := make([]error, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = e.ocrPage(ctx, pdf, password, pages[i], prog, lang, dpi, timeout)
				if errs[i] != nil {
					cancel() // the others stop at their next step
					continue
				}
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(pages))
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range pages {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	// The first real failure, not the cancellations it caused.
	var first error
	for _, err := range errs {
		if err != nil && (first == nil || errors.Is(first, ErrCanceled) && !errors.Is(err, ErrCanceled)) {
			first = err
		}
	}
	if first == nil && ctx.Err() != nil {
		first = ctxError(ctx, 0, ctx.Err())
	}
	if first != nil {
		return nil, first
	}
	return out, nil
}

func (o OCROptions) program() (string, error) {
	if o.Tesseract != "" {
		if p, err := exec.LookPath(o.Tesseract); err == nil {
			return p, nil
		} else {
			return "", newError(ErrNoTesseract, err, "%s", TesseractHowTo)
		}
	}
	return FindTesseract()
}

// validLang accepts Tesseract language names joined by '+': letters,
// digits and '_' (so a language can never pass for an option).
func validLang(s string) bool {
	for _, part := range strings.Split(s, "+") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')) {
				return false
			}
		}
	}
	return true
}

// ocrPage renders one page, runs Tesseract on it and builds its text.
func (e *Engine) ocrPage(ctx context.Context, pdf []byte, password string, geom coding.Page, prog, lang string,
	dpi float64, timeout time.Duration) (coding.Page, error) {
	p := geom
	p.Text, p.Boxes = "", nil
	img, err := e.RenderPage(ctx, pdf, password, geom.Number, dpi)
	if err != nil {
		return p, err
	}
	b := img.Bounds()
	m := newPixelMap(geom, b.Dx(), b.Dy())
	// The resolution actually drawn (RenderPage may have scaled down).
	realDPI := dpi
	if w := pageWidth(geom); w > 0 {
		realDPI = float64(b.Dx()) * 72 / w
	}
	words, err := runTesseract(ctx, img, prog, lang, realDPI, timeout)
	if err != nil {
		return p, err
	}
	p.Text, p.Boxes = buildOCRText(words, m)
	return p, nil
}

// pageWidth is the page's width as drawn (rotated), in points.
func pageWidth(p coding.Page) float64 {
	if p.Rotation == 90 || p.Rotation == 270 {
		return float64(p.Y1 - p.Y0)
	}
	return float64(p.X1 - p.X0)
}

// runTesseract writes img as a grey PGM (a format Tesseract reads without
// any encoding cost worth the name) to a temporary file, runs Tesseract on
// it and parses its words.
func runTesseract(ctx context.Context, img *image.RGBA, prog, lang string, dpi float64, timeout time.Duration) ([]ocrWord, error) {
	f, err := os.CreateTemp("", "cmocoder-ocr-*.pgm")
	if err != nil {
		return nil, newError(ErrOCR, err, "cannot write a temporary file for OCR: %v", err)
	}
	name := f.Name()
	defer os.Remove(name)
	w := bufio.NewWriterSize(f, 1<<20)
	writePGM(w, img)
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, newError(ErrOCR, err, "cannot write a temporary file for OCR: %v", err)
	}
	if err := f.Close(); err != nil {
		return nil, newError(ErrOCR, err, "cannot write a temporary file for OCR: %v", err)
	}

	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(pctx, prog, name, "stdout", "-l", lang, "--dpi", strconv.Itoa(int(math.Round(dpi))), "tsv")
	// Tesseract's OpenMP threads fight each other on a few cores: one
	// thread per process (pages run in parallel instead).
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = 2 * time.Second
	hideWindow(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, ctxError(ctx, 0, ctx.Err())
	}
	if pctx.Err() != nil {
		return nil, newError(ErrTimeout, pctx.Err(), "OCR of a page took longer than %s", roundDuration(timeout))
	}
	if err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, newError(ErrNoTesseract, err, "%s", TesseractHowTo)
		}
		return nil, tesseractError(err, stderr.String(), lang)
	}
	return parseTSV(stdout.Bytes()), nil
}

// tesseractError turns Tesseract's complaint into one line.
func tesseractError(err error, stderr, lang string) error {
	if strings.Contains(stderr, "Failed loading language") || strings.Contains(stderr, "Could not initialize tesseract") {
		pkgs := []string{}
		for _, l := range strings.Split(lang, "+") {
			pkgs = append(pkgs, "tesseract-ocr-"+strings.ToLower(strings.ReplaceAll(l, "_", "-")))
		}
		return newError(ErrOCR, err, "tesseract has no data for the language %q (Debian/Ubuntu: sudo apt-get install %s)",
			lang, strings.Join(pkgs, " "))
	}
	msg := ""
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "Estimating resolution") && !strings.HasPrefix(line, "Warning") {
			msg = line
			break
		}
	}
	if msg == "" {
		msg = err.Error()
	}
	return newError(ErrOCR, err, "tesseract failed: %s", msg)
}

// writePGM writes img as an 8-bit grey binary PGM (P5).
func writePGM(w *bufio.Writer, img *image.RGBA) {
	b := img.Bounds()
	fmt.Fprintf(w, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	row := make([]byte, b.Dx())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		off := img.PixOffset(b.Min.X, y)
		px := img.Pix[off : off+4*b.Dx()]
		for x := range row {
			r, g, bl := uint32(px[4*x]), uint32(px[4*x+1]), uint32(px[4*x+2])
			// ITU-R BT.601 luma, in integers.
			row[x] = byte((299*r + 587*g + 114*bl + 500) / 1000)
		}
		w.Write(row)
	}
}

// ocrWord is one word Tesseract found, with its pixel box and where it
// sits in Tesseract's layout.
type ocrWord struct {
	block, par, line int
	left, top, w, h  int
	conf             float64
	text             string
}

// parseTSV reads Tesseract's TSV output (level, page_num, block_num,
// par_num, line_num, word_num, left, top, width, height, conf, text) and
// keeps the words (level 5) that hold any visible character, in order.
func parseTSV(data []byte) []ocrWord {
	var words []ocrWord
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		f := strings.SplitN(line, "\t", 12)
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		n := make([]int, 10)
		ok := true
		for i := 0; i < 10; i++ {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				ok = false
				break
			}
			n[i] = v
		}
		if !ok {
			continue
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		text := cleanWord(f[11])
		if text == "" || n[8] <= 0 || n[9] <= 0 {
			continue
		}
		words = append(words, ocrWord{block: n[2], par: n[3], line: n[4],
			left: n[6], top: n[7], w: n[8], h: n[9], conf: conf, text: text})
	}
	return words
}

// cleanWord drops white space, control characters (form feeds above all),
// invalid UTF-8 and non-characters from a word.
func cleanWord(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError, unicode.IsSpace(r), unicode.IsControl(r), isNonCharacter(r),
			r == 0x200B, r == 0xFEFF:
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pixelMap maps pixels of a page drawn W x H (rotated as the page says) to
// PDF points in the page's unrotated space: the inverse of STACK.md's
//
//	r=0: ((x-x0)sx, (y1-y)sy)   r=1: ((y-y0)sx, (x-x0)sy)
//	r=2: ((x1-x)sx, (y-y0)sy)   r=3: ((y1-y)sx, (x1-x)sy)
type pixelMap struct {
	x0, y0, x1, y1 float64
	sx, sy         float64
	rot            int
}

func newPixelMap(p coding.Page, w, h int) pixelMap {
	m := pixelMap{x0: float64(p.X0), y0: float64(p.Y0), x1: float64(p.X1), y1: float64(p.Y1), rot: p.Rotation}
	pw, ph := m.x1-m.x0, m.y1-m.y0
	if m.rot == 90 || m.rot == 270 {
		pw, ph = ph, pw
	}
	if pw <= 0 || ph <= 0 {
		// No page box: treat pixels as points at 72 dpi from the origin.
		m.x1, m.y1 = float64(w), float64(h)
		pw, ph = float64(w), float64(h)
		if m.rot == 90 || m.rot == 270 {
			m.x1, m.y1 = float64(h), float64(w)
		}
	}
	m.sx, m.sy = float64(w)/pw, float64(h)/ph
	return m
}

// point maps one pixel position to PDF points.
func (m pixelMap) point(px, py float64) (x, y float64) {
	u, v := px/m.sx, py/m.sy
	switch m.rot {
	case 90:
		return m.x0 + v, m.y0 + u
	case 180:
		return m.x1 - u, m.y0 + v
	case 270:
		return m.x1 - v, m.y1 - u
	}
	return m.x0 + u, m.y1 - v
}

// box maps a pixel rectangle to a Box, clamped to the page box.
func (m pixelMap) box(left, top, right, bottom float64) coding.Box {
	ax, ay := m.point(left, top)
	bx, by := m.point(right, bottom)
	cl := func(v, lo, hi float64) float32 { return float32(min(max(v, lo), hi)) }
	return coding.Box{
		X0: cl(min(ax, bx), m.x0, m.x1), Y0: cl(min(ay, by), m.y0, m.y1),
		X1: cl(max(ax, bx), m.x0, m.x1), Y1: cl(max(ay, by), m.y0, m.y1),
	}
}

// buildOCRText lays the words out as text: one space between the words of
// a line, "\n" between lines, a blank line between paragraphs and blocks.
// Each letter gets an equal share of its word's box along the line; the
// spaces and line breaks get zero-area boxes at the bottom end of the word
// before them (in reading direction, then mapped to the page).
func buildOCRText(words []ocrWord, m pixelMap) (string, []coding.Box) {
	var text []rune
	var boxes []coding.Box
	var end coding.Box // zero-area box at the end of the last word
	for i, wd := range words {
		if i > 0 {
			prev := words[i-1]
			switch {
			case wd.block != prev.block || wd.par != prev.par:
				text = append(text, '\n', '\n')
				boxes = append(boxes, end, end)
			case wd.line != prev.line:
				text = append(text, '\n')
				boxes = append(boxes, end)
			default:
				text = append(text, ' ')
				boxes = append(boxes, end)
			}
		}
		letters := []rune(wd.text)
		n := float64(len(letters))
		top, bottom := float64(wd.top), float64(wd.top+wd.h)
		for j, r := range letters {
			l := float64(wd.left) + float64(wd.w)*float64(j)/n
			rt := float64(wd.left) + float64(wd.w)*float64(j+1)/n
			text = append(text, r)
			boxes = append(boxes, m.box(l, top, rt, bottom))
		}
		ex, ey := m.point(float64(wd.left+wd.w), bottom)
		cx := float32(min(max(ex, m.x0), m.x1))
		cy := float32(min(max(ey, m.y0), m.y1))
		end = coding.Box{X0: cx, Y0: cy, X1: cx, Y1: cy}
	}
	return string(text), boxes
}
