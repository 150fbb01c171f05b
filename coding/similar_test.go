package coding

import "testing"

func TestBM25Ranks(t *testing.T) {
	const page = "Staff trusted managers who listened. The weather was fine. " +
		"Managers listened to staff and staff trusted them more. Costs rose."
	for _, tc := range []struct {
		query string
		first string // the best sentence's text
		n     int    // sentences with any query word
	}{
		{"staff trusted managers", "Staff trusted managers who listened.", 2},
		{"weather", "The weather was fine.", 1},
		{"cost rose", "Costs rose.", 1},
		{"nothing here", "", 0},
	} {
		b := NewBM25(tc.query)
		b.AddPage("d", 1, 100, page)
		top := b.Top(10)
		if len(top) != tc.n {
			t.Errorf("%s: %d sentences, want %d", tc.query, len(top), tc.n)
			continue
		}
		if tc.n == 0 {
			continue
		}
		got := string([]rune(page)[top[0].Start-100 : top[0].End-100])
		if got != tc.first || top[0].Page != 1 || top[0].DocID != "d" {
			t.Errorf("%s: first %q, want %q", tc.query, got, tc.first)
		}
		for i := 1; i < len(top); i++ {
			if top[i].Score > top[i-1].Score {
				t.Errorf("%s: not sorted", tc.query)
			}
		}
	}
}
