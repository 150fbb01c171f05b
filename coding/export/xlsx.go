package export

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCell is the most characters an Excel cell holds.
const maxCell = 32767

// xlsxPageChars is how many characters of the default type fit across
// landscape A4 inside side margins of half an inch, with the cells'
// padding to spare: Excel counts column widths in digits of Calibri 11, 7
// pixels each. (A reader without Calibri or its metric twin Carlito
// counts wider digits and prints the last columns on a page of their own.)
const xlsxPageChars = 120

// xlsxMargins are Excel's own but for the sides, in inches.
var xlsxMargins = &excelize.PageLayoutMarginsOptions{Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3)}

func ptr[T any](v T) *T { return &v }

// WriteXLSX writes t as an Excel workbook with one sheet named after the
// table: a bold header row frozen at the top, wrapped text, numbers as
// numbers, the footer in bold and the notes below. The sheet prints on A4
// in landscape at full size, its header row repeated on every page; the
// columns share the page's width (fitColumns) unless their words need
// more, when the sheet prints across pages rather than shrink to a
// page.
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
	landscape, a4 := "landscape", 9
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, xlsxMargins); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1", Scope: sheet}); err != nil {
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
	widths, _ := fitColumns(t, xlsxPageChars, widthMetrics{head: 1.2, cell: 1.05, pad: 1})
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
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

// wordChars is the longest word a column is made wide enough for: longer
// ones (a URL, an ID) may break.
const wordChars = 14

// fitColumns shares a usable width among a table's columns, in the unit
// of the metrics m. Each column first gets what its longest word needs,
// the header's and the cells' (up to wordChars), so that no word breaks
// letter by letter ("Labels" in a sliver of a column); if that is too
// much, only the header's words are kept whole. The spare width goes by
// how much text each column holds (columnWidth). fits is false when even
// the headers need more than usable; the widths are then just theirs.
func fitColumns(t *Table, usable float64, m widthMetrics) (widths []float64, fits bool) {
	n := len(t.Columns)
	head := make([]float64, n)
	cells := make([]float64, n)
	weights := make([]float64, n)
	sumHead, sumBoth, sumWeights := 0.0, 0.0, 0.0
	for i := range t.Columns {
		chars := 0
		for j, row := range t.Rows {
			if j >= 200 {
				break
			}
			if i < len(row) {
				chars = max(chars, longestWord(row[i], wordChars))
			}
		}
		head[i] = float64(longestWord(t.Columns[i], 0))*m.head + m.pad
		cells[i] = max(head[i], float64(chars)*m.cell+m.pad)
		weights[i] = columnWidth(t, i)
		sumHead += head[i]
		sumBoth += cells[i]
		sumWeights += weights[i]
	}
	least, sum := cells, sumBoth
	if sumBoth > usable {
		least, sum = head, sumHead
	}
	if sum > usable {
		return least, false
	}
	widths = make([]float64, n)
	for i := range widths {
		widths[i] = least[i] + (usable-sum)*weights[i]/sumWeights
	}
	return widths, true
}

// widthMetrics say how wide a character of a header and of a cell is,
// and a cell's margins, in the unit of a format's column widths. They
// are generous: a reader without the document's font (Calibri) shows it
// in a wider one (LibreOffice on Linux: DejaVu Sans).
type widthMetrics struct{ head, cell, pad float64 }

// longestWord is the length in characters of the longest word of s, words
// ending at spaces and hyphens (which stay with the word before); at most
// limit when limit > 0.
func longestWord(s string, limit int) int {
	longest := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		longest = max(longest, utf8.RuneCountInString(w)+1)
	}
	if limit > 0 {
		return min(longest, limit)
	}
	return longest
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
