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
		rows, err := q.QueryContext(ctx, "SELECT "+documentCols+" FROM documents ORDER BY position")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				return err
			}
			c.Documents = append(c.Documents, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if c.Fragments, err = listFragments(q, ""); err != nil {
			return err
		}
		if c.CMOCs, err = listCMOCs(q, ""); err != nil {
			return err
		}
		if c.Theories, err = listTheories(q); err != nil {
			return err
		}
		if c.Labels, err = listLabels(q); err != nil {
			return err
		}
		drows, err := q.QueryContext(ctx, `SELECT DISTINCT cf.fragment_id, coalesce(d.deleted_at, ''), coalesce(d.coder, '')
			FROM cmoc_fragments cf LEFT JOIN fragments f ON f.id = cf.fragment_id
			LEFT JOIN deletions d ON d.entity = 'fragment' AND d.id = cf.fragment_id
			WHERE f.id IS NULL`)
		if err != nil {
			return err
		}
		defer drows.Close()
		for drows.Next() {
			var id string
			var d Deletion
			if err := drows.Scan(&id, &d.At, &d.Coder); err != nil {
				return err
			}
			if c.DeletedFragments == nil {
				c.DeletedFragments = map[string]Deletion{}
			}
			c.DeletedFragments[id] = d
		}
		return drows.Err()
	})
	return c, err
}
