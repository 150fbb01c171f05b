package gui

import "fyne.io/fyne/v2"

// denseGrid lays out objects in columns of equal width, row by row, each
// row as tall as its tallest object asks less trim, with gap between
// rows and columns. It draws the coding column closer than the theme's
// padding would: buttons centre their text in whatever height they get,
// and a label that loses its bottom padding keeps its text. (A theme
// with less padding did it before, but under a theme override every
// widget clears Fyne's text-size and icon caches, which was half of the
// UI goroutine's time opening a large project: issue 14.)
type denseGrid struct {
	cols      int
	trim, gap float32
}

func (g denseGrid) rows(objects []fyne.CanvasObject) [][]fyne.CanvasObject {
	var rows [][]fyne.CanvasObject
	var row []fyne.CanvasObject
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
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
	return fyne.NewSize(float32(g.cols)*w+float32(g.cols-1)*g.gap, h)
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
