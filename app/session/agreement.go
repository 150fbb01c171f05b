package session

import (
	"cmocoder.org/cmocoder/coding"
	"fmt"
	"slices"
	"strings"
)

// Agreement is two coders' agreement on one role in one document, or
// pooled over the documents compared (DocID "").
type Agreement struct {
	coding.Agreement
	Document string // the document's short name; "All documents" when pooled
}

// CompareCoders compares coders a and b on docs (those either coded), per
// document and role, then pooled when more than one was compared: the rows
// the agreement verb prints and the app's agreement dialog shows.
func (s *Session) CompareCoders(docs []coding.Document, a, b string) (rows []Agreement, compared int, err error) {
	frags, err := s.Fragments("")
	if err != nil {
		return nil, 0, err
	}
	coded := map[string]map[string]bool{} // coder → documents coded
	for _, f := range frags {
		if coded[f.Coder] == nil {
			coded[f.Coder] = map[string]bool{}
		}
		coded[f.Coder][f.DocID] = true
	}
	for _, n := range []string{a, b} {
		if len(coded[n]) == 0 {
			have := "nobody has coded anything yet"
			if who := codersOf(coded); len(who) > 0 {
				have = "coders with fragments: " + strings.Join(who, ", ")
			}
			return nil, 0, fmt.Errorf("no fragments by coder %q (%s)", n, have)
		}
	}
	pooled := map[coding.Role]*coding.Agreement{}
	for _, r := range coding.Categories {
		pooled[r] = &coding.Agreement{Role: r}
	}
	unclassified := false // whether any document has an Unclassified row
	for _, d := range docs {
		if !coded[a][d.ID] && !coded[b][d.ID] {
			continue
		}
		text, err := s.Text(d.ID)
		if err != nil {
			return nil, 0, err
		}
		compared++
		for _, ag := range coding.CompareCoders(d.ID, text.String(), frags, a, b) {
			rows = append(rows, Agreement{ag, d.ShortName()})
			pooled[ag.Role].Add(ag)
			unclassified = unclassified || ag.Role == coding.Unclassified
		}
	}
	if compared == 0 {
		what := "these documents"
		if len(docs) == 1 {
			what = docs[0].Title
		}
		return nil, 0, fmt.Errorf("neither %q nor %q coded %s", a, b, what)
	}
	if compared > 1 {
		for _, r := range coding.Categories {
			if r == coding.Unclassified && !unclassified {
				continue
			}
			rows = append(rows, Agreement{*pooled[r], "All documents"})
		}
	}
	return rows, compared, nil
}

// codersOf lists the coders with fragments, sorted.
func codersOf(coded map[string]map[string]bool) []string {
	var who []string
	for k := range coded {
		who = append(who, k)
	}
	slices.Sort(who)
	return who
}
