package pdfview

import (
	"os"
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// A query of one clause is matched by reading the page in chunks
// (coding's match.go); with an exclusion that is found nowhere it is
// matched word by word and sentence by sentence, as every query was
// before. On every page of the shared PDFs, for fixed queries and for
// the page's own words (as words, prefixes and two-word phrases), both
// find the same matches.
func TestSearchCorpusMatchesAsBefore(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("shared test PDFs not found")
	}
	const nowhere = " -zqxjvkwzqxjvkw"
	fixed := []string{"quality", "health*", `"quality improvement"`, "staff OR nurses", "the", "care*", "2*", "fig"}
	compared := 0
	for _, c := range corpus {
		ex := extractCorpus(t, c.file)
		for _, p := range ex.Pages {
			queries := fixed
			toks := coding.Tokens(p.Text)
			for k := 0; k+1 < len(toks); k += 41 {
				w, next := toks[k].Fold, toks[k+1].Fold
				queries = append(queries, w, w[:(len(w)+1)/2]+"*", `"`+w+" "+next+`"`)
			}
			for _, query := range queries {
				q, err := coding.ParseQuery(query)
				if err != nil {
					t.Fatalf("%s: %v", query, err)
				}
				old, err := coding.ParseQuery(query + nowhere)
				if err != nil {
					t.Fatalf("%s: %v", query, err)
				}
				got, want := q.MatchPage(p.Text), old.MatchPage(p.Text)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s page %d, %q:\n got %v\nwant %v", c.file, p.Number, query, got, want)
				}
				compared += len(want)
			}
		}
	}
	if compared == 0 {
		t.Fatal("no match found to compare")
	}
	t.Logf("%d matches compared", compared)
}
