package storage

import "context"

// schemaSearchCounts (schema 8) rebuilds the search index with each
// word's position on its page (detail=full), so that counts come from the
// index without reading the pages' text, and adds search_words, the
// index's words with their positions (fts5vocab, type instance: term,
// doc = the index row, col, offset = the word's position). The tokenizer
// is ascii: IndexTerms' words are folded already (lower case, letters,
// digits and marks), and ascii splits only at ASCII punctuation and
// space, which they never hold, and changes nothing else, so that the
// index's words are IndexTerms' byte for byte (unicode61 would fold case
// again, by its own tables).
func schemaSearchCounts(q querier) error {
	ctx := context.Background()
	// SQLite 3.54's FTS5 leaves the _content table of a
	// contentless_unindexed table behind when dropping it.
	for _, stmt := range []string{"DROP TABLE IF EXISTS search_words", "DROP TABLE search_index", "DROP TABLE IF EXISTS search_index_content",
		createSearchIndexV8, createSearchWords} {
		if _, err := q.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return indexAll(q)
}

const createSearchIndexV8 = `CREATE VIRTUAL TABLE search_index USING fts5(
	words, doc_id UNINDEXED, page UNINDEXED,
	content='', contentless_delete=1, contentless_unindexed=1, detail=full,
	tokenize='ascii')`

const createSearchWords = `CREATE VIRTUAL TABLE search_words USING fts5vocab(search_index, instance)`
