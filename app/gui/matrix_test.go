package gui

import (
	"fmt"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// shownMatrix waits for the Matrix tab's background load and returns the
// text of every cell the table shows, as a reader sees it.
func shownMatrix(t *testing.T, p *matrixPanel) [][]string {
	t.Helper()
	settle(t, &p.loader)
	if p.model == nil {
		t.Fatal("the matrix was not built")
	}
	return modelCells(p.model)
}

func modelCells(m *matrixModel) [][]string {
	rows, cols := m.size()
	out := make([][]string, rows)
	for r := range out {
		out[r] = make([]string, cols)
		for c := range out[r] {
			out[r][c], _ = m.cell(r, c)
		}
	}
	return out
}

// A matrix of 2 labels by 3 sources, as the export builds it.
func smallMatrix() *matrixModel {
	docs := []coding.Document{
		{ID: "a", Title: "Alpha trial", Authors: "Ames", Year: "2001"},
		{ID: "b", Title: "Beta study", Authors: "Bell", Year: "2002"},
		{ID: "c", Title: "Gamma review", Authors: "Cole", Year: "2003"},
	}
	t := &export.Table{
		Columns: []string{"Mechanism", "x", "y", "z", "Total", "N (sources with evidence)"},
		Rows: [][]string{
			{"Leadership (N = 2)", "1", "0", "3", "4", "2"},
			{"Trust (N = 3)", "2", "5", "1", "8", "3"},
		},
	}
	return newMatrixModel(t, docs)
}

func TestMatrixModelLayouts(t *testing.T) {
	names := export.SourceNames(smallMatrix().docs)
	a, b, c := names["a"], names["b"], names["c"]
	cases := []struct {
		name   string
		change func(m *matrixModel)
		want   [][]string
	}{
		{"as exported", func(*matrixModel) {}, [][]string{
			{`Mechanism \ Source`, "N", "Total", a, b, c},
			{"Total", "", "12", "3", "5", "4"},
			{"Leadership", "2", "4", "1", "", "3"},
			{"Trust", "3", "8", "2", "5", "1"},
		}},
		{"sorted by total", func(m *matrixModel) { m.sortByTotal = true }, [][]string{
			{`Mechanism \ Source`, "N", "Total", b, c, a},
			{"Total", "", "12", "5", "4", "3"},
			{"Trust", "3", "8", "5", "1", "2"},
			{"Leadership", "2", "4", "", "3", "1"},
		}},
		{"sources down", func(m *matrixModel) { m.transpose = true }, [][]string{
			{`Source \ Mechanism`, "N", "Total", "Leadership", "Trust"},
			{"Total", "", "12", "4", "8"},
			{a, "2", "3", "1", "2"},
			{b, "1", "5", "", "5"},
			{c, "2", "4", "3", "1"},
		}},
		{"filtered by title", func(m *matrixModel) { m.filter = "gamma" }, [][]string{
			{`Mechanism \ Source`, "N", "Total", c},
			{"Total", "", "4", "4"},
			{"Leadership", "1", "3", "3"},
			{"Trust", "1", "1", "1"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := smallMatrix()
			tc.change(m)
			m.arrange()
			if got := modelCells(m); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cells\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// At 500 sources the table needs no call per column (each was a full
// refresh: 8 s frozen), and the row names, N and Total stay in view
// while the sources scroll.
func TestMatrixAt500Sources(t *testing.T) {
	var docs []coding.Document
	cols := []string{"Mechanism"}
	row := []string{"Trust (N = 500)"}
	for i := range 500 {
		docs = append(docs, coding.Document{ID: fmt.Sprint("d", i), Title: fmt.Sprint("Study ", i), Authors: fmt.Sprint("Author", i), Year: "2020"})
		cols = append(cols, "x")
		row = append(row, fmt.Sprint(i%7))
	}
	tb := &export.Table{Columns: append(cols, "Total", "N"), Rows: [][]string{row}}
	m := newMatrixModel(tb, docs)
	if r, c := m.size(); r != 3 || c != 503 {
		t.Errorf("size %d×%d", r, c)
	}
	if text, shade := m.cell(2, matrixFixedCols+6); text != "6" || shade != 6 || m.max != 6 {
		t.Errorf("cell %q shade %d of max %d", text, shade, m.max)
	}

	ws, w := openWorkspace(t)
	ws.pv.showTab("Matrix")
	p := ws.pv.tabsView.matrix
	shownMatrix(t, p)
	p.show(coding.Contents{Documents: docs}, tb, m)
	p.table.ScrollTo(widget.TableCellID{Row: 2, Col: 502})
	w.Canvas().Refresh(p.table)
	seen := map[string]bool{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if c, ok := o.(*heatCell); ok {
			seen[c.label.Text] = true
		}
		if c, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(c).Objects() {
				walk(k)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
	}
	walk(p.table)
	last := m.short[docs[499].ID]
	for _, want := range []string{"Trust", "Total", "N", last} {
		if !seen[want] {
			t.Errorf("scrolled to the last source, the table does not show %q", want)
		}
	}
	if seen[m.short[docs[0].ID]] {
		t.Error("the first source is still shown after scrolling to the last")
	}
}
