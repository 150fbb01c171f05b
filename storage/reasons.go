package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// The team's list of reasons for excluding a source is one row of meta,
// the reasons a line each (a reason holds no line break: CleanReasons).
// No schema change: meta holds any key.
const reasonsKey = "exclusion_reasons"

// readReasons is the list stored, nil when the team never edited it.
func readReasons(q querier) ([]string, error) {
	var v string
	err := q.QueryRowContext(context.Background(), "SELECT value FROM meta WHERE key = ?", reasonsKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if v == "" {
		return []string{}, nil
	}
	return strings.Split(v, "\n"), nil
}

// Reasons is the team's list of reasons for excluding a source, nil when
// it was never edited.
func (p *Project) Reasons() ([]string, error) {
	var out []string
	err := p.read("read reasons", func(q querier) error {
		var err error
		out, err = readReasons(q)
		return err
	})
	return out, err
}

// Reasons implements coding.ReasonsTx.
func (t *tx) Reasons() ([]string, error) { return readReasons(t.q) }

// PutReasons implements coding.ReasonsTx.
func (t *tx) PutReasons(reasons []string) error {
	return t.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		reasonsKey, strings.Join(reasons, "\n"))
}

var _ coding.ReasonsTx = (*tx)(nil)
