package export

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes t as RFC 4180 CSV in UTF-8: the header, the rows, then
// the footer rows. Cells keep their line breaks (quoted).
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	for _, rows := range [][][]string{t.Rows, t.Footer} {
		if err := cw.WriteAll(rows); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
