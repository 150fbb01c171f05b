package session

import (
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// SearchResult is one hit of a project-wide search as the front ends show
// it: the span of the unit asked for (Hit), the first match in it, a line
// of context around that match, and the fragments the span overlaps.
type SearchResult struct {
	coding.Hit
	Doc                  coding.Document
	MatchStart, MatchEnd int
	Text                 string // the span's text
	Before, Match, After string // the context line, the match apart
	// Fragments are the fragments the span overlaps, as FragmentSpans
	// reads them: where they lie, their role, valence and labels, not
	// their text or memo.
	Fragments []coding.Fragment
}

// contextWidth is about how many code points a hit's context line holds.
const contextWidth = 90

// Search parses a query (a malformed one is a *coding.QueryError) and
// finds it in the project within scope, each hit widened to unit (hits
// whose units meet become one), in import order. Units and context lines
// stay within the hit's page: only the pages with hits are read.
func (s *Session) Search(query string, sc coding.Scope, unit coding.Unit) ([]SearchResult, error) {
	rs, _, err := s.SearchFirst(query, sc, unit, 0)
	return rs, err
}

// SearchFirst is Search that stops reading pages once they hold n
// matches (0: no limit): a screen of results at once, however common the
// word. The hits it lists are the first of Search's, in its order; fewer
// than n when the scope leaves matches out. more says whether it stopped
// before the end, so that Search may list more.
func (s *Session) SearchFirst(query string, sc coding.Scope, unit coding.Unit, n int) (results []SearchResult, more bool, err error) {
	q, err := coding.ParseQuery(query)
	if err != nil {
		return nil, false, err
	}
	docIDs, err := s.scopeDocs(sc)
	if err != nil || docIDs != nil && len(docIDs) == 0 {
		return nil, false, err // no document in scope
	}
	pages, err := s.store.SearchFirst(q, n, docIDs...)
	if err != nil {
		return nil, false, err
	}
	more = n > 0 && len(coding.Hits(pages)) >= n
	results, err = s.listHits(pages, sc, unit)
	return results, more, err
}

// listHits makes the pages' matches in scope the results Search lists.
func (s *Session) listHits(pages []coding.PageHits, sc coding.Scope, unit coding.Unit) ([]SearchResult, error) {
	var out []SearchResult
	docs, err := s.docInfos(pages)
	if err != nil {
		return nil, err
	}
	for _, ph := range pages {
		d := docs[ph.DocID]
		page := coding.NewText([]coding.Page{{Number: ph.Page, Text: ph.Text}})
		runes := []rune(ph.Text)
		first := len(out)
		for _, m := range ph.Matches {
			h := coding.Hit{DocID: ph.DocID, Page: ph.Page, Start: ph.Start + m.Start, End: ph.Start + m.End}
			if !sc.Keeps(h, coding.Overlapping(d.frags, h.Start, h.End)) {
				continue
			}
			start, end := page.Span(m.Start, m.End, unit)
			if n := len(out); n > first && start < out[n-1].End-ph.Start {
				out[n-1].End = max(out[n-1].End, ph.Start+end)
				continue
			}
			r := SearchResult{Hit: coding.Hit{DocID: ph.DocID, Page: ph.Page, Start: ph.Start + start, End: ph.Start + end},
				Doc: d.doc, MatchStart: h.Start, MatchEnd: h.End}
			r.Before, r.Match, r.After = coding.ContextParts(runes, m.Start, m.End, contextWidth)
			out = append(out, r)
		}
		for i := first; i < len(out); i++ {
			r := &out[i]
			r.Text = string(runes[r.Start-ph.Start : r.End-ph.Start])
			r.Fragments = coding.Overlapping(d.frags, r.Start, r.End)
		}
	}
	return out, nil
}

// scopeDocs is the documents a search in scope reads: nil for all, an
// empty list for none.
func (s *Session) scopeDocs(sc coding.Scope) ([]string, error) {
	if !sc.Included {
		return sc.Docs, nil
	}
	docs, err := s.Documents()
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, d := range docs {
		if sc.KeepsDocument(d) {
			ids = append(ids, d.ID)
		}
	}
	return ids, nil
}

// docInfo is what Search reads of a document a hit is in.
type docInfo struct {
	doc   coding.Document
	frags []coding.Fragment
}

// manyDocs is how many documents with hits make Search read all documents
// at once rather than one document at a time.
var manyDocs = 20

// docInfos reads the documents the pages are in, with the spans of their
// fragments (FragmentSpans: all Search shows of them, and all a scope
// asks of them), in one query for all the documents with hits.
func (s *Session) docInfos(pages []coding.PageHits) (map[string]*docInfo, error) {
	out := map[string]*docInfo{}
	var ids []string
	for _, ph := range pages {
		if _, ok := out[ph.DocID]; !ok {
			out[ph.DocID] = &docInfo{}
			ids = append(ids, ph.DocID)
		}
	}
	if err := s.readDocs(out); err != nil {
		return nil, err
	}
	frags, err := s.store.FragmentSpans(ids...)
	if err != nil {
		return nil, err
	}
	for _, f := range frags {
		if d := out[f.DocID]; d != nil {
			d.frags = append(d.frags, f)
		}
	}
	return out, nil
}

// readDocs fills in the document of each of infos: all documents at
// once when there are many, else one at a time.
func (s *Session) readDocs(infos map[string]*docInfo) error {
	if len(infos) <= manyDocs {
		for id, d := range infos {
			var err error
			if d.doc, err = s.Document(id); err != nil {
				return err
			}
		}
		return nil
	}
	docs, err := s.Documents()
	if err != nil {
		return err
	}
	for _, d := range docs {
		if info := infos[d.ID]; info != nil {
			info.doc = d
		}
	}
	for id, d := range infos {
		if d.doc.ID == "" {
			return coding.Errorf(coding.KindNotFound, "search", id, "the document is no longer in the project")
		}
	}
	return nil
}

// SimilarResult is a sentence like a fragment, with its document and text.
type SimilarResult struct {
	coding.Similar
	Doc  coding.Document
	Text string
}

// Similar lists the limit sentences of the other documents most like a
// fragment's text (BM25), best first.
func (s *Session) Similar(fragmentID string, limit int) ([]SimilarResult, error) {
	f, err := s.Fragment(fragmentID)
	if err != nil {
		return nil, err
	}
	return s.similarTo(f.Text, map[string]bool{f.DocID: true}, limit)
}

// SimilarToCMOC lists the limit sentences most like a CMOC's evidence
// (its fragments' texts taken together, BM25), best first, in the
// documents none of its fragments is in: candidate evidence from papers
// the CMOC does not cite yet. Fragments deleted since are left out; a
// CMOC with none left is an error.
func (s *Session) SimilarToCMOC(cmocID string, limit int) ([]SimilarResult, error) {
	c, err := s.CMOC(cmocID)
	if err != nil {
		return nil, err
	}
	var texts []string
	skip := map[string]bool{}
	for _, id := range c.Fragments {
		f, err := s.Fragment(id)
		if coding.IsKind(err, coding.KindNotFound) {
			continue // deleted: the CMOC reports it missing
		}
		if err != nil {
			return nil, err
		}
		texts = append(texts, f.Text)
		skip[f.DocID] = true
	}
	if len(texts) == 0 {
		return nil, coding.Errorf(coding.KindInvalid, "find passages like a CMOC", coding.Clip(c.Statement, 60),
			"the CMOC has no fragment to compare with")
	}
	return s.similarTo(strings.Join(texts, "\n"), skip, limit)
}

// FindCMOC resolves a CMOC ID or a unique prefix of one.
func (s *Session) FindCMOC(ref string) (coding.CMOC, error) {
	if c, err := s.store.CMOC(ref); err == nil || !coding.IsKind(err, coding.KindNotFound) {
		return c, err
	}
	cmocs, err := s.store.CMOCs()
	if err != nil {
		return coding.CMOC{}, err
	}
	return byPrefix(cmocs, func(c coding.CMOC) string { return c.ID }, ref, "CMOC")
}

// similarTo lists the limit sentences most like query in the documents
// not in skip, best first.
func (s *Session) similarTo(query string, skip map[string]bool, limit int) ([]SimilarResult, error) {
	b := coding.NewBM25(query)
	err := s.store.EachPage(func(docID string, page, start int, text string) error {
		if !skip[docID] {
			b.AddPage(docID, page, start, text)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []SimilarResult
	docs := map[string]coding.Document{}
	for _, h := range b.Top(limit) {
		d, ok := docs[h.DocID]
		if !ok {
			if d, err = s.Document(h.DocID); err != nil {
				return nil, err
			}
			docs[h.DocID] = d
		}
		text, err := s.Text(h.DocID)
		if err != nil {
			return nil, err
		}
		out = append(out, SimilarResult{Similar: h, Doc: d, Text: text.Slice(h.Start, h.End)})
	}
	return out, nil
}

// SearchCounts counts a query's matches within scope by document, in
// import order, leaving out documents without one: what Search with
// coding.UnitMatch lists, counted. Within documents alone it comes from
// the index without reading the pages' text (storage's SearchCounts), in
// milliseconds however common the word; a scope of fragments needs each
// match's offsets, so it counts Search's hits.
func (s *Session) SearchCounts(query string, sc coding.Scope) ([]coding.DocCount, error) {
	q, err := coding.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	if sc.Inside() || sc.Uncoded {
		rs, err := s.Search(query, sc, coding.UnitMatch)
		return countResults(rs), err
	}
	docIDs, err := s.scopeDocs(sc)
	if err != nil || docIDs != nil && len(docIDs) == 0 {
		return nil, err // no document in scope
	}
	return s.store.SearchCounts(q, docIDs...)
}

// countResults counts results by document, in their order.
func countResults(rs []SearchResult) []coding.DocCount {
	var out []coding.DocCount
	for _, r := range rs {
		out = coding.AddCount(out, r.DocID, 1)
	}
	return out
}
