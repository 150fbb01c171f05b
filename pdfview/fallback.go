package pdfview

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"unicode"

	"cmocoder.org/cmocoder/coding"
	"github.com/ledongthuc/pdf"
)

// WarnFallback is the warning on text recovered by the second parser.
const WarnFallback = "the pdf engine could not open this file: text recovered by a second parser " +
	"(positions approximate, pages cannot be shown)"

// fallbackExtract is the last resort when PDFium cannot open a file: the
// pure-Go parser github.com/ledongthuc/pdf, text rebuilt from glyph
// positions (Content, never GetPlainText). It is stricter than PDFium about
// the file's structure, so it rarely succeeds where PDFium failed, but when
// it fails it often says more precisely why. It cannot be interrupted: when
// ctx ends we stop waiting and it stops at its next page. pdfiumErr is what
// to report if it fails too (or runs out of time).
func fallbackExtract(ctx context.Context, data []byte, password string, pdfiumErr error) (*Extracted, error) {
	type result struct {
		ex  *Extracted
		err error
	}
	done := make(chan result, 1)
	var stop atomic.Bool
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("%v", p)}
			}
		}()
		ex, err := ledongthucExtract(data, password, &stop)
		done <- result{ex, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		stop.Store(true)
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, pdfiumErr
		}
		return nil, ctxError(ctx, 0, ctx.Err())
	}
	if r.err != nil || r.ex == nil {
		// Say why if the second parser knows something useful. Its
		// "missing %%EOF" has no error value of its own to test with
		// errors.Is, so its text is the only way to recognise it.
		var pe *Error
		if r.err != nil && strings.Contains(r.err.Error(), "missing %%EOF") && errors.As(pdfiumErr, &pe) {
			return nil, newError(pe.Kind, pe.Err, "%s (it ends early: no end-of-file marker)", pe.Error())
		}
		return nil, pdfiumErr
	}
	return r.ex, nil
}

// ledongthucExtract reads every page with the second parser.
func ledongthucExtract(data []byte, password string, stop *atomic.Bool) (*Extracted, error) {
	r, err := openLedongthuc(data, password)
	if err != nil {
		return nil, err
	}
	n := r.NumPage()
	if n <= 0 {
		return nil, errors.New("no pages")
	}
	ex := &Extracted{Pages: make([]coding.Page, 0, n)}
	withText := 0
	for i := 1; i <= n; i++ {
		if stop.Load() {
			return nil, errors.New("stopped")
		}
		p := fallbackPage(r.Page(i), i)
		if strings.TrimSpace(p.Text) != "" {
			withText++
		}
		ex.Pages = append(ex.Pages, p)
	}
	if withText == 0 {
		return nil, errors.New("no text")
	}
	ex.Warnings = []string{WarnFallback}
	ex.Info = mergeInfo(infoDict{}, readSecondOpinion(r), ex.Pages)
	return ex, nil
}

// fallbackPage rebuilds one page's text from glyph positions: a new line
// when the baseline moves by half a font size, a space when the gap to the
// previous glyph is a fifth of one. Boxes run from the descent to the
// ascent of a nominal font; generated characters get a zero-area box where
// the previous glyph ends, as PDFium's do.
func fallbackPage(pg pdf.Page, number int) (p coding.Page) {
	p.Number = number
	defer func() {
		// A page the parser chokes on stays in, empty, so page numbers hold.
		if recover() != nil {
			p = coding.Page{Number: number}
		}
	}()
	if pg.V.IsNull() {
		return p
	}
	box := inherited(pg.V, "CropBox")
	if box.Len() != 4 {
		box = inherited(pg.V, "MediaBox")
	}
	if box.Len() == 4 {
		b := normBox(float32(box.Index(0).Float64()), float32(box.Index(1).Float64()),
			float32(box.Index(2).Float64()), float32(box.Index(3).Float64()))
		p.X0, p.Y0, p.X1, p.Y1 = b.X0, b.Y0, b.X1, b.Y1
	}
	if rot := ((inherited(pg.V, "Rotate").Int64() % 360) + 360) % 360; rot%90 == 0 {
		p.Rotation = int(rot)
	}

	var text []rune
	var boxes []coding.Box
	var last coding.Box
	add := func(r rune, b coding.Box) {
		text = append(text, r)
		boxes = append(boxes, b)
		last = b
	}
	gap := func() coding.Box { return coding.Box{X0: last.X1, Y0: last.Y0, X1: last.X1, Y1: last.Y0} }
	var prev *pdf.Text
	for _, t := range pg.Content().Text {
		if t.S == "" {
			continue
		}
		size := math.Max(t.FontSize, 1)
		if prev != nil {
			ps := math.Max(prev.FontSize, 1)
			switch {
			case math.Abs(t.Y-prev.Y) > 0.5*math.Max(size, ps):
				add('\n', gap())
			case t.X-(prev.X+prev.W) > 0.2*size:
				add(' ', gap())
			}
		}
		runes := []rune(t.S)
		w := t.W / float64(len(runes))
		for k, r := range runes {
			x := t.X + float64(k)*w
			b := coding.Box{X0: float32(x), Y0: float32(t.Y - 0.25*size), X1: float32(x + w), Y1: float32(t.Y + 0.8*size)}
			switch {
			case r == '\n' || r == '\r' || r == '\t' || r == '\f' || r == '\v':
				r = ' '
			case unicode.IsControl(r) || isNonCharacter(r) || (r >= 0xD800 && r <= 0xDFFF):
				r = unicode.ReplacementChar
			}
			add(r, b)
		}
		prev = &t
	}
	p.Text, p.Boxes = string(text), boxes
	return p
}

// inherited looks key up in a page and its ancestors in the page tree, as
// PDF lets pages inherit their boxes and rotation. The depth is bounded in
// case the tree loops.
func inherited(v pdf.Value, key string) pdf.Value {
	for depth := 0; depth < 32 && !v.IsNull(); depth++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}
