package cli

import (
	"fmt"
	"math"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

const searchSyntax = "search PROJECT QUERY [--doc DOC]... [--included] [--in-role R] [--in-label L] [--uncoded] [--unit match|sentence|paragraph] [--count] [--json]"

// SpanJSON is where a passage stands in what --json prints: its page,
// and its code-point offsets into the text "text" prints.
type SpanJSON struct {
	Page  int `json:"page"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// SearchJSON is one hit as search --json prints it (the tests that run
// the binary read it back with it).
type SearchJSON struct {
	Doc string `json:"doc"`
	SpanJSON
	Text    string `json:"text"`
	Context string `json:"context"`
}

// search finds a query in every document (or those given) and prints one
// hit a line. No hit is not an error; a malformed query is, naming where.
func (c *cli) search(args []string) error {
	fs := newFlags("search")
	var docs listFlag
	fs.Var(&docs, "doc", "only this document (repeatable)")
	included := fs.Bool("included", false, "only the sources the reviewers included (decision include)")
	inRole := fs.String("in-role", "", "only hits inside a fragment of this role")
	inLabel := fs.String("in-label", "", "only hits inside a fragment with this label")
	uncoded := fs.Bool("uncoded", false, "only hits outside every fragment")
	unitName := fs.String("unit", "match", "what a hit spans: match, sentence or paragraph")
	count := fs.Bool("count", false, "print each document's count of hits and the total, not the hits")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseN(fs, args, 2, searchSyntax)
	if err != nil {
		return err
	}
	unit, err := coding.ParseUnit(*unitName)
	if err != nil {
		return usagef("search: %v", err)
	}
	scope := coding.Scope{Label: *inLabel, Uncoded: *uncoded, Included: *included}
	if *inRole != "" {
		if scope.Role, err = coding.ParseRole(*inRole); err != nil {
			return usagef("search: --in-role: %s", session.OneLine(err))
		}
	}
	if scope.Uncoded && scope.Inside() {
		return usagef("search: --uncoded cannot go with --in-role or --in-label")
	}
	if *count && unit != coding.UnitMatch {
		return usagef("search: --count counts matches: --unit cannot go with it")
	}
	s, all, err := c.openDocuments(pos[0], "")
	if err != nil {
		return err
	}
	defer s.Close()
	for _, d := range docs {
		doc, err := session.FindDocumentIn(all, d)
		if err != nil {
			return err
		}
		scope.Docs = append(scope.Docs, doc.ID)
	}
	if *count {
		return c.printCounts(s, pos[1], scope, *asJSON)
	}
	results, err := s.Search(pos[1], scope, unit)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]SearchJSON, len(results))
		for i, r := range results {
			out[i] = SearchJSON{r.DocID, SpanJSON{r.Page, r.Start, r.End}, r.Text, r.Before + r.Match + r.After}
		}
		return writeJSON(c.stdout, out)
	}
	for _, r := range results {
		fmt.Fprintf(c.stdout, "%s\t%d\t%d\t%d\t%s\n", r.DocID, r.Page, r.Start, r.End, r.Before+r.Match+r.After)
	}
	return nil
}

// CountJSON is what search --count --json prints: each document's count
// of hits, in import order (documents without one left out), and the
// total.
type CountJSON struct {
	Docs  []DocCountJSON `json:"docs"`
	Total int            `json:"total"`
}

// DocCountJSON is one document's count of hits.
type DocCountJSON struct {
	Doc   string `json:"doc"`
	Count int    `json:"count"`
}

// printCounts prints the hits of a query counted by document
// (DOC<TAB>COUNT) and a last line total<TAB>N: counted from the index,
// without listing the hits.
func (c *cli) printCounts(s *session.Session, query string, scope coding.Scope, asJSON bool) error {
	counts, err := s.SearchCounts(query, scope)
	if err != nil {
		return err
	}
	if asJSON {
		out := CountJSON{Docs: []DocCountJSON{}, Total: coding.TotalCount(counts)}
		for _, dc := range counts {
			out.Docs = append(out.Docs, DocCountJSON{dc.DocID, dc.Count})
		}
		return writeJSON(c.stdout, out)
	}
	for _, dc := range counts {
		fmt.Fprintf(c.stdout, "%s\t%d\n", dc.DocID, dc.Count)
	}
	fmt.Fprintf(c.stdout, "total\t%d\n", coding.TotalCount(counts))
	return nil
}

// similarJSON is one sentence as similar --json prints it.
type similarJSON struct {
	Doc string `json:"doc"`
	SpanJSON
	Score float64 `json:"score"`
	Text  string  `json:"text"`
}

// similar lists the sentences of other documents most like a fragment,
// or like a CMOC's fragments taken together.
func (c *cli) similar(args []string) error {
	fs := newFlags("similar")
	limit := fs.Int("limit", 20, "how many sentences")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseN(fs, args, 2, "similar PROJECT FRAGMENT|CMOC [--limit N] [--json]")
	if err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("similar: --limit must be 1 or more")
	}
	s, err := c.open(pos[0], "")
	if err != nil {
		return err
	}
	defer s.Close()
	results, err := similarTo(s, pos[1], *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]similarJSON, len(results))
		for i, r := range results {
			out[i] = similarJSON{r.DocID, SpanJSON{r.Page, r.Start, r.End}, math.Round(r.Score*1000) / 1000, r.Text}
		}
		return writeJSON(c.stdout, out)
	}
	for _, r := range results {
		fmt.Fprintf(c.stdout, "%s\t%d\t%d\t%d\t%.3f\t%s\n", r.DocID, r.Page, r.Start, r.End, r.Score, coding.Clip(r.Text, 200))
	}
	return nil
}

// similarTo finds the sentences like what ref names: a fragment (ID or
// unique prefix), else a CMOC.
func similarTo(s *session.Session, ref string, limit int) ([]session.SimilarResult, error) {
	f, err := s.FindFragment(ref)
	if err == nil {
		return s.Similar(f.ID, limit)
	}
	if !coding.IsKind(err, coding.KindNotFound) {
		return nil, err
	}
	c, cerr := s.FindCMOC(ref)
	if coding.IsKind(cerr, coding.KindNotFound) {
		return nil, coding.Errorf(coding.KindNotFound, "similar", ref, "no fragment or CMOC with this ID in the project")
	}
	if cerr != nil {
		return nil, cerr
	}
	return s.SimilarToCMOC(c.ID, limit)
}
