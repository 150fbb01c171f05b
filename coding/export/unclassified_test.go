package export

import (
	"strconv"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// unclassifiedFixture is fixture() with an unclassified fragment ticked
// into the first CMOC.
func unclassifiedFixture() *Project {
	p := fixture()
	p.Fragments = append(p.Fragments, coding.Fragment{ID: "u1", DocID: "d2", Page: 4, Start: 40, End: 45,
		Role: coding.Unclassified, Text: "nurses resigned", Labels: []string{"Voice"}, Coder: "ana"})
	p.CMOCs[0].Fragments = append(p.CMOCs[0].Fragments, "u1")
	return p
}

func TestUnclassifiedInTables(t *testing.T) {
	p := unclassifiedFixture()
	cell := func(tb *Table, row int, name string) string {
		for i, c := range tb.Columns {
			if c == name {
				return tb.Rows[row][i]
			}
		}
		t.Fatalf("%s: no column %q", tb.Name, name)
		return ""
	}
	cmocs, _, err := Build(p, TableCMOCs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	frags, _, err := Build(p, TableFragments, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"CMOC notes", cell(cmocs, 0, "Notes"), "unclassified evidence: nurses resigned (Smith 2019, p. 4)"},
		{"CMOC outcome keeps only the outcome", cell(cmocs, 0, "Outcome"), strings.Join(strings.Fields(tricky), " ") + " (O−)"},
		{"CMOC sources cite it", cell(cmocs, 0, "Supporting sources"), "Agyeman-Duah et al. 2014, pp. 5, 6; Smith 2019, pp. 2, 4"},
		{"fragment role", cell(frags, len(frags.Rows)-1, "Role"), "Unclassified"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
	if c := cmocs.Theories[0].Boxes[0].Configuration; strings.Contains(c, "nurses") {
		t.Errorf("configuration %q holds the unclassified fragment", c)
	}
	// The matrix counts the unclassified fragment under its label.
	m, _, err := Build(p, TableMatrix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := Build(fixture(), TableMatrix, Options{})
	if got, was := voiceTotal(t, m), voiceTotal(t, before); got != was+1 {
		t.Errorf("Voice total %d, want %d (one more, the unclassified fragment)", got, was+1)
	}
	if notes := strings.Join(m.Notes, " "); !strings.Contains(notes, "1 fragment is unclassified") {
		t.Errorf("matrix notes %q do not say how many fragments are unclassified", notes)
	}
	if notes := strings.Join(before.Notes, " "); strings.Contains(notes, "unclassified") {
		t.Errorf("matrix notes %q speak of unclassified fragments in a project without any", notes)
	}
}

// voiceTotal is the matrix's total for the label Voice.
func voiceTotal(t *testing.T, m *Table) int {
	t.Helper()
	for _, r := range m.Rows {
		if strings.HasPrefix(r[0], "Voice ") {
			for i, c := range m.Columns {
				if c == "Total" {
					n, err := strconv.Atoi(r[i])
					if err != nil {
						t.Fatal(err)
					}
					return n
				}
			}
		}
	}
	t.Fatalf("no Voice row with a Total in %q / %q", m.Columns, m.Rows)
	return 0
}
