package storage

import (
	"errors"
	"slices"
	"testing"
)

// eachRow hands rows over in order, stops at the first error (the scan's
// or the caller's) and always closes its rows: with one connection, rows
// left open would block the next query.
func TestEachRow(t *testing.T) {
	p := newProject(t)
	const query = "SELECT value FROM (SELECT 'a' AS value UNION ALL SELECT 'b' UNION ALL SELECT 'c') ORDER BY value"
	stop := errors.New("stop")
	badScan := errors.New("bad scan")
	for _, tc := range []struct {
		name    string
		scan    func(scanner) (string, error)
		stopAt  string
		want    []string
		wantErr error
	}{
		{"all rows", scanString, "", []string{"a", "b", "c"}, nil},
		{"the caller stops", scanString, "b", []string{"a", "b"}, stop},
		{"a scan fails", func(s scanner) (string, error) { v, _ := scanString(s); return v, badScan }, "", nil, badScan},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			err := p.read("test", func(q querier) error {
				err := eachRow(q, tc.scan, func(v string) error {
					got = append(got, v)
					if v == tc.stopAt {
						return stop
					}
					return nil
				}, query)
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("err = %v, want %v", err, tc.wantErr)
				}
				all, err := queryAll(q, scanString, query) // the connection is free again
				if err != nil || len(all) != 3 {
					t.Errorf("queryAll after: %q, %v", all, err)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("rows %q, want %q", got, tc.want)
			}
		})
	}
}
