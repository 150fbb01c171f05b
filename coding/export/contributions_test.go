package export

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// Each cell marks the roles a source gives the CMOC evidence for, in
// configuration order and once each; N counts the CMOC's sources, and the
// footer how many CMOCs each source supports.
func TestContributionTable(t *testing.T) {
	p := fixture()
	// A second resource fragment of d1 (the role is marked once) and
	// unclassified evidence of d2 in c1.
	p.Fragments = append(p.Fragments,
		coding.Fragment{ID: "f6", DocID: "d1", Page: 7, Role: coding.Resource, Text: "more"},
		coding.Fragment{ID: "f7", DocID: "d2", Page: 4, Role: coding.Unclassified, Text: "aside"})
	p.CMOCs[0].Fragments = append(p.CMOCs[0].Fragments, "f6", "f7")
	tb, _, err := Build(p, TableContributions, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"CMOC", "Programme theory", "Statement", "Agyeman-Duah et al. 2014", "Smith 2019", "Nothing coded here", "N (sources)"}
	if !reflect.DeepEqual(tb.Columns, wantCols) {
		t.Errorf("columns %q, want %q", tb.Columns, wantCols)
	}
	want := [][]string{
		{"1", "Inspiring intent", "Mergers → overruled staff disengage", "C, Mres, Mrea", "O, U", "", "2"},
		{"2", NoTheory, "Lost evidence", "", "C", "", "1"},
	}
	if !reflect.DeepEqual(tb.Rows, want) {
		t.Errorf("rows\n%q\nwant\n%q", tb.Rows, want)
	}
	if foot := []string{"CMOCs supported", "", "", "1", "2", "0", ""}; !reflect.DeepEqual(tb.Footer, [][]string{foot}) {
		t.Errorf("footer %q, want %q", tb.Footer, foot)
	}
}
