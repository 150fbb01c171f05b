package figure

import (
	"image/color"
	"strings"
	"unicode/utf8"
)

// mmPerPt converts a font size in points to millimetres.
const mmPerPt = 25.4 / 72

// lineSpacing is the distance between baselines, in ems.
const lineSpacing = 1.25

// layout builds a Figure, measuring text with the fonts' real metrics.
// Widths are cached: a figure measures the same words many times.
type layout struct {
	fig    *Figure
	widths map[measureKey]float64
}

type measureKey struct {
	s     string
	size  float64
	style Style
}

func newLayout(width float64) *layout {
	return &layout{fig: &Figure{Width: width}, widths: map[measureKey]float64{}}
}

// measure is the advance width of s in mm.
func (l *layout) measure(s string, size float64, st Style) float64 {
	k := measureKey{s, size, st}
	if w, ok := l.widths[k]; ok {
		return w
	}
	w := face(size, st, nil).TextWidth(s)
	l.widths[k] = w
	return w
}

// lineHeight is the distance between baselines of a size, in mm.
func lineHeight(size float64) float64 { return size * mmPerPt * lineSpacing }

// ascent and descent are how far a size's glyphs reach above and below the
// baseline, from the font's metrics.
func ascentDescent(size float64, st Style) (float64, float64) {
	m := face(size, st, nil).Metrics()
	return m.Ascent, m.Descent
}

// rect adds a rectangle and returns its index, for texts kept inside it.
func (l *layout) rect(r Rect) int {
	l.fig.Rects = append(l.fig.Rects, r)
	return len(l.fig.Rects) - 1
}

// text adds one line of text with its baseline at (x, y).
func (l *layout) text(x, y float64, s string, size float64, st Style, c color.Color, in int) Text {
	a, d := ascentDescent(size, st)
	t := Text{X: x, Y: y, S: s, Size: size, Style: st, Colour: c, W: l.measure(s, size, st), Ascent: a, Descent: d, In: in}
	l.fig.Texts = append(l.fig.Texts, t)
	return t
}

// paragraph wraps s to width w and sets it from top downwards at x; it
// returns the y below its last line.
func (l *layout) paragraph(x, top, w float64, s string, size float64, st Style, c color.Color, in int) float64 {
	lines := l.wrap(s, size, st, w)
	a, _ := ascentDescent(size, st)
	y := top
	for _, line := range lines {
		l.text(x, y+a, line, size, st, c, in)
		y += lineHeight(size)
	}
	return y
}

// paragraphHeight is the height paragraph would take, without adding it.
func (l *layout) paragraphHeight(w float64, s string, size float64, st Style) float64 {
	return float64(len(l.wrap(s, size, st, w))) * lineHeight(size)
}

// wrap breaks s into lines no wider than w at spaces; a word wider than a
// line by itself (a URL, a long compound) is broken between characters, so
// that nothing ever runs out of its box.
func (l *layout) wrap(s string, size float64, st Style, w float64) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	space := l.measure(" ", size, st)
	var lines []string
	line, lineW := "", 0.0
	for len(words) > 0 {
		word := words[0]
		ww := l.measure(word, size, st)
		switch {
		case line == "" && ww > w:
			head := l.fit(word, size, st, w)
			lines = append(lines, head)
			words[0] = word[len(head):]
		case line == "":
			line, lineW = word, ww
			words = words[1:]
		case lineW+space+ww <= w:
			line, lineW = line+" "+word, lineW+space+ww
			words = words[1:]
		default:
			lines = append(lines, line)
			line, lineW = "", 0
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fit is the longest start of word no wider than w, at least one
// character.
func (l *layout) fit(word string, size float64, st Style, w float64) string {
	lo, hi := 1, utf8.RuneCountInString(word) // runes: lo fits (or must), hi does not
	prefix := func(n int) string {
		i := 0
		for range n {
			_, sz := utf8.DecodeRuneInString(word[i:])
			i += sz
		}
		return word[:i]
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l.measure(prefix(mid), size, st) <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	return prefix(lo)
}

// clipToWidth shortens s with an ellipsis until it fits in w.
func (l *layout) clipToWidth(s string, size float64, st Style, w float64) string {
	// A width computed from s's own (w = measure(s) + x - x) may come out
	// a rounding error short of it: s still fits.
	if l.measure(s, size, st) <= w+1e-9 {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // lo runes + "…" fit, hi do not
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l.measure(strings.TrimSpace(string(r[:mid]))+"…", size, st) <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	return strings.TrimSpace(string(r[:lo])) + "…"
}

// tint mixes a colour with white: f of the colour, the rest white, for a
// box's background light enough to read black text on, even in greyscale.
func tint(c color.NRGBA, f float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v)*f + 255*(1-f) + 0.5) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: 0xff}
}
