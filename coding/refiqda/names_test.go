package refiqda

import (
	"fmt"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestLabelNames: the names an import gives labels are unique under
// coding.NameKey (so no two codes become one label because of a space or a
// capital), qualified by their parents and numbered as before.
func TestLabelNames(t *testing.T) {
	type code struct {
		name    string
		parents []string
	}
	for _, c := range []struct {
		name  string
		codes []code
		want  []string
	}{
		{"numbered after the parents' path",
			[]code{{"Child", []string{"Parent"}}, {"Child", []string{"Parent"}}, {"Child", []string{"Parent"}}, {"child", []string{"Parent"}}},
			[]string{"Child", "Parent / Child", "Parent / Child (2)", "Parent / child (3)"}},
		{"surrounding space is no new name",
			[]code{{"Trust", nil}, {" trust ", nil}, {"TRUST\t", []string{"Themes "}}},
			[]string{"Trust", "trust (2)", "Themes / TRUST"}},
		{"a blank name is unnamed",
			[]code{{"", nil}, {"   ", nil}, {"Unnamed code", nil}},
			[]string{"Unnamed code", "Unnamed code (2)", "Unnamed code (3)"}},
		{"a numbered name already taken is skipped",
			[]code{{"Theme (2)", nil}, {"Theme", nil}, {"Theme", nil}, {"Theme", nil}},
			[]string{"Theme (2)", "Theme", "Theme (3)", "Theme (4)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ln := newLabelNames()
			for i, cd := range c.codes {
				if got := ln.take(cd.name, cd.parents); got != c.want[i] {
					t.Errorf("code %d %q under %q: %q, want %q", i, cd.name, cd.parents, got, c.want[i])
				}
			}
		})
	}
}

// sameNamedChildren is a codebook of one parent with n children of one
// name, as a hostile or careless file has them.
func sameNamedChildren(n int) []Code {
	kids := make([]Code, n)
	for i := range kids {
		kids[i] = Code{GUID: fmt.Sprintf("%08x-0000-4000-8000-000000000000", i), Name: "Child", Codable: true}
	}
	return []Code{{GUID: "ffffffff-0000-4000-8000-000000000000", Name: "Parent", Codable: true, Children: kids}}
}

// TestMapCodesManyChildrenOneName: 100,000 codes of one name under one
// parent get 100,000 distinct names, "Parent / Child (2)" ... in order,
// each found with a bounded number of tries (numbering from 2 every time
// took n²/2: an hour for these).
func TestMapCodesManyChildrenOneName(t *testing.T) {
	const n = 100_000
	cs := sameNamedChildren(n)
	ln := newLabelNames()
	seen := map[string]bool{}
	var walk func(cs []Code, parents []string)
	walk = func(cs []Code, parents []string) {
		for _, c := range cs {
			name := ln.take(c.Name, parents)
			if seen[coding.NameKey(name)] {
				t.Fatalf("%q handed out twice", name)
			}
			seen[coding.NameKey(name)] = true
			walk(c.Children, append(parents, c.Name))
		}
	}
	walk(cs, nil)
	if len(seen) != n+1 {
		t.Errorf("%d names for %d codes", len(seen), n+1)
	}
	if ln.tried > 2*n {
		t.Errorf("%d numbered names tried for %d codes of one name", ln.tried, n)
	}
	_, labels := MapCodes(cs)
	for i, want := range map[int]string{0: "Parent", 1: "Child", 2: "Parent / Child", 3: "Parent / Child (2)", 4: "Parent / Child (3)", n: fmt.Sprintf("Parent / Child (%d)", n-1)} {
		if labels[i].Name != want {
			t.Errorf("label %d: %q, want %q", i, labels[i].Name, want)
		}
	}
}

// TestMapCodesNameKey: codes whose names differ only by surrounding space
// or case become distinct labels (the codebook would take " trust " for
// "Trust" and merge their passages), and a blank name is "Unnamed code"
// (a label of spaces is refused, failing the whole import).
func TestMapCodesNameKey(t *testing.T) {
	_, labels := MapCodes([]Code{{Name: "Trust"}, {Name: " trust "}, {Name: "   "}, {Name: "Themes", Children: []Code{{Name: "TRUST\t"}}}})
	var got []string
	for _, l := range labels {
		got = append(got, l.Name)
	}
	want := []string{"Trust", "trust (2)", "Unnamed code", "Themes", "Themes / TRUST"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("labels %q, want %q", got, want)
	}
}
