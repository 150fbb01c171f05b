package session

import "cmocoder.org/cmocoder/coding"

// SearchResult is one hit of a project-wide search as the front ends show
// it: the span of the unit asked for (Hit), the first match in it, a line
// of context around that match, and the fragments the span overlaps.
type SearchResult struct {
	coding.Hit
	Doc                  coding.Document
	MatchStart, MatchEnd int
	Text                 string // the span's text
	Before, Match, After string // the context line, the match apart
	Fragments            []coding.Fragment
}

// contextWidth is about how many code points a hit's context line holds.
const contextWidth = 90

// Search parses a query (a malformed one is a *coding.QueryError) and
// finds it in the project within scope, each hit widened to unit (hits
// whose units meet become one), in import order.
func (s *Session) Search(query string, sc coding.Scope, unit coding.Unit) ([]SearchResult, error) {
	q, err := coding.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	hits, err := s.store.Search(q, sc.Docs...)
	if err != nil {
		return nil, err
	}
	var out []SearchResult
	docs := map[string]*docData{}
	for _, h := range hits {
		d := docs[h.DocID]
		if d == nil {
			if d, err = s.docData(h.DocID); err != nil {
				return nil, err
			}
			docs[h.DocID] = d
		}
		if !sc.Keeps(h, coding.Overlapping(d.frags, h.Start, h.End)) {
			continue
		}
		start, end := d.text.Span(h.Start, h.End, unit)
		if n := len(out); n > 0 && out[n-1].DocID == h.DocID && start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, end)
			continue
		}
		r := SearchResult{Hit: coding.Hit{DocID: h.DocID, Page: d.text.PageAt(start), Start: start, End: end},
			Doc: d.doc, MatchStart: h.Start, MatchEnd: h.End}
		r.Before, r.Match, r.After = d.text.ContextParts(h.Start, h.End, contextWidth)
		out = append(out, r)
	}
	for i := range out {
		r, d := &out[i], docs[out[i].DocID]
		r.Text = d.text.Slice(r.Start, r.End)
		r.Fragments = coding.Overlapping(d.frags, r.Start, r.End)
	}
	return out, nil
}

// docData is what Search reads of a document a hit is in.
type docData struct {
	doc   coding.Document
	text  *coding.Text
	frags []coding.Fragment
}

func (s *Session) docData(id string) (*docData, error) {
	var d docData
	var err error
	if d.doc, err = s.Document(id); err != nil {
		return nil, err
	}
	if d.text, err = s.Text(id); err != nil {
		return nil, err
	}
	if d.frags, err = s.Fragments(id); err != nil {
		return nil, err
	}
	return &d, nil
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
	b := coding.NewBM25(f.Text)
	err = s.store.EachPage(func(docID string, page, start int, text string) error {
		if docID != f.DocID {
			b.AddPage(docID, page, start, text)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []SimilarResult
	docs := map[string]*docData{}
	for _, h := range b.Top(limit) {
		d := docs[h.DocID]
		if d == nil {
			if d, err = s.docData(h.DocID); err != nil {
				return nil, err
			}
			docs[h.DocID] = d
		}
		out = append(out, SimilarResult{Similar: h, Doc: d.doc, Text: d.text.Slice(h.Start, h.End)})
	}
	return out, nil
}
