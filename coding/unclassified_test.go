package coding_test

import (
	"strings"
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

func TestUnclassifiedRole(t *testing.T) {
	for _, tc := range []struct {
		in              string
		want            Role
		letter, title   string
		valid, assigned bool
	}{
		{"unclassified", Unclassified, "U", "Unclassified", true, false},
		{"U", Unclassified, "U", "Unclassified", true, false},
		{"None", Unclassified, "U", "Unclassified", true, false},
		{"context", Context, "C", "Context", true, true},
		{"o", Outcome, "O", "Outcome", true, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			r, err := ParseRole(tc.in)
			if err != nil || r != tc.want {
				t.Fatalf("ParseRole(%q) = %q, %v; want %q", tc.in, r, err, tc.want)
			}
			if r.Letter() != tc.letter || r.Title() != tc.title || r.Valid() != tc.valid || r.Classified() != tc.assigned {
				t.Errorf("%q: letter %q title %q valid %v classified %v", r, r.Letter(), r.Title(), r.Valid(), r.Classified())
			}
		})
	}
	if Role("").Valid() {
		t.Error("the zero Role is valid; a forgotten role would go unnoticed")
	}
}

func TestUnclassifiedFragmentChanges(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "Staff felt unheard after the merger.")
	f := Fragment{ID: "f1", DocID: "d1", Start: 0, End: 10, Role: Unclassified, Labels: []string{"Voice"}}
	if _, err := (AddFragment{f}).Apply(m); err != nil {
		t.Fatalf("adding an unclassified fragment: %v", err)
	}
	f.Role = Reasoning // given a role later
	undo, err := (EditFragment{Fragment: f}).Apply(m)
	if err != nil {
		t.Fatalf("giving it a role: %v", err)
	}
	if _, err := undo.Apply(m); err != nil {
		t.Fatalf("undo: %v", err)
	}
	got, err := m.Fragment("f1")
	if err != nil || got.Role != Unclassified {
		t.Errorf("after undo: %+v, %v; want unclassified", got, err)
	}
	if _, err := (AddFragment{Fragment{DocID: "d1", Start: 0, End: 5}}).Apply(m); err == nil || !strings.Contains(err.Error(), "unknown role") {
		t.Errorf("a fragment with no role at all: %v, want unknown role", err)
	}
}

func TestConfigurationLeavesOutUnclassified(t *testing.T) {
	frags := []Fragment{
		{ID: "a", Role: Context, Text: "a merger"},
		{ID: "u", Role: Unclassified, Text: "staff quit"},
		{ID: "o", Role: Outcome, Valence: Negative, Text: "turnover"},
	}
	for _, tc := range []struct {
		name  string
		frags []Fragment
		line  string
		extra []string
	}{
		{"mixed", frags, "a merger (C) → … (M, Resource) → … (M, Reasoning) → turnover (O−)", []string{"u"}},
		{"only unclassified", frags[1:2], "… (C) → … (M, Resource) → … (M, Reasoning) → … (O)", []string{"u"}},
		{"none unclassified", []Fragment{frags[0]}, "a merger (C) → … (M, Resource) → … (M, Reasoning) → … (O)", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Configuration(tc.frags); got != tc.line {
				t.Errorf("Configuration = %q, want %q", got, tc.line)
			}
			var ids []string
			for _, f := range WithoutRole(tc.frags) {
				ids = append(ids, f.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.extra, ",") {
				t.Errorf("WithoutRole = %q, want %q", ids, tc.extra)
			}
		})
	}
}

func TestAgreementUnclassified(t *testing.T) {
	frag := func(coder string, role Role, start, end int) Fragment {
		return Fragment{DocID: "d", Coder: coder, Role: role, Start: start, End: end}
	}
	for _, tc := range []struct {
		name               string
		frags              []Fragment
		row                bool // whether an Unclassified row is given
		both, onlyA, onlyB int
	}{
		{"both left it unclassified", []Fragment{frag("A", Unclassified, 0, 3), frag("B", Unclassified, 0, 3)}, true, 3, 0, 0},
		{"one classified it", []Fragment{frag("A", Unclassified, 0, 3), frag("B", Context, 0, 3)}, true, 0, 3, 0},
		{"no one left anything unclassified", []Fragment{frag("A", Context, 0, 3)}, false, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := CompareCoders("d", "abc def", tc.frags, "A", "B")
			var got *Agreement
			for i, r := range rows {
				if r.Role == Unclassified {
					got = &rows[i]
				}
			}
			if (got != nil) != tc.row {
				t.Fatalf("Unclassified row given: %v, want %v (%+v)", got != nil, tc.row, rows)
			}
			if got != nil && (got.Both != tc.both || got.OnlyA != tc.onlyA || got.OnlyB != tc.onlyB) {
				t.Errorf("got %+v, want both %d onlyA %d onlyB %d", *got, tc.both, tc.onlyA, tc.onlyB)
			}
			if len(rows) < len(Roles) {
				t.Errorf("%d rows, want at least one per role", len(rows))
			}
		})
	}
}
