package storage

import (
	"context"
	"database/sql"
	"errors"

	"cmocoder.org/cmocoder/coding"
)

// Reading fragments, CMOCs, theories and labels: shared by Project (in a
// read transaction) and tx (in the write transaction of a change).

type scanner interface{ Scan(dest ...any) error }

// Fragments lists the fragments of one document, or of all documents when
// docID is "", ordered by document (in import order), start and end.
func (p *Project) Fragments(docID string) ([]coding.Fragment, error) {
	var out []coding.Fragment
	err := p.read("list fragments", func(q querier) error {
		if docID != "" {
			if _, err := getDocument(q, docID); err != nil {
				return err
			}
		}
		var err error
		out, err = listFragments(q, docID)
		return err
	})
	return out, err
}

// Fragment returns one fragment; KindNotFound when there is none.
func (p *Project) Fragment(id string) (coding.Fragment, error) {
	var f coding.Fragment
	err := p.read("get fragment", func(q querier) error {
		var err error
		f, err = getFragment(q, id)
		return err
	})
	return f, err
}

// CMOCs lists the CMOCs in the order they were made.
func (p *Project) CMOCs() ([]coding.CMOC, error) {
	var out []coding.CMOC
	err := p.read("list CMOCs", func(q querier) error {
		var err error
		out, err = listCMOCs(q, "")
		return err
	})
	return out, err
}

// CMOC returns one CMOC; KindNotFound when there is none. Its Fragments
// may name fragments deleted since: they are kept so that the gap shows.
func (p *Project) CMOC(id string) (coding.CMOC, error) {
	var c coding.CMOC
	err := p.read("get CMOC", func(q querier) error {
		var err error
		c, err = getCMOC(q, id)
		return err
	})
	return c, err
}

// Theories lists the programme theories by position, then name.
func (p *Project) Theories() ([]coding.Theory, error) {
	var out []coding.Theory
	err := p.read("list theories", func(q querier) error {
		var err error
		out, err = listTheories(q)
		return err
	})
	return out, err
}

// Labels lists the codebook by name (case-insensitive).
func (p *Project) Labels() ([]coding.Label, error) {
	var out []coding.Label
	err := p.read("list labels", func(q querier) error {
		var err error
		out, err = listLabels(q)
		return err
	})
	return out, err
}

// ---- fragments

const fragmentCols = `f.id, f.doc_id, f.start_offset, f.end_offset, f.page, f.role, f.valence,
	f.coder, f.memo, f.text, f.created, f.modified`

func scanFragment(s scanner) (coding.Fragment, error) {
	var f coding.Fragment
	var role, valence, created, modified string
	if err := s.Scan(&f.ID, &f.DocID, &f.Start, &f.End, &f.Page, &role, &valence,
		&f.Coder, &f.Memo, &f.Text, &created, &modified); err != nil {
		return f, err
	}
	f.Role, f.Valence = coding.Role(role), coding.Valence(valence)
	var err error
	if f.Created, err = parseTime(created); err != nil {
		return f, err
	}
	f.Modified, err = parseTime(modified)
	return f, err
}

func getFragment(q querier, id string) (coding.Fragment, error) {
	ctx := context.Background()
	f, err := scanFragment(q.QueryRowContext(ctx, "SELECT "+fragmentCols+" FROM fragments f WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, notFound("get fragment", "fragment", id)
	}
	if err != nil {
		return f, err
	}
	f.Labels, err = names(q, `SELECT l.name FROM fragment_labels fl JOIN labels l ON l.id = fl.label_id
		WHERE fl.fragment_id = ? ORDER BY fl.position`, id)
	return f, err
}

func listFragments(q querier, docID string) ([]coding.Fragment, error) {
	ctx := context.Background()
	where, labelWhere, args := "", "", []any{}
	if docID != "" {
		where, labelWhere, args = "WHERE f.doc_id = ?", "WHERE f.doc_id = ?", []any{docID}
	}
	rows, err := q.QueryContext(ctx, "SELECT "+fragmentCols+` FROM fragments f
		JOIN documents d ON d.id = f.doc_id `+where+`
		ORDER BY d.position, f.start_offset, f.end_offset, f.created, f.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.Fragment
	index := map[string]int{}
	for rows.Next() {
		f, err := scanFragment(rows)
		if err != nil {
			return nil, err
		}
		index[f.ID] = len(out)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	lrows, err := q.QueryContext(ctx, `SELECT fl.fragment_id, l.name FROM fragment_labels fl
		JOIN labels l ON l.id = fl.label_id JOIN fragments f ON f.id = fl.fragment_id `+labelWhere+`
		ORDER BY fl.fragment_id, fl.position`, args...)
	if err != nil {
		return nil, err
	}
	defer lrows.Close()
	for lrows.Next() {
		var id, name string
		if err := lrows.Scan(&id, &name); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Labels = append(out[i].Labels, name)
		}
	}
	return out, lrows.Err()
}

// names runs a query that returns one string a row.
func names(q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(context.Background(), query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ---- CMOCs

func getCMOC(q querier, id string) (coding.CMOC, error) {
	cs, err := listCMOCs(q, id)
	if err != nil {
		return coding.CMOC{}, err
	}
	if len(cs) == 0 {
		return coding.CMOC{}, notFound("get CMOC", "CMOC", id)
	}
	return cs[0], nil
}

// listCMOCs lists all CMOCs, or the one with the given id.
func listCMOCs(q querier, id string) ([]coding.CMOC, error) {
	ctx := context.Background()
	where, args := "", []any{}
	if id != "" {
		where, args = "WHERE c.id = ?", []any{id}
	}
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.statement, c.narrative, coalesce(c.theory_id, ''),
		c.coder, c.created, c.modified FROM cmocs c `+where+` ORDER BY c.created, c.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.CMOC
	index := map[string]int{}
	for rows.Next() {
		var c coding.CMOC
		var created, modified string
		if err := rows.Scan(&c.ID, &c.Statement, &c.Narrative, &c.TheoryID, &c.Coder, &created, &modified); err != nil {
			return nil, err
		}
		if c.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		if c.Modified, err = parseTime(modified); err != nil {
			return nil, err
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	where = ""
	if id != "" {
		where = "WHERE cf.cmoc_id = ?"
	}
	frows, err := q.QueryContext(ctx, `SELECT cf.cmoc_id, cf.fragment_id FROM cmoc_fragments cf `+where+`
		ORDER BY cf.cmoc_id, cf.position`, args...)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	for frows.Next() {
		var cid, fid string
		if err := frows.Scan(&cid, &fid); err != nil {
			return nil, err
		}
		if i, ok := index[cid]; ok {
			out[i].Fragments = append(out[i].Fragments, fid)
		}
	}
	if err := frows.Err(); err != nil {
		return nil, err
	}
	frows.Close()
	if id != "" {
		where = "WHERE cl.cmoc_id = ?"
	}
	lrows, err := q.QueryContext(ctx, `SELECT cl.cmoc_id, l.name FROM cmoc_labels cl
		JOIN labels l ON l.id = cl.label_id `+where+` ORDER BY cl.cmoc_id, cl.position`, args...)
	if err != nil {
		return nil, err
	}
	defer lrows.Close()
	for lrows.Next() {
		var cid, name string
		if err := lrows.Scan(&cid, &name); err != nil {
			return nil, err
		}
		if i, ok := index[cid]; ok {
			out[i].Labels = append(out[i].Labels, name)
		}
	}
	return out, lrows.Err()
}

// ---- theories

const theoryCols = `id, name, description, kind, coalesce(refines, ''), statement, position, created, modified`

func scanTheory(s scanner) (coding.Theory, error) {
	var t coding.Theory
	var kind, created, modified string
	if err := s.Scan(&t.ID, &t.Name, &t.Description, &kind, &t.Refines, &t.Statement, &t.Position,
		&created, &modified); err != nil {
		return t, err
	}
	t.Kind = coding.TheoryKind(kind)
	var err error
	if t.Created, err = parseTime(created); err != nil {
		return t, err
	}
	t.Modified, err = parseTime(modified)
	return t, err
}

func getTheory(q querier, id string) (coding.Theory, error) {
	t, err := scanTheory(q.QueryRowContext(context.Background(), "SELECT "+theoryCols+" FROM theories WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, notFound("get theory", "programme theory", id)
	}
	return t, err
}

func theoryNamed(q querier, name string) (coding.Theory, error) {
	t, err := scanTheory(q.QueryRowContext(context.Background(), "SELECT "+theoryCols+" FROM theories WHERE fold = ?", coding.NameKey(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return t, coding.Errorf(coding.KindNotFound, "find theory", name, "no programme theory of this name")
	}
	return t, err
}

func listTheories(q querier) ([]coding.Theory, error) {
	rows, err := q.QueryContext(context.Background(), "SELECT "+theoryCols+" FROM theories ORDER BY position, name, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.Theory
	for rows.Next() {
		t, err := scanTheory(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ---- labels

const labelCols = `id, name, definition, colour, created, modified`

func scanLabel(s scanner) (coding.Label, error) {
	var l coding.Label
	var created, modified string
	if err := s.Scan(&l.ID, &l.Name, &l.Definition, &l.Colour, &created, &modified); err != nil {
		return l, err
	}
	var err error
	if l.Created, err = parseTime(created); err != nil {
		return l, err
	}
	l.Modified, err = parseTime(modified)
	return l, err
}

func getLabel(q querier, id string) (coding.Label, error) {
	l, err := scanLabel(q.QueryRowContext(context.Background(), "SELECT "+labelCols+" FROM labels WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, notFound("get label", "label", id)
	}
	return l, err
}

func labelNamed(q querier, name string) (coding.Label, error) {
	l, err := scanLabel(q.QueryRowContext(context.Background(), "SELECT "+labelCols+" FROM labels WHERE fold = ?", coding.NameKey(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return l, coding.Errorf(coding.KindNotFound, "find label", name, "no label of this name")
	}
	return l, err
}

func listLabels(q querier) ([]coding.Label, error) {
	rows, err := q.QueryContext(context.Background(), "SELECT "+labelCols+" FROM labels ORDER BY name, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []coding.Label
	for rows.Next() {
		l, err := scanLabel(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
