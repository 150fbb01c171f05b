package coding

import "slices"

// Counting a query's matches from the search index: the index holds every
// page's words in order (IndexTerms), so it knows where each word stands
// (its position: 0 for the page's first word). For a query of one clause,
// MatchPage's matches on a page are the occurrences of the clause's
// phrases, overlapping ones merged, which positions tell exactly: a
// phrase is its words at consecutive positions, and two occurrences
// overlap in the text when they share a word (words never share a
// character). Exclusions leave out sentences, which the index does not
// know, so a page holding an excluded phrase is matched on its text; so
// is every page of a query of several clauses, which must share a
// sentence.

// CountsFromIndex tells whether the index's positions give the query's
// count on a page that holds none of its exclusions: a query of one
// clause.
func (q *Query) CountsFromIndex() bool { return len(q.Clauses) == 1 }

// IndexTerm is a word of a phrase as the index is asked for it: the
// positions of Word, or with Prefix of every word it begins.
type IndexTerm struct {
	Word   string
	Prefix bool
}

// Terms are the index terms of the phrase's words, in order.
func (ph Phrase) Terms() []IndexTerm {
	out := make([]IndexTerm, len(ph.Words))
	for i, w := range ph.Words {
		out[i] = IndexTerm{Word: w, Prefix: ph.Prefix && i == len(ph.Words)-1}
	}
	return out
}

// PrefixEnd is the least string above every word that begins with
// prefix, byte by byte (the index orders its terms so): the upper bound of
// a prefix's range of terms. "" when there is none (a prefix of 0xff
// bytes only, which UTF-8 never holds).
func PrefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}

// PhraseStarts is where a phrase begins among a page's words, given the
// positions of the words that match each of its words (at[i] for its
// i-th word, in any order): the positions p with p+i in at[i] for every
// i, in order.
func PhraseStarts(at [][]int) []int {
	if len(at) == 0 {
		return nil
	}
	first := slices.Clone(at[0])
	slices.Sort(first)
	first = slices.Compact(first)
	if len(at) == 1 {
		return first
	}
	sets := make([]map[int]bool, len(at))
	for i, ps := range at[1:] {
		sets[i+1] = make(map[int]bool, len(ps))
		for _, p := range ps {
			sets[i+1][p] = true
		}
	}
	return slices.DeleteFunc(first, func(p int) bool {
		for i := 1; i < len(at); i++ {
			if !sets[i][p+i] {
				return true
			}
		}
		return false
	})
}

// WordRun is an occurrence of a phrase among a page's words: positions
// From to To (exclusive).
type WordRun struct{ From, To int }

// CountRuns is how many matches MatchPage makes of a page's occurrences
// of a clause's phrases (in any order): occurrences that share a word are
// merged into one, as their spans in the text overlap.
func CountRuns(runs []WordRun) int {
	slices.SortFunc(runs, func(a, b WordRun) int { return a.From - b.From })
	n, end := 0, -1
	for _, r := range runs {
		if n > 0 && r.From < end {
			end = max(end, r.To)
			continue
		}
		n++
		end = r.To
	}
	return n
}

// DocCount is how many matches a query has in one document.
type DocCount struct {
	DocID string
	Count int
}

// CountHits is the matches of pages counted by document, in the pages'
// order.
func CountHits(pages []PageHits) []DocCount {
	var out []DocCount
	for _, ph := range pages {
		out = AddCount(out, ph.DocID, len(ph.Matches))
	}
	return out
}

// AddCount adds n matches in document doc to counts, which list
// documents in order: to the last document's when it is doc, else as the
// next document's. None (n of 0) adds nothing.
func AddCount(counts []DocCount, doc string, n int) []DocCount {
	switch last := len(counts) - 1; {
	case n == 0:
		return counts
	case last >= 0 && counts[last].DocID == doc:
		counts[last].Count += n
		return counts
	}
	return append(counts, DocCount{doc, n})
}

// TotalCount is the matches of all the documents.
func TotalCount(counts []DocCount) int {
	n := 0
	for _, c := range counts {
		n += c.Count
	}
	return n
}
