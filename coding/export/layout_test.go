package export

import (
	"slices"
	"testing"
)

// TestIDColumnOnlyWhenAsked: the cmocs and fragments tables leave out the
// internal IDs unless Options.IDs asks for them.
func TestIDColumnOnlyWhenAsked(t *testing.T) {
	for _, name := range []string{TableCMOCs, TableFragments} {
		for _, ids := range []bool{false, true} {
			tb, _, err := Build(fixture(), name, Options{IDs: ids})
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(tb.Columns, "ID"); got != ids {
				t.Errorf("%s with IDs %v: columns %q", name, ids, tb.Columns)
			}
			for _, r := range tb.Rows {
				if len(r) != len(tb.Columns) {
					t.Errorf("%s: row of %d cells under %d columns", name, len(r), len(tb.Columns))
				}
			}
		}
	}
}

// TestDOCXColumnWidths: every column is wide enough for its header's
// longest word, however little its cells hold, and the columns fill the
// line.
func TestDOCXColumnWidths(t *testing.T) {
	for _, ids := range []bool{false, true} {
		tb, _, err := Build(fixture(), TableCMOCs, Options{IDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		usable := docxPageW - 2*docxMargin
		widths := docxColumnWidths(tb, usable)
		sum := 0
		for i, w := range widths {
			sum += w
			if need := float64(longestWord(tb.Columns[i], 0))*docxMetrics.head + docxMetrics.pad; float64(w) < need {
				t.Errorf("IDs %v: column %q is %d twips, its header needs %.0f", ids, tb.Columns[i], w, need)
			}
		}
		if sum > usable || sum < usable-len(widths) {
			t.Errorf("IDs %v: columns take %d of %d twips", ids, sum, usable)
		}
	}
}
