package export

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestCiteNumbered: with Cite numbered every table names a source by its
// number in the reference list, which is ordered by author and year; the
// reference list shows the numbers in that order.
func TestCiteNumbered(t *testing.T) {
	// fixture: d1 Agyeman-Duah et al. 2014 [1], d2 Smith 2019 [3], d3
	// "Nothing coded here" [2] (named by its title, which sorts before Smith).
	for _, c := range []struct {
		table, want string
	}{
		{TableCMOCs, "[1], pp. 5, 6; [3], p. 2"},
		{TableFragments, "[3]|2|20|25|Outcome"},
		{TableMatrix, "[3]"},
		{TableSources, "[1]"},
		{TableContributions, "[2]"},
	} {
		tb, _, err := Build(fixture(), c.table, Options{Cite: CiteNumbered})
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(tb.Columns, "|")
		for _, r := range tb.Rows {
			all += "\n" + strings.Join(r, "|")
		}
		if !strings.Contains(all, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.table, c.want, all)
		}
		if strings.Contains(all, "Agyeman-Duah et al. 2014") {
			t.Errorf("%s still cites by author and year:\n%s", c.table, all)
		}
		if !strings.Contains(strings.Join(tb.Notes, " "), "number in the reference list") {
			t.Errorf("%s has no note on the numbers: %q", c.table, tb.Notes)
		}
	}
	refs, _, err := Build(fixture(), TableReferences, Options{Cite: CiteNumbered})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range refs.Rows {
		got = append(got, r[0]+" "+r[1])
	}
	want := "[1] Leadership in Malawi|[2] Nothing coded here|[3] Hospital mergers"
	if strings.Join(got, "|") != want {
		t.Errorf("references %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestCiteAuthorYear: the default and "author-year" name sources by
// author and year; an unknown style is an error naming the styles.
func TestCiteAuthorYear(t *testing.T) {
	for _, style := range []string{"", CiteAuthorYear} {
		tb, _, err := Build(fixture(), TableSources, Options{Cite: style})
		if err != nil {
			t.Fatal(err)
		}
		if tb.Rows[0][0] != "Agyeman-Duah et al. 2014" {
			t.Errorf("style %q: source %q", style, tb.Rows[0][0])
		}
	}
	if _, _, err := Build(fixture(), TableSources, Options{Cite: "vancouver"}); err == nil || !strings.Contains(err.Error(), "author-year or numbered") {
		t.Errorf("unknown style: %v", err)
	}
}

// TestCitationsSuffixes: two sources of the same first author and year
// get a and b, in author-year and in the numbered style's order.
func TestCitationsSuffixes(t *testing.T) {
	docs := []coding.Document{
		{ID: "x", Authors: "Tully, M.; Smith, A.; Jones, B.", Year: "2010"},
		{ID: "y", Authors: "Tully, M.; Brown, C.; Green, D.", Year: "2010"},
		{ID: "z", Authors: "Smith, J.; Jones, K.", Year: "2019"},
	}
	ay, err := Citations(docs, CiteAuthorYear)
	if err != nil {
		t.Fatal(err)
	}
	if ay["x"] != "Tully et al. 2010a" || ay["y"] != "Tully et al. 2010b" || ay["z"] != "Smith and Jones 2019" {
		t.Errorf("author-year %q", ay)
	}
	num, err := Citations(docs, CiteNumbered)
	if err != nil {
		t.Fatal(err)
	}
	if num["z"] != "[1]" || num["x"] != "[2]" || num["y"] != "[3]" {
		t.Errorf("numbered %q", num)
	}
}
