package figure

import (
	"strings"
	"testing"
)

// TestFiguresCiteNumbered: with Cite numbered the diagram's boxes and the
// map's columns cite sources by their number in the reference list
// (Sims 2021 [1], Tully et al. 2010 [2]); an unknown style is an error.
func TestFiguresCiteNumbered(t *testing.T) {
	for _, kind := range []string{KindTheories, KindMap} {
		f, err := Build(review(), kind, Options{Cite: "numbered"})
		if err != nil {
			t.Fatal(err)
		}
		text := allText(f)
		if !strings.Contains(text, "[1]") || !strings.Contains(text, "[2]") || strings.Contains(text, "Tully et al.") {
			t.Errorf("%s cites: %s", kind, text)
		}
	}
	if _, err := Build(review(), KindTheories, Options{Cite: "apa"}); err == nil {
		t.Error("an unknown style was taken")
	}
}
