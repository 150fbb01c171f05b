package pdfview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// corpusDir holds the shared test PDFs (see its MANIFEST.md).
const corpusDir = "../../shared/testdata/pdf"

// corpus lists the shared PDFs with what pdfinfo says about them and what
// we expect. rotations maps 1-based page numbers to their /Rotate; warnings
// are the expected warnings exactly (nil: none).
var corpus = []struct {
	file      string
	pages     int
	article   bool // a text article: word overlap with pdftotext must be >= 0.95
	needsOCR  bool
	rotations map[int]int
	warnings  []string
}{
	{"bmc-hsr-2014-agyeman-duah.pdf", 10, true, false, map[int]int{1: 0, 5: 90, 6: 90}, nil},
	{"bmc-jtmo-2010-datta-systematic-review.pdf", 4, true, false, nil, nil},
	{"hindawi-rrp-2010-tully.pdf", 6, true, false, nil, nil},
	{"peerj-2017-webb-vespa.pdf", 16, true, false, map[int]int{7: 0, 8: 90, 9: 90, 10: 90, 11: 0}, nil},
	{"clinsci-2014-fragment-based-ace-inhibitors.pdf", 13, true, false, nil, nil},
	{"intpsychogeriatr-2014-cc-by-nc-sa.pdf", 8, true, false, nil, nil},
	{"naacl06-shinyama-dvipdfm.pdf", 8, true, false, nil, nil},
	{"dpr-emnlp2020-arxiv-twocolumn.pdf", 13, true, false, nil, nil},
	{"cebaf-th-94-08-type3-dvips.pdf", 18, false, false, map[int]int{1: 270, 18: 270},
		[]string{"pages 3–11: some characters cannot be read (shown as \uFFFD)"}},
	{"scanned-abstract-ccitt-no-text.pdf", 1, false, true, nil, []string{WarnNeedsOCR}},
	{"layoutparser-aes128-empty-password.pdf", 2, false, false, nil, nil},
	// Page 1 is the cover, an image.
	{"freeculture-lessig-352p.pdf", 352, false, false, nil, []string{"page 1: no text layer"}},
	// The body's Japanese font has no Unicode map PDFium knows (STACK.md).
	{"kampo-japanese-gazette-rc4-empty-password.pdf", 1, false, false, nil,
		[]string{"page 1: text that cannot be read (fonts without Unicode)"}},
	{"habibi-arabic-rotated-pages.pdf", 4, false, false, map[int]int{1: 90, 2: 180, 3: 270, 4: 0}, nil},
	{"clef2008-qa-overview-xref-offset0.pdf", 1, false, false, nil, nil},
}

// The tests share one engine: making one costs ~0.1 s with a warm
// compilation cache, 3–4 s without. The cache lives in the temporary
// folder, not in the user's.
var (
	engineOnce sync.Once
	engine     *Engine
	engineErr  error
)

func testCacheDir() string { return filepath.Join(os.TempDir(), "cmocoder-pdfview-test-wazy") }

func testEngine(t testing.TB) *Engine {
	t.Helper()
	engineOnce.Do(func() {
		engine, engineErr = NewEngine(Options{CacheDir: testCacheDir(), Workers: 2})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s not found: the shared test PDFs are not here", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// extractCache keeps each corpus file's extraction for the tests that look
// at it from different sides (it is the slow part).
var (
	extractMu    sync.Mutex
	extractCache = map[string]*Extracted{}
)

func extractCorpus(t *testing.T, name string) *Extracted {
	t.Helper()
	extractMu.Lock()
	ex, ok := extractCache[name]
	extractMu.Unlock()
	if ok {
		return ex
	}
	data := readCorpus(t, name)
	start := time.Now()
	ex, err := testEngine(t).Extract(context.Background(), data, "")
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	t.Logf("extracted in %v", time.Since(start).Round(time.Millisecond))
	extractMu.Lock()
	extractCache[name] = ex
	extractMu.Unlock()
	return ex
}

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("shared test PDFs not found")
	}
	for _, c := range corpus {
		t.Run(strings.TrimSuffix(c.file, ".pdf"), func(t *testing.T) {
			t.Parallel()
			ex := extractCorpus(t, c.file)
			if len(ex.Pages) != c.pages {
				t.Fatalf("%d pages, pdfinfo says %d", len(ex.Pages), c.pages)
			}
			if ex.NeedsOCR != c.needsOCR {
				t.Errorf("NeedsOCR = %v, want %v", ex.NeedsOCR, c.needsOCR)
			}
			if !slices.Equal(ex.Warnings, c.warnings) {
				t.Errorf("warnings %q, want %q", ex.Warnings, c.warnings)
			}
			checkPages(t, ex.Pages)
			for page, rot := range c.rotations {
				if got := ex.Pages[page-1].Rotation; got != rot {
					t.Errorf("page %d: rotation %d, want %d", page, got, rot)
				}
			}
			chars := 0
			for _, p := range ex.Pages {
				chars += utf8.RuneCountInString(p.Text)
			}
			t.Logf("%d code points; %v; warnings %q", chars, ex.Info, ex.Warnings)
		})
	}
}

// checkPages asserts the invariants every extracted page must keep.
func checkPages(t *testing.T, pages []coding.Page) {
	t.Helper()
	outside, inked := 0, 0
	for i, p := range pages {
		if p.Number != i+1 {
			t.Errorf("page %d numbered %d", i+1, p.Number)
		}
		if n := utf8.RuneCountInString(p.Text); n != len(p.Boxes) {
			t.Fatalf("page %d: %d code points but %d boxes", p.Number, n, len(p.Boxes))
		}
		if !utf8.ValidString(p.Text) {
			t.Errorf("page %d: text is not valid UTF-8", p.Number)
		}
		if strings.ContainsRune(p.Text, coding.PageSeparator) {
			t.Errorf("page %d: text contains a form feed", p.Number)
		}
		if strings.ContainsFunc(p.Text, func(r rune) bool {
			return r != '\n' && r != '\t' && unicode.IsControl(r)
		}) {
			t.Errorf("page %d: text contains control characters", p.Number)
		}
		if p.X1 <= p.X0 || p.Y1 <= p.Y0 {
			t.Errorf("page %d: empty page box %v,%v-%v,%v", p.Number, p.X0, p.Y0, p.X1, p.Y1)
		}
		switch p.Rotation {
		case 0, 90, 180, 270:
		default:
			t.Errorf("page %d: rotation %d", p.Number, p.Rotation)
		}
		// Glyphs sit on the page; allow a margin for text that runs into
		// the bleed or is clipped by the crop box.
		const slack = 36
		for _, b := range p.Boxes {
			if b.X0 > b.X1 || b.Y0 > b.Y1 {
				t.Fatalf("page %d: box not normalised: %v", p.Number, b)
			}
			if b.X1 == b.X0 && b.Y1 == b.Y0 {
				continue // generated: a point where the previous glyph ends
			}
			inked++
			if b.X0 < p.X0-slack || b.X1 > p.X1+slack || b.Y0 < p.Y0-slack || b.Y1 > p.Y1+slack {
				outside++
			}
		}
	}
	if outside*1000 > inked {
		t.Errorf("%d of %d glyph boxes lie off their page", outside, inked)
	}
}

func containsString(list []string, s string) bool { return slices.Contains(list, s) }

// TestWordOverlap compares our words with poppler's pdftotext: the share of
// its lower-case alphanumeric tokens that we also have.
func TestWordOverlap(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("shared test PDFs not found")
	}
	for _, c := range corpus {
		if c.needsOCR {
			continue
		}
		t.Run(strings.TrimSuffix(c.file, ".pdf"), func(t *testing.T) {
			t.Parallel()
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(corpusDir, c.file), "-").Output()
			if err != nil {
				t.Skipf("pdftotext: %v", err)
			}
			ex := extractCorpus(t, c.file)
			var ours strings.Builder
			for _, p := range ex.Pages {
				ours.WriteString(p.Text)
				ours.WriteRune('\n')
			}
			// pdftotext also prints text outside the crop box (printers'
			// slugs, margin line numbers), which we drop: on the book that
			// alone costs 0.13.
			share := wordOverlap(string(out), ours.String())
			t.Logf("%s: word overlap %.3f", c.file, share)
			if c.article && share < 0.95 {
				t.Errorf("only %.3f of pdftotext's words found", share)
			}
		})
	}
}

// wordOverlap is the share of ref's tokens (as a multiset) found in got.
func wordOverlap(ref, got string) float64 {
	found, all, _ := tokenMatches(ref, got)
	if all == 0 {
		return 1
	}
	return float64(found) / float64(all)
}

// tokenMatches counts ref's tokens found in got, as multisets (each of
// got's tokens matches once), and the tokens of each.
func tokenMatches(ref, got string) (match, nRef, nGot int) {
	have := map[string]int{}
	for _, w := range tokens(got) {
		have[w]++
		nGot++
	}
	for _, w := range tokens(ref) {
		nRef++
		if have[w] > 0 {
			have[w]--
			match++
		}
	}
	return match, nRef, nGot
}

// tokens splits text into lower-case runs of letters and digits, with
// ligature characters spelled out (pdftotext keeps U+FB01 and friends).
func tokens(s string) []string {
	var b strings.Builder
	for _, r := range s {
		if l, ok := ligatures[r]; ok {
			b.WriteString(l)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.FieldsFunc(b.String(), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func TestEncryptedEmptyPassword(t *testing.T) {
	for _, name := range []string{"layoutparser-aes128-empty-password.pdf", "kampo-japanese-gazette-rc4-empty-password.pdf"} {
		t.Run(name, func(t *testing.T) {
			ex, err := testEngine(t).Extract(context.Background(), readCorpus(t, name), "")
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(ex.Pages[0].Text) == "" {
				t.Error("page 1 has no text")
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	eng := testEngine(t)
	real := readCorpus(t, "bmc-jtmo-2010-datta-systematic-review.pdf")
	random := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	randomWithHeader := append([]byte("%PDF-1.4\n"), random...)
	tests := []struct {
		name string
		data []byte
		kind error // nil: must succeed (possibly with warnings)
	}{
		{"empty", nil, ErrNotPDF},
		{"random", random, ErrNotPDF},
		{"text", []byte("hello, this is not a PDF\n"), ErrNotPDF},
		{"random after a header", randomWithHeader, ErrDamaged},
		{"header only", []byte("%PDF-1.7\n%%EOF\n"), ErrDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := eng.Extract(context.Background(), tc.data, "")
			checkKind(t, err, tc.kind)
			if err == nil {
				checkPages(t, ex.Pages)
			}
			if _, err := eng.PageCount(context.Background(), tc.data, ""); !errors.Is(err, tc.kind) {
				t.Errorf("PageCount: %v, want %v", err, tc.kind)
			}
		})
	}
	// A truncated download: PDFium rebuilds what it can from the objects
	// it finds; either it reads some pages or it says the file is damaged.
	t.Run("truncated", func(t *testing.T) {
		ex, err := eng.Extract(context.Background(), real[:len(real)/2], "")
		if err != nil {
			checkKind(t, err, ErrDamaged)
			return
		}
		checkPages(t, ex.Pages)
		t.Logf("truncated file: %d pages, warnings %q", len(ex.Pages), ex.Warnings)
	})
}

// checkKind asserts err is an *Error of kind want (or nil if want is nil)
// with a one-line lower-case message.
func checkKind(t *testing.T, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *pdfview.Error", err, err)
	}
	if !errors.Is(err, want) {
		t.Fatalf("error %q is %v, want %v", err, pe.Kind, want)
	}
	msg := err.Error()
	if msg == "" || strings.Contains(msg, "\n") || unicode.IsUpper([]rune(msg)[0]) {
		t.Errorf("message %q is not one lower-case line", msg)
	}
	t.Logf("%v: %q", want, msg)
}

func TestUserPassword(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(corpusDir, "bmc-jtmo-2010-datta-systematic-review.pdf")
	readCorpus(t, filepath.Base(in))
	out := filepath.Join(dir, "locked.pdf")
	if msg, err := exec.Command(qpdf, "--encrypt", "user", "owner", "256", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	eng := testEngine(t)
	_, err = eng.Extract(context.Background(), data, "")
	checkKind(t, err, ErrPassword)
	if err.Error() != "password required" {
		t.Errorf("message %q", err)
	}
	_, err = eng.Extract(context.Background(), data, "wrong")
	checkKind(t, err, ErrPassword)
	for _, pw := range []string{"user", "owner"} {
		ex, err := eng.Extract(context.Background(), data, pw)
		if err != nil {
			t.Fatalf("password %q: %v", pw, err)
		}
		if len(ex.Pages) != 4 || !strings.Contains(ex.Pages[0].Text, "thrombosis") {
			t.Errorf("password %q: %d pages, page 1 %.80q", pw, len(ex.Pages), ex.Pages[0].Text)
		}
	}
}

func TestTimeout(t *testing.T) {
	// 300 ms: the book takes seconds on one worker, and the one-page file
	// read after the timeout must fit even on a loaded machine (at 50 ms
	// a CI run under load timed it out too).
	eng, err := NewEngine(Options{CacheDir: testCacheDir(), Workers: 1, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	book := readCorpus(t, "freeculture-lessig-352p.pdf")
	start := time.Now()
	_, err = eng.Extract(context.Background(), book, "")
	took := time.Since(start)
	checkKind(t, err, ErrTimeout)
	if err.Error() != "took longer than 300ms" {
		t.Errorf("message %q", err)
	}
	if took > 2*time.Second {
		t.Errorf("timeout took %v to fire", took)
	}

	// A caller's deadline works the same, and is named in the message.
	shared := testEngine(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = shared.Extract(ctx, book, "")
	checkKind(t, err, ErrTimeout)
	if !strings.HasPrefix(err.Error(), "took longer than ") || !strings.HasSuffix(err.Error(), "ms") {
		t.Errorf("message %q", err)
	}

	// A canceled context is not a timeout.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, err = testEngine(t).Extract(ctx, book, "")
	checkKind(t, err, ErrCanceled)

	// The single worker was killed; the next file gets a fresh one.
	ex, err := eng.Extract(context.Background(), readCorpus(t, "clef2008-qa-overview-xref-offset0.pdf"), "")
	if err != nil {
		t.Fatalf("after a timeout: %v", err)
	}
	checkPages(t, ex.Pages)
}

// TestTimeoutInsideACall times out while PDFium is busy in one long call
// (FPDFText_LoadPage on a page with 100,000 strings, ~5 s): the caller gets
// ErrTimeout at the deadline, the call itself is stopped (the worker's
// slot comes back: the next file is read at once), and what is read next
// is what a fresh engine reads.
func TestTimeoutInsideACall(t *testing.T) {
	slow := slowPDF(100000)
	eng, err := NewEngine(Options{CacheDir: testCacheDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = eng.Extract(ctx, slow, "")
	checkKind(t, err, ErrTimeout)
	if took := time.Since(start); took > 2500*time.Millisecond {
		t.Errorf("ErrTimeout after %v", took)
	}
	// The call inside PDFium stops too, rather than run on for seconds.
	for jobsRunning.Load() > 0 {
		if time.Since(start) > 2500*time.Millisecond {
			t.Fatalf("the timed-out call was still running %v after it began", time.Since(start))
		}
		time.Sleep(10 * time.Millisecond)
	}
	const next = "bmc-jtmo-2010-datta-systematic-review.pdf"
	ex, err := eng.Extract(context.Background(), readCorpus(t, next), "")
	if err != nil {
		t.Fatalf("after a timeout: %v", err)
	}
	if !slices.EqualFunc(ex.Pages, extractCorpus(t, next).Pages, samePage) {
		t.Error("pages differ from the default engine's")
	}
}

func samePage(a, b coding.Page) bool {
	return a.Number == b.Number && a.Text == b.Text && slices.Equal(a.Boxes, b.Boxes) &&
		a.X0 == b.X0 && a.Y0 == b.Y0 && a.X1 == b.X1 && a.Y1 == b.Y1 && a.Rotation == b.Rotation
}

// TestSplitSameAsWhole reads the book with one worker and compares it with
// the shared engine's reading, which splits it over two.
func TestSplitSameAsWhole(t *testing.T) {
	const name = "freeculture-lessig-352p.pdf"
	eng, err := NewEngine(Options{CacheDir: testCacheDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	whole, err := eng.Extract(context.Background(), readCorpus(t, name), "")
	if err != nil {
		t.Fatal(err)
	}
	split := extractCorpus(t, name)
	if !slices.EqualFunc(whole.Pages, split.Pages, samePage) || !slices.Equal(whole.Warnings, split.Warnings) || whole.Info != split.Info {
		t.Error("the split reading differs from the whole one")
	}
}

func TestConcurrent(t *testing.T) {
	eng := testEngine(t)
	names := []string{"bmc-jtmo-2010-datta-systematic-review.pdf", "hindawi-rrp-2010-tully.pdf",
		"layoutparser-aes128-empty-password.pdf", "clef2008-qa-overview-xref-offset0.pdf"}
	var wg sync.WaitGroup
	texts := make([]string, 2*len(names))
	for i := range texts {
		data := readCorpus(t, names[i%len(names)])
		wg.Go(func() {
			ex, err := eng.Extract(context.Background(), data, "")
			if err != nil {
				t.Error(err)
				return
			}
			texts[i] = ex.Pages[0].Text
		})
	}
	wg.Wait()
	for i := range names {
		if texts[i] != texts[i+len(names)] {
			t.Errorf("%s: two concurrent extractions differ", names[i])
		}
	}
}

// TestCacheDirUnusable: with a file where the cache folder should be, the
// engine compiles PDFium and runs without a cache, and says, a second
// into the compile, that starting is slow (then that it is ready).
func TestCacheDirUnusable(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		t.Skip("compiling PDFium without a cache takes seconds")
	}
	start := time.Now()
	said := make(chan (<-chan struct{}), 1)
	eng, err := NewEngine(Options{CacheDir: filepath.Join(blocker, "cache"),
		SlowStart: func(ready <-chan struct{}) { said <- ready }})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("start without cache: %v", time.Since(start).Round(time.Millisecond))
	defer eng.Close()
	select {
	case ready := <-said:
		select {
		case <-ready:
		default:
			t.Error("SlowStart's ready is not closed once the engine has started")
		}
	default:
		t.Errorf("a start of %v (a compile) was not said to be slow", time.Since(start).Round(time.Millisecond))
	}
	n, err := eng.PageCount(context.Background(), readCorpus(t, "habibi-arabic-rotated-pages.pdf"), "")
	if err != nil || n != 4 {
		t.Fatalf("PageCount = %d, %v", n, err)
	}
}

// TestWarmStart: loading PDFium from the cache is quick, and not said to
// be slow.
func TestWarmStart(t *testing.T) {
	testEngine(t) // make sure the cache is filled
	start := time.Now()
	var slow atomic.Bool
	eng, err := NewEngine(Options{CacheDir: testCacheDir(), SlowStart: func(<-chan struct{}) { slow.Store(true) }})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if took := time.Since(start); slow.Load() && took < compiled {
		t.Errorf("a start of %v was said to be slow", took)
	}
	// The first instance is made on first use: count it in.
	if _, err := eng.PageCount(context.Background(), []byte("%PDF-1.4\n%%EOF\n"), ""); !errors.Is(err, ErrDamaged) {
		t.Fatalf("PageCount: %v", err)
	}
	t.Logf("start with a warm cache, first call included: %v", time.Since(start).Round(time.Millisecond))
}

func TestClosedEngine(t *testing.T) {
	eng, err := NewEngine(Options{CacheDir: testCacheDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = eng.Extract(context.Background(), readCorpus(t, "habibi-arabic-rotated-pages.pdf"), "")
	checkKind(t, err, ErrCanceled)
	if err := eng.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestRenderPage(t *testing.T) {
	eng := testEngine(t)
	data := readCorpus(t, "bmc-hsr-2014-agyeman-duah.pdf")
	ex := extractCorpus(t, "bmc-hsr-2014-agyeman-duah.pdf")
	for _, page := range []int{1, 5} {
		img, err := eng.RenderPage(context.Background(), data, "", page, 72)
		if err != nil {
			t.Fatal(err)
		}
		p := ex.Pages[page-1]
		w, h := p.X1-p.X0, p.Y1-p.Y0
		if p.Rotation%180 != 0 {
			w, h = h, w
		}
		if dx, dy := img.Rect.Dx()-int(w+0.5), img.Rect.Dy()-int(h+0.5); dx < -1 || dx > 1 || dy < -1 || dy > 1 {
			t.Errorf("page %d: %v image for a %gx%g page (rotation %d)", page, img.Rect, w, h, p.Rotation)
		}
		if bytes.Count(img.Pix, []byte{255}) == len(img.Pix) {
			t.Errorf("page %d: blank image", page)
		}
	}
	_, err := eng.RenderPage(context.Background(), data, "", 11, 72)
	checkKind(t, err, ErrNoPage)
}

// slowPDF makes a valid one-page PDF whose content stream shows n short
// strings: PDFium takes a while over its text, in one FPDFText_LoadPage call.
func slowPDF(n int) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 1 Tf 72 720 Td\n")
	for range n {
		content.WriteString("(abcdefghij) Tj\n")
	}
	content.WriteString("ET\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	return writePDF(objects)
}

func TestInfo(t *testing.T) {
	for _, tc := range []struct {
		file, title, authors, year string
	}{
		// Authors from XMP, which lists all five; the dictionary names one.
		{"bmc-jtmo-2010-datta-systematic-review.pdf",
			"Complications related to deep venous thrombosis prophylaxis in trauma: a systematic review of the literature",
			"Indraneel Datta; Chad G Ball; Lucas Rudmik; S Morad Hameed; John B Kortbeek", "2010"},
		{"freeculture-lessig-352p.pdf", "Free Culture", "Lawrence Lessig", "2004"},
		// The year from the citation line, not the © line (2013) or the
		// file's creation date (2013).
		// The authors from the title page: the file names a publisher.
		{"intpsychogeriatr-2014-cc-by-nc-sa.pdf", "ipg1300180a", "Anna Sundström; Michael Rönnlund; Rolf Adolfsson; Lars-Göran Nilsson", "2014"},
		// The year from the arXiv stamp; the file was made in 2023.
		{"layoutparser-aes128-empty-password.pdf", "",
			"Zejiang Shen; Ruochen Zhang; Melissa Dell; Benjamin Charles Germain Lee; Jacob Carlson; Weining Li", "2021"},
		{"clinsci-2014-fragment-based-ace-inhibitors.pdf", "",
			"Ross G. Douglas; Rajni K. Sharma; Geoffrey Masuyer; Lizelle Lubbe; Ismael Zamora; K. Ravi Acharya; Kelly Chibale; Edward D. Sturrock", "2014"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			ex := extractCorpus(t, tc.file)
			if ex.Info.Title != tc.title || ex.Info.Authors != tc.authors || ex.Info.Year != tc.year {
				t.Errorf("got %v, want title=%q authors=%q year=%s", ex.Info, tc.title, tc.authors, tc.year)
			}
		})
	}
}

// TestFallbackParser runs the second parser on a file PDFium reads well,
// since no file in the corpus defeats PDFium but not it.
func TestFallbackParser(t *testing.T) {
	const name = "bmc-jtmo-2010-datta-systematic-review.pdf"
	var stop atomic.Bool
	ex, err := ledongthucExtract(readCorpus(t, name), "", &stop)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Pages) != 4 || !containsString(ex.Warnings, WarnFallback) {
		t.Fatalf("%d pages, warnings %q", len(ex.Pages), ex.Warnings)
	}
	checkPages(t, ex.Pages)
	if ex.Info.Year != "2010" || !strings.HasPrefix(ex.Info.Authors, "Indraneel Datta;") {
		t.Errorf("info %v", ex.Info)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(corpusDir, name), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		var ours strings.Builder
		for _, p := range ex.Pages {
			ours.WriteString(p.Text + "\n")
		}
		share := wordOverlap(string(out), ours.String())
		t.Logf("second parser: word overlap %.3f", share)
		if share < 0.8 {
			t.Errorf("word overlap %.3f", share)
		}
	}
}
