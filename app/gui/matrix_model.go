package gui

import (
	"slices"
	"strconv"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// matrixModel is the matrix as the Matrix tab lays it out: the export's
// counts (one rule for what a cell counts) re-arranged for reading on a
// screen at 500 sources. The row names, N and Total come first so that
// they stay put while the sources scroll; the totals row sits under the
// header for the same reason. It can be sorted by total, have its
// sources filtered and be transposed (sources down). It holds no Fyne
// object, so it is tested without a window.
type matrixModel struct {
	rowHead string   // "Mechanism" or "Programme theory"
	rowKeys []string // label or theory names, as export.Table rows name them
	docs    []coding.Document
	short   map[string]string // a document's short name by ID
	counts  [][]int           // [row][document], in the export's order

	// What the reader chose.
	sortByTotal bool
	transpose   bool
	filter      string // sources whose short name or title holds it

	// The layout those make: indices into rowKeys and docs.
	rows, cols []int
	max        int // the largest count shown, for the shading
}

// newMatrixModel reads the counts of an export matrix whose source
// columns are docs in order (then Total and N).
func newMatrixModel(t *export.Table, docs []coding.Document) *matrixModel {
	m := &matrixModel{rowHead: t.Columns[0], docs: docs, short: export.SourceNames(docs)}
	for _, r := range t.Rows {
		m.rowKeys = append(m.rowKeys, rowKey(r[0]))
		counts := make([]int, len(docs))
		for i := range docs {
			if 1+i < len(r) {
				counts[i], _ = strconv.Atoi(r[1+i])
			}
		}
		m.counts = append(m.counts, counts)
	}
	m.arrange()
	return m
}

// arrange lays the matrix out again after a choice changed.
func (m *matrixModel) arrange() {
	m.rows = m.rows[:0]
	for r := range m.rowKeys {
		m.rows = append(m.rows, r)
	}
	m.cols = m.cols[:0]
	f := strings.ToLower(strings.TrimSpace(m.filter))
	for i, d := range m.docs {
		if f == "" || strings.Contains(strings.ToLower(m.short[d.ID]), f) || strings.Contains(strings.ToLower(d.Title), f) {
			m.cols = append(m.cols, i)
		}
	}
	if m.sortByTotal {
		rowTotal := func(r int) int { return m.count(r, -1) }
		colTotal := func(doc int) int { return m.count(-1, doc) }
		slices.SortStableFunc(m.rows, func(a, b int) int { return rowTotal(b) - rowTotal(a) })
		slices.SortStableFunc(m.cols, func(a, b int) int { return colTotal(b) - colTotal(a) })
	}
	m.max = 0
	for _, r := range m.rows {
		for _, c := range m.cols {
			m.max = max(m.max, m.counts[r][c])
		}
	}
}

// The fixed columns before the counts: the name, N and Total.
const (
	matrixNameCol = iota
	matrixNCol
	matrixTotalCol
	matrixFixedCols
)

// The fixed rows above the counts: the header and the totals.
const (
	matrixHeadRow = iota
	matrixTotalRow
	matrixFixedRows
)

// down and across are the shown rows and columns: labels down and
// sources across, or the other way when transposed.
func (m *matrixModel) down() int {
	if m.transpose {
		return len(m.cols)
	}
	return len(m.rows)
}

func (m *matrixModel) across() int {
	if m.transpose {
		return len(m.rows)
	}
	return len(m.cols)
}

// size is the table's rows and columns.
func (m *matrixModel) size() (rows, cols int) {
	return matrixFixedRows + m.down(), matrixFixedCols + m.across()
}

// at says which label/theory row and which document a shown cell is
// about: r < 0 for the totals (every row), doc < 0 for every source.
func (m *matrixModel) at(row, col int) (r, doc int) {
	r, doc = -1, -1
	down, across := row-matrixFixedRows, col-matrixFixedCols
	if m.transpose {
		down, across = across, down
	}
	if down >= 0 && down < len(m.rows) {
		r = m.rows[down]
	}
	if across >= 0 && across < len(m.cols) {
		doc = m.cols[across]
	}
	return r, doc
}

// count is the fragments counted at label row r and document doc, each
// -1 for all of those shown.
func (m *matrixModel) count(r, doc int) int {
	rows, docs := m.rows, m.cols
	if r >= 0 {
		rows = []int{r}
	}
	if doc >= 0 {
		docs = []int{doc}
	}
	n := 0
	for _, i := range rows {
		for _, j := range docs {
			n += m.counts[i][j]
		}
	}
	return n
}

// name is the name of the i-th line down (down) or across.
func (m *matrixModel) name(i int, down bool) string {
	if down != m.transpose {
		return m.rowKeys[m.rows[i]]
	}
	return m.short[m.docs[m.cols[i]].ID]
}

// cell is what a shown cell says, and the count that shades it (-1 for
// headings and totals, which are not shaded).
func (m *matrixModel) cell(row, col int) (text string, shade int) {
	switch {
	case row == matrixHeadRow:
		switch col {
		case matrixNameCol:
			if m.transpose {
				return "Source \\ " + m.rowHead, -1
			}
			return m.rowHead + " \\ Source", -1
		case matrixNCol:
			return "N", -1
		case matrixTotalCol:
			return "Total", -1
		}
		return m.name(col-matrixFixedCols, false), -1
	case col == matrixNameCol && row == matrixTotalRow:
		return "Total", -1
	case col == matrixNameCol:
		return m.name(row-matrixFixedRows, true), -1
	case col == matrixNCol && row == matrixTotalRow:
		return "", -1
	case col == matrixNCol:
		n := 0
		for i := range m.across() {
			if m.count(m.at(row, matrixFixedCols+i)) > 0 {
				n++
			}
		}
		return strconv.Itoa(n), -1
	}
	n := m.count(m.at(row, col))
	if row == matrixTotalRow || col == matrixTotalCol {
		return strconv.Itoa(n), -1
	}
	if n == 0 {
		return "", 0
	}
	return strconv.Itoa(n), n
}
