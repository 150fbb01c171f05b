package export

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCell is the most characters an Excel cell holds.
const maxCell = 32767

// WriteXLSX writes t as an Excel workbook with one sheet named after the
// table: a bold header row frozen at the top, wrapped text, numbers as
// numbers, the footer in bold and the notes below. The sheet prints in
// landscape, fitted to the page width.
func WriteXLSX(w io.Writer, t *Table) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	sheet := t.Name
	if sheet == "" {
		sheet = "Table"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	landscape, one, zero, fit := "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	align := &excelize.Alignment{WrapText: true, Vertical: "top"}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: align,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}}})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: align})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: align})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := make([]float64, len(t.Columns))
	for i := range t.Columns {
		widths[i] = 12.0
		if !(i < len(t.Numeric) && t.Numeric[i]) {
			widths[i] = columnWidth(t, i)
		}
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	r := 1
	put := func(cells []string, style int) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			var v any = truncate(c)
			if i < len(t.Numeric) && t.Numeric[i] {
				if n, err := strconv.Atoi(c); err == nil {
					v = n
				}
			}
			vals[i] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		r++
		// Readers do not all fit rows to wrapped text: give each row the
		// height its longest cell needs.
		return sw.SetRow(cell, vals, excelize.RowOpts{Height: rowHeight(cells, widths)})
	}
	if err := put(t.Columns, head); err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := put(row, body); err != nil {
			return err
		}
	}
	for _, row := range t.Footer {
		if err := put(row, bold); err != nil {
			return err
		}
	}
	if len(t.Notes) > 0 {
		r++
		for _, n := range t.Notes {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			r++
			if err := sw.SetRow(cell, []any{n}); err != nil {
				return err
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// columnWidth sizes a text column to its content: between its header's
// length and 60 characters, judged from the first rows.
func columnWidth(t *Table, col int) float64 {
	longest := 0
	for _, w := range strings.Fields(t.Columns[col]) { // headers wrap at spaces
		longest = max(longest, utf8.RuneCountInString(w))
	}
	for i, row := range t.Rows {
		if i >= 200 {
			break
		}
		if col < len(row) {
			if n := utf8.RuneCountInString(row[col]); n > longest {
				longest = n
			}
		}
	}
	return float64(min(max(longest+2, 6), 60))
}

// rowHeight estimates the height in points a row of wrapped cells needs.
func rowHeight(cells []string, widths []float64) float64 {
	lines := 1
	for i, c := range cells {
		if i >= len(widths) || c == "" {
			continue
		}
		per := max(int(widths[i]*1.05), 1) // characters a line holds, roughly
		n := 0
		for _, l := range strings.Split(c, "\n") {
			n += max((utf8.RuneCountInString(l)+per-1)/per, 1)
		}
		lines = max(lines, n)
	}
	return min(15*float64(lines)+3, 409) // Excel's tallest row
}

func truncate(s string) string {
	if len(s) <= maxCell {
		return s
	}
	r := []rune(s)
	if len(r) <= maxCell {
		return s
	}
	return string(r[:maxCell-1]) + "…"
}
