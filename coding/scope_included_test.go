package coding

import "testing"

// A scope of included sources searches only the documents whose decision
// is include, within the documents given if any.
func TestScopeKeepsDocument(t *testing.T) {
	doc := func(id string, d Decision) Document {
		x := Document{ID: id}
		x.Decision = d
		return x
	}
	in, out, open := doc("a", Include), doc("b", Exclude), doc("c", Undecided)
	cases := []struct {
		name  string
		scope Scope
		doc   Document
		want  bool
	}{
		{"everywhere, included", Scope{}, in, true},
		{"everywhere, excluded", Scope{}, out, true},
		{"everywhere, undecided", Scope{}, open, true},
		{"included only, included", Scope{Included: true}, in, true},
		{"included only, excluded", Scope{Included: true}, out, false},
		{"included only, undecided", Scope{Included: true}, open, false},
		{"given, one of them", Scope{Docs: []string{"a"}}, in, true},
		{"given, another", Scope{Docs: []string{"a"}}, out, false},
		{"given and included only, not included", Scope{Docs: []string{"c"}, Included: true}, open, false},
	}
	for _, c := range cases {
		if got := c.scope.KeepsDocument(c.doc); got != c.want {
			t.Errorf("%s: KeepsDocument = %v, want %v", c.name, got, c.want)
		}
	}
}
