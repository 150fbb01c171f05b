package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// matrixPanel shows the mechanism-by-source matrix (labels or theories
// down, sources across) as the export builds it; clicking a count lists
// its fragments, and clicking one of those opens it on its page.
type matrixPanel struct {
	pv       *projectView
	by       *widget.Select
	table    *widget.Table
	data     *export.Table
	cells    [][]string // header, rows, footer
	contents coding.Contents
	note     *widget.Label
	cellInfo *widget.Label
	list     *widget.List
	frags    []coding.Fragment // the fragments of the cell clicked
	names    map[string]string
	content  fyne.CanvasObject
}

func newMatrixPanel(pv *projectView) *matrixPanel {
	p := &matrixPanel{pv: pv}
	p.by = widget.NewSelect(matrixRowNames, func(string) { p.reload() })
	p.by.SetSelectedIndex(0)
	p.table = widget.NewTable(
		func() (int, int) {
			if len(p.cells) == 0 {
				return 0, 0
			}
			return len(p.cells), len(p.cells[0])
		},
		newCutLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(p.cells[id.Row][id.Col])
			bold := id.Row == 0 || id.Col == 0 || id.Row == len(p.cells)-1
			if l.TextStyle.Bold != bold {
				l.TextStyle.Bold = bold
				l.Refresh()
			}
		})
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
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Rows:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, p.by)
	bottom := container.NewBorder(container.NewVBox(p.note, widget.NewSeparator(), p.cellInfo), nil, nil, nil, p.list)
	split := container.NewVSplit(p.table, bottom)
	split.Offset = 0.6
	p.content = container.NewBorder(top, nil, nil, nil, split)
	return p
}

// reload builds the matrix again (with the export's own builder).
func (p *matrixPanel) reload() {
	if p.table == nil {
		return
	}
	c, err := p.pv.session.Contents()
	if err != nil {
		p.note.SetText(session.OneLine(err))
		return
	}
	p.contents = c
	ep := &export.Project{Title: c.Title, Documents: c.Documents, Fragments: c.Fragments, CMOCs: c.CMOCs, Theories: c.Theories, Labels: c.Labels}
	t, _, err := export.Build(ep, export.TableMatrix, export.Options{MatrixBy: matrixBy(p.by.SelectedIndex())})
	if err != nil {
		p.note.SetText(session.OneLine(err))
		return
	}
	p.data = t
	p.names = export.SourceNames(c.Documents)
	p.cells = [][]string{t.Columns}
	p.cells = append(p.cells, t.Rows...)
	p.cells = append(p.cells, t.Footer...)
	p.note.SetText(strings.Join(t.Notes, " "))
	p.table.UnselectAll()
	if len(p.cells) > 0 {
		p.table.SetColumnWidth(0, 280)
		n := len(p.cells[0])
		for i := 1; i < n; i++ {
			w := float32(190) // a source's short name
			if i >= n-2 {
				w = 110 // Total, N
			}
			if i == n-1 {
				w = 210
			}
			p.table.SetColumnWidth(i, w)
		}
	}
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
// (in the Total column or row, or on a row's name) every source's.
func (p *matrixPanel) cellSelected(id widget.TableCellID) {
	if len(p.cells) == 0 || id.Row == 0 {
		return
	}
	docs := p.contents.Documents
	docID := "" // every source
	if id.Col >= 1 && id.Col-1 < len(docs) {
		docID = docs[id.Col-1].ID
	}
	footer := id.Row > len(p.data.Rows)
	key := ""
	if !footer {
		key = rowKey(p.cells[id.Row][0])
	}
	inRow := p.rowMatcher(key, footer)
	p.frags = nil
	for _, f := range p.contents.Fragments {
		if (docID == "" || f.DocID == docID) && inRow(f) {
			p.frags = append(p.frags, f)
		}
	}
	where := "all sources"
	if docID != "" {
		where = p.names[docID]
	}
	what := key
	if footer {
		what = "all rows"
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
