package storage

import (
	"cmp"
	"slices"

	"cmocoder.org/cmocoder/coding"
)

// SearchCounts counts a query's matches in the documents given (all when
// none), by document in import order, leaving out those without one: as
// many as Search finds, counted from the words' positions in the index
// (search_words) where they tell it exactly, without reading the pages'
// text, and from the text of the other pages (coding.CountsFromIndex).
func (p *Project) SearchCounts(query *coding.Query, docs ...string) ([]coding.DocCount, error) {
	return readValue(p, "count search hits", func(q querier) ([]coding.DocCount, error) {
		return searchCounts(q, query, docs)
	})
}

func searchCounts(q querier, query *coding.Query, docs []string) ([]coding.DocCount, error) {
	if !query.CountsFromIndex() {
		pages, err := search(q, query, docs, 0)
		return coding.CountHits(pages), err
	}
	w := wordPositions{q: q, of: map[coding.IndexTerm]map[int64][]int{}}
	perRow, err := w.clauseCounts(query.Clauses[0])
	if err != nil {
		return nil, err
	}
	// A page holding an excluded phrase loses the sentences holding it,
	// which only its text tells.
	excluded := map[int64]bool{}
	for _, c := range query.Excluded {
		ex, err := w.clauseRuns(c)
		if err != nil {
			return nil, err
		}
		for row := range ex {
			if perRow[row] > 0 {
				excluded[row] = true
			}
		}
	}
	pages, err := indexPages(q, perRow, docs)
	if err != nil {
		return nil, err
	}
	counts := make([]int, len(pages))
	var reread []int // pages matched on their text
	for i, pg := range pages {
		if excluded[pg.row] {
			reread = append(reread, i)
		} else {
			counts[i] = perRow[pg.row]
		}
	}
	err = eachStatementRow(q, "SELECT text FROM pages WHERE doc_id = ? AND number = ?", len(reread),
		func(i int) []any { return []any{pages[reread[i]].doc, pages[reread[i]].page} },
		func(i int, s scanner) error {
			var text string
			if err := s.Scan(&text); err != nil {
				return err
			}
			counts[reread[i]] = len(query.MatchPage(text))
			return nil
		})
	if err != nil {
		return nil, err
	}
	return countByDocument(pages, counts), nil
}

// countByDocument adds up the counts of pages (in import order) by
// document, leaving out the documents without one.
func countByDocument(pages []indexPage, counts []int) []coding.DocCount {
	var out []coding.DocCount
	for i, pg := range pages {
		out = coding.AddCount(out, pg.doc, counts[i])
	}
	return out
}

// indexPage is a row of the search index: the page it holds.
type indexPage struct {
	row  int64
	doc  string
	page int
}

// indexPages are the pages of the index rows given, of the documents
// docs (all when none), in import order and page order. The rows' numbers
// say their documents' positions and their pages (indexRow), so that only
// the documents are read.
func indexPages[T any](q querier, rows map[int64]T, docs []string) ([]indexPage, error) {
	all, err := queryAll(q, scanTwo[string, int], "SELECT id, position FROM documents")
	if err != nil {
		return nil, err
	}
	ids := map[int]string{}
	for _, d := range all {
		if id, pos := d.a, d.b; len(docs) == 0 || slices.Contains(docs, id) {
			ids[pos] = id
		}
	}
	var pages []indexPage
	for row := range rows {
		pos, n := indexRowPage(row)
		if id, ok := ids[pos]; ok {
			pages = append(pages, indexPage{row: row, doc: id, page: n})
		}
	}
	slices.SortFunc(pages, func(a, b indexPage) int { return cmp.Compare(a.row, b.row) })
	return pages, nil
}

// wordPositions reads where the index's words stand, each term once.
type wordPositions struct {
	q  querier
	of map[coding.IndexTerm]map[int64][]int // index row -> positions
}

// term is where a term's words stand on every page that has one.
func (w *wordPositions) term(t coding.IndexTerm) (map[int64][]int, error) {
	if at, ok := w.of[t]; ok {
		return at, nil
	}
	query, args := w.termQuery(t, "doc, offset")
	at := map[int64][]int{}
	err := eachRow(w.q, scanTwo[int64, int], func(i twoColumns[int64, int]) error {
		row, pos := i.a, i.b
		at[row] = append(at[row], pos)
		return nil
	}, query, args...)
	if err != nil {
		return nil, err
	}
	w.of[t] = at
	return at, nil
}

// clauseCounts is MatchPage's count of a clause alone by index row, for
// the rows that have one. A clause of one word (or one prefix) has as
// many matches as the word has positions, which the index counts without
// listing them; else its phrases' occurrences are found and counted
// (coding.CountRuns).
func (w *wordPositions) clauseCounts(c coding.Clause) (map[int64]int, error) {
	out := map[int64]int{}
	if len(c) == 1 && len(c[0].Words) == 1 {
		query, args := w.termQuery(c[0].Terms()[0], "doc, count(*)")
		err := eachRow(w.q, func(s scanner) (struct{}, error) {
			var row int64
			var n int
			err := s.Scan(&row, &n)
			out[row] = n
			return struct{}{}, err
		}, func(struct{}) error { return nil }, query+" GROUP BY doc", args...)
		return out, err
	}
	runs, err := w.clauseRuns(c)
	for row, rs := range runs {
		out[row] = coding.CountRuns(rs)
	}
	return out, err
}

// termQuery selects cols of the index's words (search_words) that are
// the term, or begin with it.
func (w *wordPositions) termQuery(t coding.IndexTerm, cols string) (string, []any) {
	if !t.Prefix {
		return "SELECT " + cols + " FROM search_words WHERE term = ?", []any{t.Word}
	}
	if end := coding.PrefixEnd(t.Word); end != "" {
		return "SELECT " + cols + " FROM search_words WHERE term >= ? AND term < ?", []any{t.Word, end}
	}
	return "SELECT " + cols + " FROM search_words WHERE term >= ?", []any{t.Word}
}

// clauseRuns is the occurrences of a clause's phrases by index row.
func (w *wordPositions) clauseRuns(c coding.Clause) (map[int64][]coding.WordRun, error) {
	out := map[int64][]coding.WordRun{}
	for _, ph := range c {
		terms := ph.Terms()
		at := make([]map[int64][]int, len(terms))
		for i, t := range terms {
			var err error
			if at[i], err = w.term(t); err != nil {
				return nil, err
			}
		}
		for row, first := range at[0] {
			words := [][]int{first}
			for _, a := range at[1:] {
				words = append(words, a[row])
			}
			for _, p := range coding.PhraseStarts(words) {
				out[row] = append(out[row], coding.WordRun{From: p, To: p + len(terms)})
			}
		}
	}
	return out, nil
}
