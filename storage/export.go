package storage

import (
	"context"
	"database/sql"
	"errors"

	"cmocoder.org/cmocoder/coding"
)

// Contents and Deletion are the domain's (coding.Reader).
type (
	Contents = coding.Contents
	Deletion = coding.Removed
)

// Contents reads the whole project's coding in one read transaction, so
// that the tables built from it agree with each other.
func (p *Project) Contents() (Contents, error) {
	var c Contents
	err := p.read("read project", func(q querier) error {
		ctx := context.Background()
		err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'title'").Scan(&c.Title)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if c.Documents, err = listDocuments(q); err != nil {
			return err
		}
		if c.Fragments, err = listFragments(q, ""); err != nil {
			return err
		}
		if c.CMOCs, err = listCMOCs(q, ""); err != nil {
			return err
		}
		if c.Theories, err = theoryRows.list(q); err != nil {
			return err
		}
		if c.Labels, err = labelRows.list(q); err != nil {
			return err
		}
		return eachRow(q, scanMissing, func(m missing) error {
			if c.DeletedFragments == nil {
				c.DeletedFragments = map[string]Deletion{}
			}
			c.DeletedFragments[m.id] = m.Deletion
			return nil
		}, `SELECT DISTINCT cf.fragment_id, coalesce(d.deleted_at, ''), coalesce(d.coder, '')
			FROM cmoc_fragments cf LEFT JOIN fragments f ON f.id = cf.fragment_id
			LEFT JOIN deletions d ON d.entity = 'fragment' AND d.id = cf.fragment_id
			WHERE f.id IS NULL`)
	})
	return c, err
}

// missing is a fragment a CMOC names that is gone, and its deletion.
type missing struct {
	id string
	Deletion
}

func scanMissing(s scanner) (missing, error) {
	var m missing
	err := s.Scan(&m.id, &m.At, &m.Coder)
	return m, err
}
