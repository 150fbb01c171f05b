package storage

import (
	"encoding/json"

	"cmocoder.org/cmocoder/coding"
)

// FragmentSpans lists the fragments of the documents given, in each
// document's order as Fragments lists them (by offsets, then creation),
// with only what tells where a fragment lies and what it is: ID, DocID,
// Start, End, Page, Role, Valence and Labels; Text, Memo, Coder and the
// times are left empty. It is what search needs to say which hits are
// coded already, without reading every fragment's text: for a common word
// in a large review, reading whole fragments was most of a search.
func (p *Project) FragmentSpans(docs ...string) ([]coding.Fragment, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(docs)
	if err != nil {
		return nil, fail(p.name, "list fragment spans", err)
	}
	return readValue(p, "list fragment spans", func(q querier) ([]coding.Fragment, error) {
		return listFragmentSpans(q, string(ids))
	})
}

// listFragmentSpans reads the spans of the fragments of the documents
// whose IDs the JSON array docs holds (one parameter, however many).
func listFragmentSpans(q querier, docs string) ([]coding.Fragment, error) {
	const inDocs = `f.doc_id IN (SELECT value FROM json_each(?))`
	out, err := queryAll(q, scanFragmentSpan, `SELECT f.id, f.doc_id, f.start_offset, f.end_offset, f.page, f.role, f.valence
		FROM fragments f WHERE `+inDocs+`
		ORDER BY f.doc_id, f.start_offset, f.end_offset, f.created, f.id`, docs)
	if err != nil || len(out) == 0 {
		return out, err
	}
	return out, addFragmentLabels(q, out, "WHERE "+inDocs, docs)
}

func scanFragmentSpan(s scanner) (coding.Fragment, error) {
	var f coding.Fragment
	var role, valence string
	err := s.Scan(&f.ID, &f.DocID, &f.Start, &f.End, &f.Page, &role, &valence)
	f.Role, f.Valence = coding.Role(role), coding.Valence(valence)
	return f, err
}
