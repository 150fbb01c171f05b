package coding

import (
	"math"
	"testing"
)

func TestCompareCoders(t *testing.T) {
	frag := func(coder string, role Role, start, end int) Fragment {
		return Fragment{DocID: "d", Coder: coder, Role: role, Start: start, End: end}
	}
	tests := []struct {
		name                      string
		text                      string
		frags                     []Fragment
		units, both, onlyA, onlyB int
		percent, kappa            float64
		overlap                   float64 // -1: undefined
	}{
		{"same span", "abc def", []Fragment{frag("A", Context, 0, 3), frag("B", Context, 0, 3)},
			6, 3, 0, 0, 1, 1, 1},
		{"disjoint spans", "abc def", []Fragment{frag("A", Context, 0, 3), frag("B", Context, 4, 7)},
			6, 0, 3, 3, 0, -1, 0},
		{"a trailing space is not disagreement", "abc def", []Fragment{frag("A", Context, 0, 3), frag("B", Context, 0, 4)},
			6, 3, 0, 0, 1, 1, 1},
		{"a coder's overlapping fragments count once", "abc def", []Fragment{
			frag("A", Context, 0, 3), frag("A", Context, 1, 5), frag("B", Context, 0, 3)},
			6, 3, 1, 0, 5.0 / 6, 2.0 / 3, 0.75},
		{"neither coded the role", "abc def", nil,
			6, 0, 0, 0, 1, 1, -1},
		{"kappa corrects for chance", "abcdefghij", []Fragment{frag("A", Context, 0, 5), frag("B", Context, 2, 6)},
			10, 3, 2, 1, 0.7, 0.4, 0.5},
		{"other roles, coders and documents are not counted", "abc def", []Fragment{
			frag("A", Context, 0, 3), frag("B", Context, 0, 3), frag("B", Outcome, 4, 7), frag("C", Context, 4, 7),
			{DocID: "other", Coder: "A", Role: Context, Start: 4, End: 7}},
			6, 3, 0, 0, 1, 1, 1},
		{"offsets are code points; separators and spaces are not units", "éé\fü😀 x", []Fragment{
			frag("A", Context, 0, 5), frag("B", Context, 3, 7)},
			5, 2, 2, 1, 0.4, -4.0 / 11, 0.4},
		{"a span past the end is clipped", "abc", []Fragment{frag("A", Context, 1, 99), frag("B", Context, 0, 3)},
			3, 2, 0, 1, 2.0 / 3, 0, 2.0 / 3},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := CompareCoders("d", tc.text, tc.frags, "A", "B")
			if len(rows) != len(Roles) {
				t.Fatalf("%d rows, want one per role", len(rows))
			}
			var got Agreement
			for _, r := range rows {
				if r.Role == Context {
					got = r
				} else if r.Both+r.OnlyA+r.OnlyB > 0 && tc.name != "other roles, coders and documents are not counted" {
					t.Errorf("%s: %+v, want nothing coded", r.Role, r)
				}
			}
			if got.Units != tc.units || got.Both != tc.both || got.OnlyA != tc.onlyA || got.OnlyB != tc.onlyB {
				t.Errorf("got units %d both %d onlyA %d onlyB %d, want %d %d %d %d",
					got.Units, got.Both, got.OnlyA, got.OnlyB, tc.units, tc.both, tc.onlyA, tc.onlyB)
			}
			if !near(got.Percent(), tc.percent) {
				t.Errorf("percent %v, want %v", got.Percent(), tc.percent)
			}
			if !near(got.Kappa(), tc.kappa) {
				t.Errorf("kappa %v, want %v", got.Kappa(), tc.kappa)
			}
			ov, ok := got.Overlap()
			if tc.overlap < 0 && ok || tc.overlap >= 0 && (!ok || !near(ov, tc.overlap)) {
				t.Errorf("overlap %v %v, want %v", ov, ok, tc.overlap)
			}
		})
	}
}

func TestAgreementPooled(t *testing.T) {
	var total Agreement
	total.Add(Agreement{Units: 10, Both: 3, OnlyA: 2, OnlyB: 1})
	total.Add(Agreement{Units: 6, Both: 0, OnlyA: 0, OnlyB: 0})
	if total.Units != 16 || total.Both != 3 || total.Neither() != 10 {
		t.Errorf("pooled %+v (neither %d)", total, total.Neither())
	}
	if got := total.Percent(); math.Abs(got-13.0/16) > 1e-9 {
		t.Errorf("pooled percent %v", got)
	}
}
