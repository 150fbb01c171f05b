package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// Merging a teammate's project into this one (coding.PlanMerge has the
// rules): the other project is only read, through a read-only connection
// in one read transaction; ours is changed in one write transaction.

// OpenReadOnly opens a project for reading only, as merge reads a
// teammate's file: SQLite opens it read-only (mode=ro), so no byte of it
// can change; it is neither migrated nor rolled back. A project with a
// journal beside it (being written, or interrupted) is refused, as only a
// writer may roll the journal back; so is one made by an older or newer
// cmocoder (KindDamaged), and anything Open refuses.
func OpenReadOnly(path string) (*Project, error) {
	const op = "open project"
	abs, err := statProject(path, op)
	if err != nil {
		return nil, err
	}
	// A journal beside it: a change is under way or was interrupted, and
	// the header may be half written; only a writer may roll it back.
	if _, err := os.Stat(abs + "-journal"); err == nil {
		return nil, coding.Errorf(coding.KindBusy, op, "", "%s is being changed by another program, or a change to it was interrupted; open it in cmocoder once, then try again", path)
	}
	if err := checkHeader(abs, path, op, false); err != nil {
		return nil, err
	}
	db, _ := sql.Open("sqlite", strings.Replace(dsn(abs, defaultBusyTimeout), "mode=rw", "mode=ro", 1))
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	p := &Project{path: abs, name: path, db: db, busy: defaultBusyTimeout, texts: map[string]*coding.Text{}}
	err = p.read(op, func(q querier) error {
		ctx := context.Background()
		var n, version int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return err
		}
		if err := checkHeader(abs, path, op, true); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		switch {
		case version > schemaVersion():
			return coding.Errorf(coding.KindDamaged, op, "", "%s was made by a newer cmocoder (schema %d); please update", path, version)
		case version == 0 || n == 0:
			return damaged(path, op, "it holds no project tables")
		case version < schemaVersion():
			return coding.Errorf(coding.KindDamaged, op, "", "%s was made by an older cmocoder (schema %d); open it in this cmocoder once to bring it up to date", path, version)
		}
		if problem, err := quickCheck(ctx, q); err != nil {
			return err
		} else if problem != "" {
			return damaged(path, op, problem)
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return p, nil
}

// SameFile reports whether two projects are one file.
func (p *Project) SameFile(other *Project) bool {
	a, err1 := os.Stat(p.path)
	b, err2 := os.Stat(other.path)
	if err1 != nil || err2 != nil {
		return p.path == other.path
	}
	return os.SameFile(a, b)
}

// MergeSide reads the project as a merge compares it, in one read
// transaction.
func (p *Project) MergeSide() (coding.MergeSide, error) {
	return readValue(p, "read project", readMergeSide)
}

func readMergeSide(q querier) (coding.MergeSide, error) {
	var s coding.MergeSide
	docs, err := listDocuments(q)
	if err != nil {
		return s, err
	}
	for _, d := range docs {
		s.Documents = append(s.Documents, coding.MergeDocument{Document: d})
	}
	index := indexByID(s.Documents, func(d coding.MergeDocument) string { return d.ID })
	// The digest of each document's text: its pages joined by form feeds,
	// as coding.Text.String has it.
	var cur string
	h := sha256.New()
	flush := func() {
		if i, ok := index[cur]; ok {
			s.Documents[i].TextSHA256 = hex.EncodeToString(h.Sum(nil))
		}
		h.Reset()
	}
	err = eachRow(q, scanPair, func(p pair) error {
		if p.key != cur {
			if cur != "" {
				flush()
			}
			cur = p.key
		} else {
			h.Write([]byte{coding.PageSeparator})
		}
		h.Write([]byte(p.value))
		return nil
	}, "SELECT doc_id, text FROM pages ORDER BY doc_id, number")
	if err != nil {
		return s, err
	}
	if cur != "" {
		flush()
	}
	for i := range s.Documents { // a document without pages
		if s.Documents[i].TextSHA256 == "" {
			s.Documents[i].TextSHA256 = hex.EncodeToString(h.Sum(nil))
		}
	}
	if s.Labels, err = labelRows.list(q); err != nil {
		return s, err
	}
	if s.Theories, err = theoryRows.list(q); err != nil {
		return s, err
	}
	if s.Fragments, err = listFragments(q, ""); err != nil {
		return s, err
	}
	if s.CMOCs, err = listCMOCs(q, ""); err != nil {
		return s, err
	}
	if s.Coders, err = names(q, "SELECT name FROM coders ORDER BY name"); err != nil {
		return s, err
	}
	s.Deletions, err = queryAll(q, scanDeletion, "SELECT entity, id, deleted_at, coder FROM deletions ORDER BY entity, id")
	return s, err
}

func scanDeletion(s scanner) (coding.Deletion, error) {
	var d coding.Deletion
	var when string
	if err := s.Scan(&d.Entity, &d.ID, &when, &d.Coder); err != nil {
		return d, err
	}
	var err error
	d.At, err = parseTime(when)
	return d, err
}

// Merge merges other (a teammate's project, opened with OpenReadOnly) into
// p by the rules of coding.PlanMerge, and returns the plan it carried out.
// Everything happens in one write transaction on p: on any error nothing
// of p changes. other is only read, in one read transaction, so the merge
// sees one state of it. With dryRun, or when there is nothing to do,
// nothing is written at all. Merged entities keep other's coders and
// times; the person merging is not recorded as a coder.
func (p *Project) Merge(other *Project, dryRun bool) (coding.MergePlan, error) {
	const op = "merge"
	if p.SameFile(other) {
		return coding.MergePlan{}, coding.Errorf(coding.KindInvalid, op, "", "%s and %s are the same file", p.name, other.name)
	}
	otx, err := other.db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return coding.MergePlan{}, fail(other.name, op, err)
	}
	defer otx.Rollback()
	theirs, err := readMergeSide(otx)
	if err != nil {
		return coding.MergePlan{}, fail(other.name, op, err)
	}
	return p.merge(theirs, otx, other.name, dryRun)
}

// MergeCoding merges a coding file's content (theirs, read from the file
// named otherName) into p, as Merge merges a project: a document only the
// coding file names is reported, since its file is not there to copy.
func (p *Project) MergeCoding(theirs coding.MergeSide, otherName string, dryRun bool) (coding.MergePlan, error) {
	theirs.WithoutFiles = true
	return p.merge(theirs, nil, otherName, dryRun)
}

// merge plans and, unless dryRun, applies merging theirs into p; otx
// reads the documents to copy (nil for a coding file, which has none).
func (p *Project) merge(theirs coding.MergeSide, otx *sql.Tx, otherName string, dryRun bool) (coding.MergePlan, error) {
	ours, err := p.MergeSide()
	if err != nil {
		return coding.MergePlan{}, err
	}
	plan := coding.PlanMerge(ours, theirs)
	if dryRun || plan.Empty() {
		return plan, nil
	}
	err = p.write("merge", func(t *tx) error {
		t.coder = "" // the merge brings OTHER's coders, not the merger
		// Plan again inside the transaction: ours may have changed since.
		ours, err := readMergeSide(t.q)
		if err != nil {
			return err
		}
		plan = coding.PlanMerge(ours, theirs)
		return applyMerge(t, otx, otherName, plan)
	})
	if err != nil {
		return coding.MergePlan{}, err
	}
	return plan, nil
}

// putAll puts each of vs, stopping at the first error.
func putAll[T any](vs []T, put func(T) error) error {
	for _, v := range vs {
		if err := put(v); err != nil {
			return err
		}
	}
	return nil
}

// applyMerge carries out a plan in t; otx reads the other project.
func applyMerge(t *tx, otx *sql.Tx, otherName string, plan coding.MergePlan) error {
	for _, name := range plan.Coders {
		if err := t.exec("INSERT INTO coders (id, name, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			coding.NewID(), name, fmtTime(t.now)); err != nil {
			return err
		}
	}
	if otx == nil && len(plan.AddDocuments) > 0 {
		return coding.Errorf(coding.KindInvalid, "merge", "", "%s carries no documents' files to add", otherName)
	}
	for _, id := range plan.AddDocuments {
		if err := copyDocument(t, otx, otherName, id); err != nil {
			return err
		}
	}
	if err := putAll(plan.UpdateDocuments, t.PutDocument); err != nil {
		return err
	}
	if err := putAll(slices.Concat(plan.UpdateLabels, plan.AddLabels), t.PutLabel); err != nil {
		return err
	}
	// Theories: each after the theory it refines.
	pending := append(append([]coding.Theory(nil), plan.UpdateTheories...), plan.AddTheories...)
	for len(pending) > 0 {
		var later []coding.Theory
		for _, th := range pending {
			if th.Refines != "" {
				if _, err := theoryRows.get(t.q, th.Refines); coding.IsKind(err, coding.KindNotFound) {
					later = append(later, th)
					continue
				} else if err != nil {
					return err
				}
			}
			if err := t.PutTheory(th); err != nil {
				return err
			}
		}
		if len(later) == len(pending) {
			return coding.Errorf(coding.KindInvalid, "merge", later[0].Name, "refines a programme theory that is in neither project")
		}
		pending = later
	}
	if err := putAll(plan.PutFragments, t.PutFragment); err != nil {
		return err
	}
	if err := putAll(plan.PutCMOCs, t.PutCMOC); err != nil {
		return err
	}
	// CMOCs first, then what they use; a label or a theory still in use
	// here (inUse counts the uses of the ID given twice) is refused.
	for _, del := range []struct {
		table string
		ds    []coding.Deletion
		inUse string
		what  string
	}{
		{"cmocs", plan.DeleteCMOCs, "", ""},
		{"fragments", plan.DeleteFragments, "", ""},
		{"labels", plan.DeleteLabels, "SELECT (SELECT count(*) FROM fragment_labels WHERE label_id = ?) + (SELECT count(*) FROM cmoc_labels WHERE label_id = ?)", "a label"},
		{"theories", plan.DeleteTheories, "SELECT (SELECT count(*) FROM cmocs WHERE theory_id = ?) + (SELECT count(*) FROM theories WHERE refines = ?)", "a programme theory"},
	} {
		for _, d := range del.ds {
			if del.inUse != "" {
				n, err := t.count(del.inUse, d.ID, d.ID)
				if err != nil {
					return err
				}
				if n > 0 {
					return coding.Errorf(coding.KindInvalid, "merge", d.ID, "%s deleted in %s is still in use here", del.what, otherName)
				}
			}
			if err := t.mergeDelete(del.table, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergeDelete deletes a row of table (a constant of this file) and
// records the deletion with the time and coder of the project it came
// from.
func (t *tx) mergeDelete(table string, d coding.Deletion) error {
	if err := t.exec("DELETE FROM "+table+" WHERE id = ?", d.ID); err != nil {
		return err
	}
	return t.exec(`INSERT INTO deletions (entity, id, deleted_at, coder) VALUES (?, ?, ?, ?)
		ON CONFLICT (entity, id) DO UPDATE SET deleted_at = excluded.deleted_at, coder = excluded.coder`,
		d.Entity, d.ID, fmtTime(d.At), d.Coder)
}

// copyDocument copies one document of the other project, row for row:
// its metadata, its original file (checked against its SHA-256) and its pages with
// their text and boxes. It goes after our documents, keeping its ID.
func copyDocument(t *tx, otx *sql.Tx, otherName, id string) error {
	ctx := context.Background()
	const cols = `id, file_name, title, sha256, pages, chars, authors, year, citation, needs_ocr, warnings,
		added, modified, objectives, location, design, participants, relevance, relevance_note, rigour, rigour_note,
		format, encoding, line_ending, ` + refsCols
	vals, err := scanValues(37)(otx.QueryRowContext(ctx, "SELECT "+cols+" FROM documents WHERE id = ?", id))
	if err != nil {
		return fail(otherName, "merge", err)
	}
	err = t.exec(`INSERT INTO documents (position, `+cols+`)
		VALUES ((SELECT coalesce(max(position), 0) + 1 FROM documents), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
			?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, vals...)
	if err != nil {
		return err
	}
	var pdf []byte
	err = otx.QueryRowContext(ctx, "SELECT data FROM pdfs WHERE doc_id = ?", id).Scan(&pdf)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fail(otherName, "merge", err)
	default:
		if sha, _ := vals[3].(string); sha != "" {
			sum := sha256.Sum256(pdf)
			if hex.EncodeToString(sum[:]) != sha {
				title, _ := vals[2].(string)
				return damaged(otherName, "merge", fmt.Sprintf("the original file of %q is not the one imported", title))
			}
		}
		if err := t.exec("INSERT INTO pdfs (doc_id, data) VALUES (?, ?)", id, pdf); err != nil {
			return err
		}
	}
	stmt, err := t.q.PrepareContext(ctx, insertPage)
	if err != nil {
		return err
	}
	defer stmt.Close()
	err = eachRow(otx, scanValues(9), func(pv []any) error {
		if _, err := stmt.ExecContext(ctx, append([]any{id}, pv...)...); err != nil {
			return fail(t.p.name, "merge", err) // ours, not OTHER's
		}
		return nil
	}, `SELECT number, start_offset, text, boxes, x0, y0, x1, y1, rotation
		FROM pages WHERE doc_id = ? ORDER BY number`, id)
	if err != nil {
		return fail(otherName, "merge", err)
	}
	if err := indexDocument(t.q, id); err != nil {
		return err
	}
	return t.forget("document", id)
}
