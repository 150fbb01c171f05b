// Package figure draws a realist review's figures for print and for the
// app: the programme-theory diagram (each theory's CMOCs as rows of
// Context → Mechanism resource → Mechanism reasoning → Outcome boxes, with
// the sources behind each box) and the evidence map (labels or theories by
// sources, shaded by the counts of `export --table matrix`).
//
// Laying out and drawing are apart. Theories and Map lay a figure out from
// the export package's domain values into a Figure: rectangles, lines and
// lines of text placed in millimetres with the real metrics of the Go fonts,
// which are embedded so that a figure is the same on every machine. A
// Figure is then written by one drawing library, tdewolff/canvas, as SVG
// (real, selectable text), PDF (fonts embedded) or PNG — the same drawing
// for all three and for the app. Tests read a Figure's geometry to check
// that no text leaves its box.
package figure

import (
	"image"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/canvas/renderers/svg"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// The kinds of figure.
const (
	KindTheories = "theories"
	KindMap      = "map"
)

// Kinds lists the kinds in the order of the CLI's usage text.
var Kinds = []string{KindTheories, KindMap}

// The formats a figure is written in.
const (
	SVG = "svg"
	PNG = "png"
	PDF = "pdf"
)

// Formats lists the format names.
var Formats = []string{SVG, PNG, PDF}

// Defaults for print: a two-column journal figure is about 170–180 mm
// wide, and 300 dpi is what journals ask of line art with text.
const (
	DefaultWidth = 180.0 // mm
	DefaultDPI   = 300.0
)

// Figure is a laid-out drawing. Coordinates are millimetres from the top
// left corner, y down. It is painted in this order: Rects, Lines, Texts.
type Figure struct {
	Width, Height float64
	Rects         []Rect
	Lines         []Line
	Texts         []Text
	// Breaks are the heights between parts of the figure (between the
	// theories of a diagram) where it may be cut into pages.
	Breaks []float64
}

// Rect is a rectangle, filled, outlined or both.
type Rect struct {
	X, Y, W, H  float64
	Fill        color.Color // nil: not filled
	Stroke      color.Color // nil: no outline
	StrokeWidth float64     // mm
	Dash        []float64   // mm on, mm off; nil: solid
}

// Line is a straight line, with an arrow head at its end if Arrow.
type Line struct {
	X0, Y0, X1, Y1 float64
	Colour         color.Color
	Width          float64
	Dash           []float64
	Arrow          bool
}

// Style is a text's weight or slant.
type Style int

// The text styles.
const (
	Regular Style = iota
	Bold
	Italic
)

// Text is one line of text. X, Y is where its baseline starts (for Rotated
// text, which runs upwards, the start of its baseline, at the bottom).
type Text struct {
	X, Y    float64
	S       string
	Size    float64 // points
	Style   Style
	Colour  color.Color
	Rotated bool
	// W is the line's advance width and Ascent, Descent its extent about
	// the baseline, in mm, measured with the font's metrics.
	W, Ascent, Descent float64
	// In is the index in Rects of the box the text must stay inside, or
	// -1: what the layout promises and the tests check.
	In int
}

// Bounds is the rectangle the text occupies (x0, y0, x1, y1).
func (t Text) Bounds() (x0, y0, x1, y1 float64) {
	if t.Rotated {
		return t.X - t.Ascent, t.Y - t.W, t.X + t.Descent, t.Y
	}
	return t.X, t.Y - t.Ascent, t.X + t.W, t.Y + t.Descent
}

// fonts are the Go fonts, loaded once: embedded in the binary, so a figure
// lays out and looks the same on every machine.
var fonts = sync.OnceValue(func() *canvas.FontFamily {
	f := canvas.NewFontFamily("Go")
	f.MustLoadFont(goregular.TTF, 0, canvas.FontRegular)
	f.MustLoadFont(gobold.TTF, 0, canvas.FontBold)
	f.MustLoadFont(goitalic.TTF, 0, canvas.FontItalic)
	return f
})

// face is the font face of a size and style, in a colour.
func face(size float64, st Style, c color.Color) *canvas.FontFace {
	style := canvas.FontRegular
	switch st {
	case Bold:
		style = canvas.FontBold
	case Italic:
		style = canvas.FontItalic
	}
	if c == nil {
		c = color.Black
	}
	return fonts().Face(size, c, style)
}

// Write writes the figure in a format; dpi is the resolution of a PNG.
func (f *Figure) Write(w io.Writer, format string, dpi float64) error {
	switch format {
	case SVG:
		r := svg.New(w, f.Width, f.Height, &svg.Options{EmbedFonts: true, SizeUnits: "mm", ImageEncoding: canvas.Lossless})
		f.paint(r)
		return r.Close()
	case PDF:
		// Every page as tall as the tallest: the PDF renderer keeps its
		// first page's height for placing what later pages hold.
		pages := f.pages(maxPDFPage)
		height := 0.0
		for _, pg := range pages {
			height = max(height, pg[1]-pg[0])
		}
		r := pdf.New(w, f.Width, height, nil)
		for i, pg := range pages {
			if i > 0 {
				r.NewPage(f.Width, height)
			}
			f.paintPart(r, pg[0], pg[1])
		}
		return r.Close()
	case PNG:
		if dpi <= 0 {
			dpi = DefaultDPI
		}
		img, err := f.Image(dpi)
		if err != nil {
			return err
		}
		return writePNG(w, img, dpi)
	}
	return coding.Errorf(coding.KindInvalid, "figure", format, "unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// MaxPixels bounds a raster figure: 100 megapixels is 400 MB of memory
// while it is drawn, and more than any page holds at print resolution.
const MaxPixels = 100_000_000

// Image rasterises the figure at dpi dots per inch, on white. A figure
// too big for a raster (a whole review's theories at 300 dpi) is an error
// that says what to do instead.
func (f *Figure) Image(dpi float64) (*image.RGBA, error) {
	if dpi <= 0 {
		dpi = DefaultDPI
	}
	res := canvas.DPI(dpi)
	w, h := int(math.Ceil(f.Width*res.DPMM())), int(math.Ceil(f.Height*res.DPMM()))
	if float64(w)*float64(h) > MaxPixels {
		return nil, coding.Errorf(coding.KindInvalid, "figure", "", "the figure is %d × %d px at %g dpi, too big for a PNG: draw one theory (--theory), lower --dpi, or write SVG or PDF", w, h, dpi)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rasterizer.FromImage(img, res, canvas.DefaultColorSpace)
	f.paint(r)
	r.Close()
	return img, nil
}

// maxPDFPage is the tallest PDF page written, in mm: PDF readers refuse
// pages over 200 inches (5,080 mm), which a whole review's diagram
// exceeds; it is then cut between theories.
const maxPDFPage = 5000.0

// pages cuts the figure at its Breaks into pages no taller than max where
// it can, as [top, bottom) pairs; a figure that fits is one page.
func (f *Figure) pages(max float64) [][2]float64 {
	var out [][2]float64
	top, last := 0.0, 0.0 // the page's top, and the last break that fits on it
	for _, b := range append(slices.Clone(f.Breaks), f.Height) {
		if b-top > max && last > top {
			out = append(out, [2]float64{top, last})
			top = last
		}
		last = b
	}
	return append(out, [2]float64{top, f.Height})
}

// paint draws the whole figure on any of the library's renderers.
func (f *Figure) paint(r canvas.Renderer) { f.paintPart(r, 0, f.Height) }

// paintPart draws what lies between the heights top and bottom, as a page
// of its own.
func (f *Figure) paintPart(r canvas.Renderer, top, bottom float64) {
	in := func(y float64) bool { return y >= top && y < bottom || bottom == f.Height && y >= top }
	ctx := canvas.NewContext(r)
	ctx.SetCoordSystem(canvas.CartesianIV)
	ctx.SetFillColor(color.White)
	w, h := r.Size()
	ctx.DrawPath(0, 0, canvas.Rectangle(w, h))
	ctx.Translate(0, -top)
	for _, b := range f.Rects {
		if !in(b.Y) || b.Fill == nil && b.Stroke == nil {
			continue
		}
		ctx.ResetStyle()
		ctx.SetFill(transparentIfNil(b.Fill))
		ctx.SetStroke(transparentIfNil(b.Stroke))
		ctx.SetStrokeWidth(b.StrokeWidth)
		if b.Dash != nil {
			ctx.SetDashes(0, b.Dash...)
		}
		ctx.DrawPath(b.X, b.Y, canvas.Rectangle(b.W, b.H))
	}
	for _, l := range f.Lines {
		if !in(min(l.Y0, l.Y1)) {
			continue
		}
		ctx.ResetStyle()
		ctx.SetFill(canvas.Transparent)
		ctx.SetStroke(l.Colour)
		ctx.SetStrokeWidth(l.Width)
		if l.Dash != nil {
			ctx.SetDashes(0, l.Dash...)
		}
		p := &canvas.Path{}
		p.MoveTo(0, 0)
		p.LineTo(l.X1-l.X0, l.Y1-l.Y0)
		ctx.DrawPath(l.X0, l.Y0, p)
		if l.Arrow {
			ctx.ResetStyle()
			ctx.SetFill(l.Colour)
			ctx.SetStroke(canvas.Transparent)
			ctx.DrawPath(l.X1, l.Y1, arrowHead(l))
		}
	}
	for _, t := range f.Texts {
		if _, y0, _, _ := t.Bounds(); !in(y0) {
			continue
		}
		line := canvas.NewTextLine(face(t.Size, t.Style, t.Colour), t.S, canvas.Left)
		if !t.Rotated {
			ctx.DrawText(t.X, t.Y, line)
			continue
		}
		ctx.Push()
		ctx.Translate(t.X, t.Y)
		ctx.Rotate(-90) // y runs down: -90° turns the line to run upwards
		ctx.DrawText(0, 0, line)
		ctx.Pop()
	}
}

// arrowHead is a filled triangle ending at the line's end, relative to it.
func arrowHead(l Line) *canvas.Path {
	const length, half = 2.2, 1.1
	dx, dy := l.X1-l.X0, l.Y1-l.Y0
	n := math.Hypot(dx, dy)
	if n == 0 {
		return &canvas.Path{}
	}
	ux, uy := dx/n, dy/n
	p := &canvas.Path{}
	p.MoveTo(0, 0)
	p.LineTo(-ux*length-uy*half, -uy*length+ux*half)
	p.LineTo(-ux*length+uy*half, -uy*length-ux*half)
	p.Close()
	return p
}

func transparentIfNil(c color.Color) color.Color {
	if c == nil {
		return canvas.Transparent
	}
	return c
}

// Build lays out a figure of a kind from a project's values.
func Build(p *export.Project, kind string, opt Options) (*Figure, error) {
	switch kind {
	case KindTheories:
		return Theories(p, opt)
	case KindMap:
		return Map(p, opt)
	case KindFlow:
		return Flow(p, opt)
	}
	return nil, coding.Errorf(coding.KindInvalid, "figure", kind, "unknown kind %q (want %s)", kind, strings.Join(Kinds, ", "))
}
