package gui

import "fyne.io/fyne/v2"

// denseGrid lays out objects in columns of equal width, row by row, each
// row as tall as its tallest object asks less trim, with gap between
// rows and columns; the columns ask for the widest object's width less
// wtrim. It draws the coding column closer than the theme's
// padding would: buttons centre their text in whatever height they get,
// and a label that loses its bottom padding keeps its text. (A theme
// with less padding did it before, but under a theme override every
// widget clears Fyne's text-size and icon caches, which was half of the
// UI goroutine's time opening a large project: issue 14.)
type denseGrid struct {
	cols             int
	trim, wtrim, gap float32
}

func (g denseGrid) rows(objects []fyne.CanvasObject) [][]fyne.CanvasObject {
	var rows [][]fyne.CanvasObject
	var row []fyne.CanvasObject
	for _, o := range visible(objects) {
		if row = append(row, o); len(row) == g.cols {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func (g denseGrid) rowHeight(row []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range row {
		h = max(h, o.MinSize().Height)
	}
	return max(h-g.trim, 0)
}

func (g denseGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	rows := g.rows(objects)
	for i, row := range rows {
		for _, o := range row {
			w = max(w, o.MinSize().Width)
		}
		if i > 0 {
			h += g.gap
		}
		h += g.rowHeight(row)
	}
	return fyne.NewSize(float32(g.cols)*max(w-g.wtrim, 0)+float32(g.cols-1)*g.gap, h)
}

func (g denseGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	cell := (size.Width - float32(g.cols-1)*g.gap) / float32(g.cols)
	var y float32
	for _, row := range g.rows(objects) {
		h := g.rowHeight(row)
		for i, o := range row {
			o.Move(fyne.NewPos(float32(i)*(cell+g.gap), y))
			o.Resize(fyne.NewSize(cell, h))
		}
		y += h + g.gap
	}
}

// denseRow lays out objects left to right, gap apart, each as wide as it
// asks less trim and as tall as the row: buttons and labels with less
// padding at their ends than the theme gives them (see denseGrid), so
// that the coding column asks for less of the window's width.
type denseRow struct{ trim, gap float32 }

func (r denseRow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range visible(objects) {
		if i > 0 {
			w += r.gap
		}
		m := o.MinSize()
		w += max(m.Width-r.trim, 0)
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (r denseRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var x float32
	for _, o := range visible(objects) {
		w := max(o.MinSize().Width-r.trim, 0)
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + r.gap
	}
}

// visible are the objects shown.
func visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}
