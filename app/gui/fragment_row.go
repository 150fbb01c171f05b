package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
)

// fragmentRow is a row of the fragment list: a tick box, the role's tag
// and the fragment's line (its quote, where it is, its labels), drawn
// smaller and closer than the theme draws a check box and a label, so
// that the list shows eight rows or more at 1260×780. It draws its own
// texts rather than taking a denser theme: under a theme override every
// widget, and every list row made, clears Fyne's text-size and icon
// caches, which was half of the UI goroutine's time opening a large
// project (issue 14).
type fragmentRow struct {
	widget.BaseWidget
	tick *rowTick
	bg   *canvas.Rectangle
	tag  *canvas.Text
	text *canvas.Text
	line string // the whole line; text.Text is as much of it as fits
}

// Sizes of a fragment row, in the theme's units.
const (
	rowPad       = 2  // above and below the line, and at the row's ends
	rowGap       = 5  // between the tick, the tag and the line
	rowTickSize  = 16 // the tick box
	rowTagWidth  = 52 // the role's tag, wide enough for "M rea−"
	rowTagHeight = 16
	rowTagText   = 11
)

func newFragmentRow() *fragmentRow {
	r := &fragmentRow{tick: newRowTick(), bg: canvas.NewRectangle(roleColour(coding.Context))}
	r.bg.CornerRadius = 3
	r.tag = canvas.NewText("", nil)
	r.tag.TextStyle = fyne.TextStyle{Bold: true}
	r.tag.TextSize = rowTagText
	r.tag.Alignment = fyne.TextAlignCenter
	r.text = canvas.NewText("", nil)
	r.text.TextSize = rowTextSize()
	r.ExtendBaseWidget(r)
	return r
}

// rowTextSize is the line's text size: two points under the theme's.
func rowTextSize() float32 { return theme.TextSize() - 2 }

// set shows a fragment in the row: its tag, its line, whether it is
// ticked, and what ticking it does.
func (r *fragmentRow) set(f coding.Fragment, line string, ticked bool, onTick func(bool)) {
	r.bg.FillColor = roleColour(f.Role)
	r.tag.Text = fragmentTag(f)
	r.tag.Color = textOnColour(roleColour(f.Role))
	r.tick.OnChanged = nil
	r.tick.SetChecked(ticked)
	r.tick.OnChanged = onTick
	if line != r.line {
		r.line = line
		r.text.Text = "" // fitted again at the next layout
	}
	r.Refresh()
}

// shown is the row's line as drawn (cut with an ellipsis where the row is
// too narrow for it).
func (r *fragmentRow) shown() string { return r.text.Text }

func (r *fragmentRow) CreateRenderer() fyne.WidgetRenderer {
	return &fragmentRowRenderer{row: r, objects: []fyne.CanvasObject{r.tick, r.bg, r.tag, r.text}}
}

type fragmentRowRenderer struct {
	row     *fragmentRow
	objects []fyne.CanvasObject
	fitted  float32 // the width the line was fitted to
}

func (r *fragmentRowRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *fragmentRowRenderer) Destroy()                     {}

func (r *fragmentRowRenderer) lineHeight() float32 {
	return fyne.MeasureText("Mg", r.row.text.TextSize, r.row.text.TextStyle).Height
}

func (r *fragmentRowRenderer) MinSize() fyne.Size {
	h := max(r.lineHeight(), rowTickSize, rowTagHeight) + 2*rowPad
	return fyne.NewSize(rowPad+rowTickSize+rowGap+rowTagWidth+rowGap+60+rowPad, h)
}

func (r *fragmentRowRenderer) Layout(size fyne.Size) {
	x := float32(rowPad)
	middle := func(h float32) float32 { return (size.Height - h) / 2 }
	r.row.tick.Move(fyne.NewPos(x, middle(rowTickSize)))
	r.row.tick.Resize(fyne.NewSquareSize(rowTickSize))
	x += rowTickSize + rowGap
	r.row.bg.Move(fyne.NewPos(x, middle(rowTagHeight)))
	r.row.bg.Resize(fyne.NewSize(rowTagWidth, rowTagHeight))
	tagHeight := r.row.tag.MinSize().Height
	r.row.tag.Move(fyne.NewPos(x, middle(tagHeight)))
	r.row.tag.Resize(fyne.NewSize(rowTagWidth, tagHeight))
	x += rowTagWidth + rowGap
	h := r.lineHeight()
	width := size.Width - x - rowPad
	r.row.text.Move(fyne.NewPos(x, middle(h)))
	r.row.text.Resize(fyne.NewSize(width, h))
	if width != r.fitted || r.row.text.Text == "" {
		r.fitted = width
		r.row.text.Text = fitText(r.row.line, width, r.row.text.TextSize, r.row.text.TextStyle)
		r.row.text.Refresh()
	}
}

func (r *fragmentRowRenderer) Refresh() {
	th := r.row.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.row.text.Color = th.Color(theme.ColorNameForeground, v)
	r.row.text.TextSize = rowTextSize()
	r.Layout(r.row.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// fitText is as much of line as fits in width, ending in "…" when cut.
func fitText(line string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 {
		return ""
	}
	if fyne.MeasureText(line, size, style).Width <= width {
		return line
	}
	runes := []rune(line)
	// No character is narrower than a fifth of the size: more than that
	// many would not fit, and need not be measured.
	hi := min(len(runes), int(width/(size/5))+1)
	lo := 0 // the longest prefix known to fit with its ellipsis
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// rowTick is a fragment row's tick box: the theme's check box icon at the
// row's size, which a tap ticks or unticks.
type rowTick struct {
	widget.BaseWidget
	OnChanged func(on bool)
	on        bool
	icon      *canvas.Image
}

func newRowTick() *rowTick {
	t := &rowTick{icon: canvas.NewImageFromResource(theme.CheckButtonIcon())}
	t.icon.FillMode = canvas.ImageFillContain
	t.ExtendBaseWidget(t)
	return t
}

// SetChecked ticks or unticks the box without calling OnChanged.
func (t *rowTick) SetChecked(on bool) {
	if on == t.on {
		return
	}
	t.on = on
	t.Refresh()
}

// Checked tells whether the box is ticked.
func (t *rowTick) Checked() bool { return t.on }

// Tapped ticks or unticks the box.
func (t *rowTick) Tapped(*fyne.PointEvent) {
	t.on = !t.on
	t.Refresh()
	if t.OnChanged != nil {
		t.OnChanged(t.on)
	}
}

func (t *rowTick) Refresh() {
	if t.on {
		t.icon.Resource = theme.NewPrimaryThemedResource(theme.CheckButtonCheckedIcon())
	} else {
		t.icon.Resource = theme.CheckButtonIcon()
	}
	t.icon.Refresh()
}

func (t *rowTick) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.icon) }
