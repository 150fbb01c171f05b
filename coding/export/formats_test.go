package export

import (
	"bytes"
	"testing"
)

// TestEveryFormatWrites: each name in Formats (what the CLI and the
// Export dialog offer) has a writer, and it writes something.
func TestEveryFormatWrites(t *testing.T) {
	tb := &Table{Name: "codebook", Title: "Codebook", Columns: []string{"Label", "Fragments"}, Numeric: []bool{false, true}, Rows: [][]string{{"Leadership", "3"}}}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Write(&buf, tb, format); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", format, buf.Len(), err)
		}
	}
}
