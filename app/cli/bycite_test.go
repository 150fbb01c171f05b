package cli

import "testing"

// TestCheckByCite: export and figure refuse an unknown --by or --cite
// with the same words, each naming its verb.
func TestCheckByCite(t *testing.T) {
	for _, c := range []struct{ verb, by, cite, want string }{
		{"export", "labels", "author-year", ""},
		{"figure", "theories", "numbered", ""},
		{"export", "codes", "numbered", `export: unknown --by "codes" (want labels or theories)`},
		{"figure", "labels", "apa", `figure: unknown --cite "apa" (want author-year or numbered)`},
	} {
		got := ""
		if err := checkByCite(c.verb, c.by, c.cite); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("checkByCite(%q, %q, %q) = %q, want %q", c.verb, c.by, c.cite, got, c.want)
		}
	}
}
