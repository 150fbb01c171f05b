package storage

import (
	"context"
	"database/sql"
)

// cachedTx is a write transaction that prepares each statement it runs
// once: SQLite's parser, not the query, was most of the cost of a large
// change (an import of 100,000 labels ran six short statements a label,
// each parsed anew: 16 s, 6 s with the statements kept). Only single-row
// queries and Exec are kept; a multi-row Query is prepared each time, so
// that a loop over its rows may run the same query again inside.
type cachedTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt // closed by database/sql when the transaction ends
}

// maxCachedStmts bounds the statements a transaction keeps: queries built
// with a varying number of placeholders are each a statement of their own.
const maxCachedStmts = 256

// stmt is query prepared in the transaction, or nil when it cannot be
// (the caller then runs it unprepared, which reports the error).
func (c *cachedTx) stmt(ctx context.Context, query string) *sql.Stmt {
	if s, ok := c.stmts[query]; ok {
		return s
	}
	if len(c.stmts) >= maxCachedStmts {
		return nil
	}
	s, err := c.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = s
	return s
}

// QueryRowContext runs a single-row query with its statement prepared
// once in the transaction.
func (c *cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := c.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return c.Tx.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement prepared once in the transaction.
func (c *cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := c.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return c.Tx.ExecContext(ctx, query, args...)
}
