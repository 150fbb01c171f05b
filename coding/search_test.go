package coding

import "testing"

func TestSpanUnits(t *testing.T) {
	// Two paragraphs: the first ends on a short line that ends a sentence.
	page := "Staff felt listened to when managers held weekly meetings with\n" +
		"every ward. Trust grew over the year that followed them all.\n" +
		"It was slow.\n" +
		"Costs rose in the second year of the programme as expected by\n" +
		"the board. Nobody objected."
	text := NewText([]Page{{Text: page}, {Text: "Second page here."}})
	at := func(s string) int { return runeIndexOf(page, s) }
	slice := func(s, e int) string { return text.Slice(s, e) }
	for _, tc := range []struct {
		word string
		unit Unit
		want string
	}{
		{"Trust", UnitMatch, "Trust"},
		{"Trust", UnitSentence, "Trust grew over the year that followed them all."},
		{"Trust", UnitParagraph, page[:at("\nCosts")]},
		{"Costs", UnitParagraph, page[at("Costs"):]},
		{"Nobody", UnitSentence, "Nobody objected."},
	} {
		s := at(tc.word)
		gs, ge := text.Span(s, s+len([]rune(tc.word)), tc.unit)
		if got := slice(gs, ge); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.word, tc.unit, got, tc.want)
		}
	}
	if _, err := ParseUnit("page"); err == nil {
		t.Error("ParseUnit(page) gave no error")
	}
}

func runeIndexOf(s, sub string) int {
	for i := range s {
		if len(s[i:]) >= len(sub) && s[i:i+len(sub)] == sub {
			return len([]rune(s[:i]))
		}
	}
	return -1
}

func TestScopeKeeps(t *testing.T) {
	frags := []Fragment{
		{Start: 0, End: 10, Role: Context, Labels: []string{"Trust"}},
		{Start: 20, End: 30, Role: Outcome},
	}
	for _, tc := range []struct {
		name  string
		scope Scope
		hit   Hit
		want  bool
	}{
		{"anywhere", Scope{}, Hit{Start: 40, End: 45}, true},
		{"uncoded outside", Scope{Uncoded: true}, Hit{Start: 40, End: 45}, true},
		{"uncoded overlapping", Scope{Uncoded: true}, Hit{Start: 8, End: 12}, false},
		{"in role inside", Scope{Role: Context}, Hit{Start: 2, End: 5}, true},
		{"in role other", Scope{Role: Outcome}, Hit{Start: 2, End: 5}, false},
		{"in role overlapping only", Scope{Role: Context}, Hit{Start: 8, End: 12}, false},
		{"in label any case", Scope{Label: "trust"}, Hit{Start: 2, End: 5}, true},
		{"in label missing", Scope{Label: "Cost"}, Hit{Start: 22, End: 25}, false},
	} {
		if got := tc.scope.Keeps(tc.hit, Overlapping(frags, tc.hit.Start, tc.hit.End)); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
