package storage

import (
	"context"
	"database/sql"
	"errors"
)

// Reading rows: every multi-row query in this package goes through eachRow
// or queryAll, so that closing the rows and checking rows.Err are written
// once.

// scanner is what *sql.Row and *sql.Rows offer, so that one scan function
// reads a row of either.
type scanner interface{ Scan(dest ...any) error }

// eachRow runs a query and hands each row, read by scan, to fn in order,
// stopping at the first error. It holds one row at a time: for queries
// whose rows are too many or too big to keep.
func eachRow[T any](q querier, scan func(scanner) (T, error), fn func(T) error, query string, args ...any) error {
	rows, err := q.QueryContext(context.Background(), query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryAll runs a query and returns its rows, each read by scan, in order.
func queryAll[T any](q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	err := eachRow(q, scan, func(v T) error { out = append(out, v); return nil }, query, args...)
	return out, err
}

// queryOne scans the one row query finds; missing is the error when it
// finds none.
func queryOne[T any](q querier, scan func(scanner) (T, error), missing error, query string, args ...any) (T, error) {
	v, err := scan(q.QueryRowContext(context.Background(), query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return v, missing
	}
	return v, err
}

// pair is a row of two strings: a key and a value.
type pair struct{ key, value string }

func scanPair(s scanner) (pair, error) {
	var p pair
	err := s.Scan(&p.key, &p.value)
	return p, err
}

// twoColumns is a row of two columns of any types, for the queries whose
// rows are not worth a type of their own.
type twoColumns[A, B any] struct {
	a A
	b B
}

func scanTwo[A, B any](s scanner) (twoColumns[A, B], error) {
	var r twoColumns[A, B]
	err := s.Scan(&r.a, &r.b)
	return r, err
}

func scanString(s scanner) (string, error) {
	var v string
	err := s.Scan(&v)
	return v, err
}

// scanValues reads a row of n columns as they are, to copy it elsewhere.
func scanValues(n int) func(scanner) ([]any, error) {
	return func(s scanner) ([]any, error) {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		return vals, s.Scan(ptrs...)
	}
}
