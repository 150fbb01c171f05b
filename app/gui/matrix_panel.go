package gui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// matrixPanel shows the mechanism-by-source matrix (labels or theories
// down, sources across) as the export counts it, laid out to be read at
// hundreds of sources (matrixModel): a heat map whose row names, N and
// totals stay in view while the sources scroll, sorted by total,
// filtered, or transposed. Clicking a count lists its fragments, and
// clicking one of those opens it on its page. The matrix is built off
// the UI goroutine.
type matrixPanel struct {
	pv        *projectView
	by        *widget.Select
	sortTotal *widget.Check
	transpose *widget.Check
	all       *widget.Check // excluded sources too (excluded_check.go)
	filter    *widget.Entry
	table     *widget.Table
	model     *matrixModel
	contents  coding.Contents
	note      *widget.Label
	cellInfo  *widget.Label
	list      *widget.List
	frags     []coding.Fragment // the fragments of the cell clicked
	names     map[string]string
	content   fyne.CanvasObject
	loader
}

// Column widths: the row names, N and Total, and every source (the
// template cell's width, so that no per-column call is needed at 500).
const (
	matrixNameWidth   = 240
	matrixNumberWidth = 72
	matrixCellWidth   = 104
)

func newMatrixPanel(pv *projectView) *matrixPanel {
	p := &matrixPanel{pv: pv}
	p.by = widget.NewSelect(matrixRowNames, func(string) { p.reload() })
	p.by.SetSelectedIndex(0)
	p.sortTotal = widget.NewCheck("Sort by total", func(bool) { p.rearrange() })
	p.transpose = widget.NewCheck("Sources down", func(bool) { p.rearrange() })
	p.all = newExcludedCheck(p.reload)
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter sources…")
	p.filter.OnChanged = func(string) { p.rearrange() }
	p.table = widget.NewTable(
		func() (int, int) {
			if p.model == nil {
				return 0, 0
			}
			return p.model.size()
		},
		newHeatCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if p.model == nil {
				return
			}
			text, shade := p.model.cell(id.Row, id.Col)
			wrap := fyne.TextWrapOff
			if id.Row == matrixHeadRow {
				wrap = fyne.TextWrapWord
			}
			o.(*heatCell).set(text, shade, p.model.max, id.Row == matrixHeadRow || id.Col == matrixNameCol || id.Row == matrixTotalRow, wrap)
		})
	p.table.StickyRowCount = matrixFixedRows
	p.table.StickyColumnCount = matrixFixedCols
	p.table.SetColumnWidth(matrixNameCol, matrixNameWidth)
	p.table.SetColumnWidth(matrixNCol, matrixNumberWidth)
	p.table.SetColumnWidth(matrixTotalCol, matrixNumberWidth)
	// Two lines for the sources' names, which wrap rather than lose the
	// year at the end.
	p.table.SetRowHeight(matrixHeadRow, 2*newHeatCell().MinSize().Height-2*theme.Padding())
	p.table.OnSelected = p.cellSelected
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	p.cellInfo = widget.NewLabelWithStyle("Click a count to list its fragments.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = widget.NewList(
		func() int { return len(p.frags) },
		newCutLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.frags[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s, p.%d  “%s”", fragmentTag(f), p.names[f.DocID], f.Page, coding.Clip(f.Text, 160)))
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.frags) {
			f := p.frags[i]
			p.list.UnselectAll()
			p.pv.jumpTo(f)
		}
	}
	controls := container.NewHBox(p.sortTotal, p.transpose, p.all)
	rows := container.NewHBox(widget.NewLabelWithStyle("Rows:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWrap(fyne.NewSize(210, p.by.MinSize().Height), p.by))
	top := container.NewBorder(nil, nil, rows, controls, p.filter)
	bottom := container.NewBorder(container.NewVBox(p.note, widget.NewSeparator(), p.cellInfo), nil, nil, nil, p.list)
	split := container.NewVSplit(p.table, bottom)
	split.Offset = 0.6
	p.content = container.NewBorder(top, nil, nil, nil, split)
	return p
}

// reload builds the matrix again, with the export's own builder, on a
// goroutine of its own: at 500 sources and 20,000 fragments reading and
// counting take longer than a frame. The panel says "Loading" meanwhile.
func (p *matrixPanel) reload() {
	if p.table == nil {
		return
	}
	p.note.SetText("Loading the matrix…")
	by := matrixBy(p.by.SelectedIndex())
	all := p.all.Checked
	s := p.pv.session
	type built struct {
		c coding.Contents
		t *export.Table
		m *matrixModel
	}
	load(&p.loader, func() (built, error) {
		c, err := s.Contents()
		if err != nil {
			return built{}, err
		}
		ep := &export.Project{Title: c.Title, Documents: c.Documents, Fragments: c.Fragments, CMOCs: c.CMOCs, Theories: c.Theories, Labels: c.Labels}
		t, _, err := export.Build(ep, export.TableMatrix, export.Options{MatrixBy: by, All: all})
		if err != nil {
			return built{}, err
		}
		// The table's columns, and what a click on a count lists: the
		// sources shown, without the excluded ones unless all.
		shown, _ := ep.Shown(all)
		c.Documents, c.Fragments, c.CMOCs = shown.Documents, shown.Fragments, shown.CMOCs
		return built{c, t, newMatrixModel(t, c.Documents)}, nil
	}, func(b built, err error) {
		if err != nil {
			p.note.SetText(session.OneLine(err))
			p.pv.readFailed("matrix", err)
			return
		}
		p.show(b.c, b.t, b.m)
	})
}

// show puts a freshly built matrix on screen, keeping the reader's sort,
// filter and transposition.
func (p *matrixPanel) show(c coding.Contents, t *export.Table, m *matrixModel) {
	p.contents = c
	p.names = m.short
	p.model = m
	p.note.SetText(strings.Join(t.Notes, " "))
	p.rearrange()
}

// rearrange lays the matrix out again after the sort, filter or
// transposition changed.
func (p *matrixPanel) rearrange() {
	if p.model == nil {
		return
	}
	p.model.sortByTotal = p.sortTotal.Checked
	p.model.transpose = p.transpose.Checked
	p.model.filter = p.filter.Text
	p.model.arrange()
	p.table.UnselectAll()
	p.table.Refresh()
	p.frags = nil
	p.cellInfo.SetText("Click a count to list its fragments.")
	p.list.Refresh()
}

// rowKey is a matrix row's name without its " (N = n)".
func rowKey(cell string) string {
	if i := strings.LastIndex(cell, " (N = "); i >= 0 {
		return cell[:i]
	}
	return cell
}

// cellSelected lists the fragments counted in a cell: one source's, or
// (in the Total column or row, or on a name) every source's; a source's
// name says its full title.
func (p *matrixPanel) cellSelected(id widget.TableCellID) {
	if p.model == nil || (id.Row == matrixHeadRow && id.Col < matrixFixedCols) {
		return
	}
	m := p.model
	r, doc := m.at(id.Row, id.Col)
	docID, where := "", "all sources"
	if doc >= 0 {
		d := m.docs[doc]
		docID, where = d.ID, m.short[d.ID]
		if d.Title != "" && d.Title != where {
			where += " (" + coding.Clip(d.Title, 80) + ")"
		}
	}
	key, what := "", "all rows"
	if r >= 0 {
		key, what = m.rowKeys[r], m.rowKeys[r]
	}
	inRow := p.rowMatcher(key, r < 0)
	p.frags = nil
	for _, f := range p.contents.Fragments {
		if (docID == "" || f.DocID == docID) && inRow(f) {
			p.frags = append(p.frags, f)
		}
	}
	p.cellInfo.SetText(fmt.Sprintf("%s · %s: %s (click one to open it)", what, where, coding.Count(len(p.frags), "fragment")))
	p.list.Refresh()
}

// rowMatcher tells which fragments a row counts.
func (p *matrixPanel) rowMatcher(key string, all bool) func(coding.Fragment) bool {
	if matrixBy(p.by.SelectedIndex()) == "theories" {
		inTheory := map[string]bool{}
		ids := map[string]bool{}
		for _, t := range p.contents.Theories {
			ids[t.ID] = true
		}
		for _, c := range p.contents.CMOCs {
			name := export.NoTheory
			for _, t := range p.contents.Theories {
				if t.ID == c.TheoryID {
					name = t.Name
				}
			}
			if all || name == key {
				for _, id := range c.Fragments {
					inTheory[id] = true
				}
			}
		}
		return func(f coding.Fragment) bool { return inTheory[f.ID] }
	}
	if all {
		return func(coding.Fragment) bool { return true }
	}
	if key == export.NoLabel {
		return func(f coding.Fragment) bool { return len(f.Labels) == 0 }
	}
	return func(f coding.Fragment) bool { return hasLabel(f, key) }
}

// newCutLabel is a list's or a table's cell: one line of text, cut with an
// ellipsis where the column is narrower.
func newCutLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// heatCell is a matrix cell: its count on a shade of the theme's primary
// colour, darker for more fragments (the number is there too, for
// greyscale print and colour-blind readers); headings bold, unshaded.
type heatCell struct {
	widget.BaseWidget
	bg    *canvas.Rectangle
	label *widget.Label
}

func newHeatCell() fyne.CanvasObject {
	c := &heatCell{bg: canvas.NewRectangle(color.Transparent), label: widget.NewLabel("")}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *heatCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.label))
}

// MinSize is a source column's width, so that the table needs no call
// per column.
func (c *heatCell) MinSize() fyne.Size {
	return fyne.NewSize(matrixCellWidth, c.label.MinSize().Height)
}

// set shows text, wrapped on words if wrap; shade > 0 tints the cell by
// shade/max.
func (c *heatCell) set(text string, shade, max int, bold bool, wrap fyne.TextWrap) {
	fill := color.Color(color.Transparent)
	if shade > 0 && max > 0 {
		r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
		alpha := 0.12 + 0.58*float64(shade)/float64(max)
		fill = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(alpha * 255)}
	}
	if c.bg.FillColor != fill {
		c.bg.FillColor = fill
		c.bg.Refresh()
	}
	if c.label.Text != text || c.label.TextStyle.Bold != bold || c.label.Wrapping != wrap {
		c.label.TextStyle.Bold = bold
		c.label.Wrapping = wrap
		c.label.SetText(text)
	}
}
