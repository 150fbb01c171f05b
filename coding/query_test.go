package coding

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokensFold(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // Fold@Start-End, space separated
	}{
		{"Sundström said", "sundstrom@0-9 said@10-14"},
		{"ﬁnding the ﬂow", "finding@0-6 the@7-10 flow@11-14"},
		{"improve-\nment here", "improvement@0-13 here@14-18"},
		{"short-lived staff's", "short@0-5 lived@6-11 staff@12-17 s@18-19"},
		{"co\u00adordination", "coordination@0-13"},
		{"ÆSOP Straße", "aesop@0-4 strasse@5-11"},
		{"se\u0301ance", "seance@0-7"},
		{"end-\n", "end@0-3"},
	} {
		var got []string
		for _, tk := range Tokens(tc.text) {
			got = append(got, tk.Fold+"@"+strconv.Itoa(tk.Start)+"-"+strconv.Itoa(tk.End))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Tokens(%q) = %s, want %s", tc.text, g, tc.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "trust", want: "trust"},
		{in: "Trust Accountability", want: "trust accountability"},
		{in: `"staff felt listened"`, want: `"staff felt listened"`},
		{in: "trust OR confidence -money", want: "trust OR confidence -money"},
		{in: "account*", want: "account*"},
		{in: "self-efficacy", want: `"self efficacy"`},
		{in: "Sundström", want: "sundstrom"},
		{in: `-"cost saving" quality`, want: `quality -"cost saving"`},
		{in: "", err: "character 1: the query is empty"},
		{in: `trust "open`, err: "character 7: the quote opened here is not closed"},
		{in: "OR trust", err: "character 1: OR needs a term before it"},
		{in: "trust OR", err: "character 7: OR needs a term after it"},
		{in: "trust - money", err: "character 7: - must be followed"},
		{in: "-money", err: "character 1: nothing to find"},
		{in: "a*b", err: "character 2: * can only end a word"},
		{in: `"" x`, err: "character 1: the phrase holds no word"},
		{in: "trust -money OR cost", err: "character 17: OR cannot join"},
		{in: "...", err: `character 1: "..." holds no letter`},
		{in: `"a b"c`, err: `character 6: put a space before 'c'`},
	} {
		q, err := ParseQuery(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseQuery(%q) error = %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("ParseQuery(%q): %v", tc.in, err)
		case q.String() != tc.want:
			t.Errorf("ParseQuery(%q) = %s, want %s", tc.in, q, tc.want)
		}
	}
}

func TestMatchPage(t *testing.T) {
	const page = "Staff felt listened to. Trust grew in the ward.\n" +
		"Sundström notes that the ﬁnancial improve-\nment was small. Trust was low elsewhere."
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"trust", []string{"Trust", "Trust"}},
		{"trust ward", []string{"Trust", "ward"}},
		{"trust -elsewhere", []string{"Trust"}},
		{`"felt listened"`, []string{"felt listened"}},
		{"sundstrom", []string{"Sundström"}},
		{"financial", []string{"ﬁnancial"}},
		{"improvement", []string{"improve-\nment"}},
		{"listen*", []string{"listened"}},
		{"ward OR elsewhere", []string{"ward", "elsewhere"}},
		{"staff ward", nil}, // not in one sentence
		{"trust trust*", []string{"Trust", "Trust"}},
	} {
		q, err := ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		runes := []rune(page)
		for _, m := range q.MatchPage(page) {
			got = append(got, string(runes[m.Start:m.End]))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestIndexFilter(t *testing.T) {
	q, err := ParseQuery(`trust OR "cost saving" account* -money`)
	if err != nil {
		t.Fatal(err)
	}
	want := `(("trust") OR ("cost" + "saving")) AND (("account"*))`
	if got := q.IndexFilter(); got != want {
		t.Errorf("IndexFilter = %s, want %s", got, want)
	}
}

// FuzzParseQuery checks that any query either parses or says where it is
// wrong, and that a parsed query matches only inside the page.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"trust", `"a b" OR c* -d`, "-", `"`, "OR", "a*b", "ﬁ-\nx"} {
		f.Add(s, "Trust a b c d. ﬁx-\nes")
	}
	f.Fuzz(func(t *testing.T, query, page string) {
		q, err := ParseQuery(query)
		if err != nil {
			qe, ok := err.(*QueryError)
			if !ok || qe.Column < 1 || qe.Column > utf8.RuneCountInString(query)+1 || strings.Contains(err.Error(), "\n") {
				t.Fatalf("ParseQuery(%q): bad error %v", query, err)
			}
			return
		}
		if len(q.Clauses) == 0 {
			t.Fatalf("ParseQuery(%q) gave no clause", query)
		}
		if _, err := ParseQuery(q.String()); err != nil {
			t.Fatalf("ParseQuery(%q).String() = %q does not parse: %v", query, q, err)
		}
		n := utf8.RuneCountInString(page)
		last := 0
		for _, m := range q.MatchPage(page) {
			if m.Start < last || m.End <= m.Start || m.End > n {
				t.Fatalf("MatchPage(%q) on %q: bad match %v", query, page, m)
			}
			last = m.End
		}
	})
}
