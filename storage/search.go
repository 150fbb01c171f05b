package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"cmocoder.org/cmocoder/coding"
)

// The search index: an FTS5 table with one row per page holding the
// page's folded words in order (coding.IndexTerms), contentless (the
// words are not stored, only the index). It narrows a query to the pages
// that may hold it; coding.Query.MatchPage reads those pages' stored text
// for the exact offsets, so a hit can never disagree with the text. Since
// schema 8 it keeps each word's position on its page (detail=full), so
// that a query's counts come from the index alone (search_counts.go).
// Every write of a page's text rewrites its document's rows in the same
// transaction (indexDocument).

// schemaSearch creates the search index of schema 6 and fills it from the
// pages already stored. Self-contained, so that it can move to any place
// in migrations.
func schemaSearch(q querier) error {
	if _, err := q.ExecContext(context.Background(), createSearchIndexV6); err != nil {
		return err
	}
	return indexAll(q)
}

// indexAll fills the search index from every document's pages.
func indexAll(q querier) error {
	ids, err := queryAll(q, func(s scanner) (string, error) {
		var id string
		return id, s.Scan(&id)
	}, "SELECT id FROM documents ORDER BY position")
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := indexDocument(q, id); err != nil {
			return err
		}
	}
	return nil
}

// The tokenizer keeps every letter, digit and mark in a word, so that it
// takes IndexTerms' words and IndexFilter's terms whole. Schema 8
// replaces it (schema_search_counts.go).
const createSearchIndexV6 = `CREATE VIRTUAL TABLE search_index USING fts5(
	words, doc_id UNINDEXED, page UNINDEXED,
	content='', contentless_delete=1, contentless_unindexed=1, detail=none,
	tokenize="unicode61 remove_diacritics 0 categories 'L* N* M*'")`

// indexDocument (re)writes the index rows of a document's pages from the
// text stored for them, each page's row numbered by indexRow.
func indexDocument(q querier, docID string) error {
	ctx := context.Background()
	var pos int
	if err := q.QueryRowContext(ctx, "SELECT position FROM documents WHERE id = ?", docID).Scan(&pos); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, "DELETE FROM search_index WHERE rowid BETWEEN ? AND ?",
		indexRow(pos, 0), indexRow(pos, maxIndexPage)); err != nil {
		return err
	}
	pages, err := queryAll(q, scanTwo[int, string], "SELECT number, text FROM pages WHERE doc_id = ? ORDER BY number", docID)
	if err != nil {
		return err
	}
	for _, p := range pages {
		n, text := p.a, p.b
		if n > maxIndexPage {
			return fmt.Errorf("page %d: the search index numbers no page past %d", n, maxIndexPage)
		}
		if _, err := q.ExecContext(ctx, "INSERT INTO search_index (rowid, words, doc_id, page) VALUES (?, ?, ?, ?)",
			indexRow(pos, n), coding.IndexTerms(text), docID, n); err != nil {
			return err
		}
	}
	return nil
}

// A page's row in the search index is numbered by its document's position
// (import order, which no other document is given) above its own number,
// so that counting hits from the index learns a row's page without
// reading the row, and a document's rows are one range.
const (
	indexPageBits = 20
	maxIndexPage  = 1<<indexPageBits - 1
)

// indexRow is the index row of page n of the document at position pos.
func indexRow(pos, n int) int64 { return int64(pos)<<indexPageBits | int64(n) }

// indexRowPage is the document position and page number of an index row.
func indexRowPage(row int64) (pos, n int) { return int(row >> indexPageBits), int(row & maxIndexPage) }

// Search finds a query in the documents given (all when none): the pages
// it is on, in import order and page order, each with its text and the
// matches in it.
func (p *Project) Search(query *coding.Query, docs ...string) ([]coding.PageHits, error) {
	return p.SearchFirst(query, 0, docs...)
}

// SearchFirst is Search that stops once the pages found hold limit
// matches at least (0: no limit): the first screen of a common word's
// hits, without reading every page it is on.
func (p *Project) SearchFirst(query *coding.Query, limit int, docs ...string) ([]coding.PageHits, error) {
	return readValue(p, "search", func(q querier) ([]coding.PageHits, error) { return search(q, query, docs, limit) })
}

// errEnough stops reading pages once a search has found what it needs.
var errEnough = errors.New("enough")

func search(q querier, query *coding.Query, docs []string, limit int) ([]coding.PageHits, error) {
	type cand struct {
		doc       string
		pos, page int
	}
	want := map[string]bool{}
	for _, d := range docs {
		want[d] = true
	}
	cands, err := queryAll(q, func(s scanner) (cand, error) {
		var c cand
		return c, s.Scan(&c.doc, &c.pos, &c.page)
	}, `SELECT s.doc_id, d.position, s.page FROM search_index s JOIN documents d ON d.id = s.doc_id
		WHERE search_index MATCH ?`, query.IndexFilter())
	if err != nil {
		return nil, err
	}
	if len(want) > 0 {
		cands = slices.DeleteFunc(cands, func(c cand) bool { return !want[c.doc] })
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.page, b.page)) })
	var out []coding.PageHits
	found := 0
	err = eachStatementRow(q, "SELECT start_offset, text FROM pages WHERE doc_id = ? AND number = ?", len(cands),
		func(i int) []any { return []any{cands[i].doc, cands[i].page} },
		func(i int, s scanner) error {
			ph := coding.PageHits{DocID: cands[i].doc, Page: cands[i].page}
			if err := s.Scan(&ph.Start, &ph.Text); err != nil {
				return err
			}
			if ph.Matches = query.MatchPage(ph.Text); len(ph.Matches) > 0 {
				out = append(out, ph)
				found += len(ph.Matches)
			}
			if limit > 0 && found >= limit {
				return errEnough
			}
			return nil
		})
	if err != nil && err != errEnough {
		return nil, err
	}
	return out, nil
}

// eachStatementRow runs one single-row query n times, prepared once
// (preparing it again for each of thousands of pages was a fifth of a
// common word's search): args gives the i-th run's arguments, scan reads
// its row.
func eachStatementRow(q querier, query string, n int, args func(i int) []any, scan func(i int, s scanner) error) error {
	ctx := context.Background()
	run := func(i int) *sql.Row { return q.QueryRowContext(ctx, query, args(i)...) }
	if pq, ok := q.(interface {
		PrepareContext(context.Context, string) (*sql.Stmt, error)
	}); ok && n > 1 {
		stmt, err := pq.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer stmt.Close()
		run = func(i int) *sql.Row { return stmt.QueryRowContext(ctx, args(i)...) }
	}
	for i := range n {
		if err := scan(i, run(i)); err != nil {
			return err
		}
	}
	return nil
}

// EachPage calls fn with every page's text, document by document in
// import order: its document, number and the offset it starts at in the
// document's text. One read transaction, so that fn sees one state.
func (p *Project) EachPage(fn func(docID string, page, start int, text string) error) error {
	type row struct {
		doc         string
		page, start int
		text        string
	}
	return p.read("read pages", func(q querier) error {
		return eachRow(q, func(s scanner) (row, error) {
			var r row
			return r, s.Scan(&r.doc, &r.page, &r.start, &r.text)
		}, func(r row) error { return fn(r.doc, r.page, r.start, r.text) },
			`SELECT p.doc_id, p.number, p.start_offset, p.text FROM pages p JOIN documents d ON d.id = p.doc_id
			ORDER BY d.position, p.number`)
	})
}
