package storage

import (
	"context"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// tx is one write transaction on a project: the coding.Tx a Change is
// applied in. Reads see the transaction's own writes.
type tx struct {
	p     *Project
	q     *cachedTx
	now   time.Time
	coder string
}

var _ coding.Tx = (*tx)(nil)

func (t *tx) exec(query string, args ...any) error {
	_, err := t.q.ExecContext(context.Background(), query, args...)
	return err
}

// count runs a query returning one integer.
func (t *tx) count(query string, args ...any) (int, error) {
	var n int
	err := t.q.QueryRowContext(context.Background(), query, args...).Scan(&n)
	return n, err
}

// Now implements coding.Tx: the transaction's time, in UTC.
func (t *tx) Now() time.Time { return t.now }

// Coder implements coding.Tx: the name given to SetCoder (or Create).
func (t *tx) Coder() string { return t.coder }

// Document implements coding.Tx.
func (t *tx) Document(id string) (coding.Document, error) { return getDocument(t.q, id) }

// Text implements coding.Tx.
func (t *tx) Text(docID string) (*coding.Text, error) { return t.p.text(t.q, docID) }

// Fragment implements coding.Tx.
func (t *tx) Fragment(id string) (coding.Fragment, error) { return getFragment(t.q, id) }

// Fragments implements coding.Tx.
func (t *tx) Fragments(docID string) ([]coding.Fragment, error) { return listFragments(t.q, docID) }

// forget removes the deletion recorded for an entity that is put back.
func (t *tx) forget(entity, id string) error {
	return t.exec("DELETE FROM deletions WHERE entity = ? AND id = ?", entity, id)
}

// recordDeletion notes that an entity was deleted, when and by whom.
func (t *tx) recordDeletion(entity, id string) error {
	return t.exec(`INSERT INTO deletions (entity, id, deleted_at, coder) VALUES (?, ?, ?, ?)
		ON CONFLICT (entity, id) DO UPDATE SET deleted_at = excluded.deleted_at, coder = excluded.coder`,
		entity, id, fmtTime(t.now), t.coder)
}

// labelIDs resolves label names to IDs; every label must be in the
// codebook. A label given twice is left to the UNIQUE constraint: the
// domain (coding.NormaliseLabels) never gives one twice.
func (t *tx) labelIDs(op, item string, names []string) ([]string, error) {
	ids := make([]string, 0, len(names))
	for _, n := range names {
		l, err := labelRows.named(t.q, n)
		if coding.IsKind(err, coding.KindNotFound) {
			return nil, coding.Errorf(coding.KindInvalid, op, item, "label %q is not in the codebook", n)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, l.ID)
	}
	return ids, nil
}

// setLabels replaces the ordered labels of a fragment or CMOC.
func (t *tx) setLabels(table, owner, id string, labelIDs []string) error {
	// table and owner are constants of this package, never input.
	if err := t.exec("DELETE FROM "+table+" WHERE "+owner+" = ?", id); err != nil {
		return err
	}
	for i, l := range labelIDs {
		if err := t.exec("INSERT INTO "+table+" ("+owner+", position, label_id) VALUES (?, ?, ?)", id, i, l); err != nil {
			return err
		}
	}
	return nil
}

// labelled ends the put of a fragment or CMOC (entity id): its labels
// in order in table (owner names its column), and any deletion recorded
// for it forgotten.
func (t *tx) labelled(table, owner, entity, id string, labelIDs []string) error {
	if err := t.setLabels(table, owner, id, labelIDs); err != nil {
		return err
	}
	return t.forget(entity, id)
}

// PutFragment implements coding.Tx: it inserts or replaces f as given and
// forgets any deletion recorded for its ID. Its labels must be in the
// codebook.
func (t *tx) PutFragment(f coding.Fragment) error {
	const op = "save fragment"
	if f.ID == "" {
		return coding.Errorf(coding.KindInvalid, op, "", "a fragment needs an id")
	}
	if err := f.Check(); err != nil {
		return err
	}
	if f.Start < 0 || f.End <= f.Start {
		return coding.Errorf(coding.KindInvalid, op, f.ID, "offsets %d-%d: not a span", f.Start, f.End)
	}
	if f.Page < 1 {
		return coding.Errorf(coding.KindInvalid, op, f.ID, "page %d: pages count from 1", f.Page)
	}
	if _, err := getDocument(t.q, f.DocID); err != nil {
		return err
	}
	labels, err := t.labelIDs(op, f.ID, f.Labels)
	if err != nil {
		return err
	}
	err = t.exec(`INSERT INTO fragments (id, doc_id, start_offset, end_offset, page, role, valence,
			coder, memo, text, created, modified)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET doc_id = excluded.doc_id, start_offset = excluded.start_offset,
			end_offset = excluded.end_offset, page = excluded.page, role = excluded.role,
			valence = excluded.valence, coder = excluded.coder, memo = excluded.memo,
			text = excluded.text, created = excluded.created, modified = excluded.modified`,
		f.ID, f.DocID, f.Start, f.End, f.Page, string(f.Role), string(f.Valence),
		f.Coder, f.Memo, f.Text, fmtTime(f.Created), fmtTime(f.Modified))
	if err != nil {
		return err
	}
	return t.labelled("fragment_labels", "fragment_id", "fragment", f.ID, labels)
}

// DeleteFragment implements coding.Tx. CMOCs keep the fragment's ID.
func (t *tx) DeleteFragment(id string) error {
	return t.deleteRecorded("fragments", "fragment", "fragment", id)
}

// deleteRecorded deletes row id of table and records the deletion of
// entity, so that a merge carries it; KindNotFound (naming what) when
// there is no such row.
func (t *tx) deleteRecorded(table, entity, what, id string) error {
	res, err := t.q.ExecContext(context.Background(), "DELETE FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("delete "+what, what, id)
	}
	return t.recordDeletion(entity, id)
}

// CMOC implements coding.Tx.
func (t *tx) CMOC(id string) (coding.CMOC, error) { return getCMOC(t.q, id) }

// PutCMOC implements coding.Tx: it inserts or replaces c as given. Its
// fragments are not checked (a CMOC may name a deleted fragment; one
// named twice is refused by the UNIQUE constraint, behind
// coding.CMOC.Check); its theory and labels must exist.
func (t *tx) PutCMOC(c coding.CMOC) error {
	const op = "save CMOC"
	if c.ID == "" {
		return coding.Errorf(coding.KindInvalid, op, "", "a CMOC needs an id")
	}
	var theory any // NULL when there is none
	if c.TheoryID != "" {
		if _, err := theoryRows.get(t.q, c.TheoryID); err != nil {
			return err
		}
		theory = c.TheoryID
	}
	labels, err := t.labelIDs(op, c.ID, c.Labels)
	if err != nil {
		return err
	}
	err = t.exec(`INSERT INTO cmocs (id, statement, narrative, theory_id, coder, created, modified)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET statement = excluded.statement, narrative = excluded.narrative,
			theory_id = excluded.theory_id, coder = excluded.coder, created = excluded.created,
			modified = excluded.modified`,
		c.ID, c.Statement, c.Narrative, theory, c.Coder, fmtTime(c.Created), fmtTime(c.Modified))
	if err != nil {
		return err
	}
	if err := t.exec("DELETE FROM cmoc_fragments WHERE cmoc_id = ?", c.ID); err != nil {
		return err
	}
	for i, f := range c.Fragments {
		if err := t.exec("INSERT INTO cmoc_fragments (cmoc_id, position, fragment_id) VALUES (?, ?, ?)", c.ID, i, f); err != nil {
			return err
		}
	}
	return t.labelled("cmoc_labels", "cmoc_id", "cmoc", c.ID, labels)
}

// DeleteCMOC implements coding.Tx. The CMOC's fragments stay.
func (t *tx) DeleteCMOC(id string) error {
	return t.deleteRecorded("cmocs", "cmoc", "CMOC", id)
}

// Theory implements coding.Tx.
func (t *tx) Theory(id string) (coding.Theory, error) { return theoryRows.get(t.q, id) }

// TheoryNamed implements coding.Tx.
func (t *tx) TheoryNamed(name string) (coding.Theory, error) { return theoryRows.named(t.q, name) }

// PutTheory implements coding.Tx. A name another theory holds is refused
// by the UNIQUE constraint on its key (coding.PutTheory says it first).
func (t *tx) PutTheory(th coding.Theory) error {
	if err := theoryRows.valid(th.ID, th.Name, th.Check); err != nil {
		return err
	}
	var refines any
	if th.Refines != "" {
		if _, err := theoryRows.get(t.q, th.Refines); err != nil {
			return err
		}
		refines = th.Refines
	}
	err := t.exec(`INSERT INTO theories (id, name, fold, description, kind, refines, statement, position,
			created, modified)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, fold = excluded.fold,
			description = excluded.description, kind = excluded.kind, refines = excluded.refines,
			statement = excluded.statement, position = excluded.position, created = excluded.created,
			modified = excluded.modified`,
		th.ID, th.Name, coding.NameKey(th.Name), th.Description, string(th.Kind), refines, th.Statement, th.Position,
		fmtTime(th.Created), fmtTime(th.Modified))
	if err != nil {
		return err
	}
	return t.forget("theory", th.ID)
}

// DeleteTheory implements coding.Tx. A theory still in use is refused by
// the foreign keys (coding.DeleteTheory says why first).
func (t *tx) DeleteTheory(id string) error { return theoryRows.delete(t, id) }

// TheoryUses implements coding.Tx: the CMOCs filed under a theory (in the
// order they were made) and the theories that refine it (by name).
func (t *tx) TheoryUses(theoryID string) (cmocs, refinedBy []string, err error) {
	if _, err := theoryRows.get(t.q, theoryID); err != nil {
		return nil, nil, err
	}
	cmocs, err = names(t.q, "SELECT id FROM cmocs WHERE theory_id = ? ORDER BY created, id", theoryID)
	if err != nil {
		return nil, nil, err
	}
	refinedBy, err = names(t.q, "SELECT id FROM theories WHERE refines = ? ORDER BY name, id", theoryID)
	return cmocs, refinedBy, err
}

// Label implements coding.Tx.
func (t *tx) Label(id string) (coding.Label, error) { return labelRows.get(t.q, id) }

// LabelNamed implements coding.Tx.
func (t *tx) LabelNamed(name string) (coding.Label, error) { return labelRows.named(t.q, name) }

// Labels implements coding.Tx.
func (t *tx) Labels() ([]coding.Label, error) { return labelRows.list(t.q) }

// PutLabel implements coding.Tx. Codings refer to labels by ID, so a
// renamed label keeps them. A name another label holds is refused by the
// UNIQUE constraint on its key (coding.PutLabel says it first).
func (t *tx) PutLabel(l coding.Label) error {
	if err := labelRows.valid(l.ID, l.Name, l.Check); err != nil {
		return err
	}
	err := t.exec(`INSERT INTO labels (id, name, fold, definition, colour, created, modified)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, fold = excluded.fold,
			definition = excluded.definition, colour = excluded.colour, created = excluded.created,
			modified = excluded.modified`,
		l.ID, l.Name, coding.NameKey(l.Name), l.Definition, l.Colour, fmtTime(l.Created), fmtTime(l.Modified))
	if err != nil {
		return err
	}
	return t.forget("label", l.ID)
}

// DeleteLabel implements coding.Tx. A label still in use is refused by
// the foreign keys (coding.DeleteLabel says why first).
func (t *tx) DeleteLabel(id string) error { return labelRows.delete(t, id) }

// PutDocument implements coding.Tx: it replaces the metadata of an existing
// document (title, source fields, Modified); its pages, PDF, SHA-256 and
// import facts stay as imported.
func (t *tx) PutDocument(d coding.Document) error {
	const op = "save document"
	if _, err := getDocument(t.q, d.ID); err != nil {
		return err
	}
	// Only what the file's rules need: the domain (coding.EditSource)
	// checks the rest, and a document's old state must always go back.
	if !d.Decision.Valid() {
		return coding.Errorf(coding.KindInvalid, op, d.Title, "unknown decision %q (want include, exclude or undecided)", d.Decision)
	}
	for _, j := range []coding.Judgement{d.Relevance.Judgement, d.Rigour.Judgement, d.Richness.Judgement} {
		if !j.Valid() {
			return coding.Errorf(coding.KindInvalid, op, d.Title, "unknown judgement %q (want high, moderate, low or none)", j)
		}
	}
	return t.exec(`UPDATE documents SET title = ?, authors = ?, year = ?, citation = ?, objectives = ?,
			location = ?, design = ?, participants = ?, relevance = ?, relevance_note = ?, rigour = ?,
			rigour_note = ?, modified = ?, (`+refsCols+`) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		WHERE id = ?`,
		append(append([]any{d.Title, d.Authors, d.Year, d.Citation, d.Objectives, d.Location, d.Design, d.Participants,
			string(d.Relevance.Judgement), d.Relevance.Note, string(d.Rigour.Judgement), d.Rigour.Note,
			fmtTime(d.Modified)}, refsValues(d.Reference, d.Screening)...), d.ID)...)
}

// LabelUses implements coding.Tx: the fragments (in document order) and
// the CMOCs (in the order they were made) that carry a label.
func (t *tx) LabelUses(labelID string) (fragments, cmocs []string, err error) {
	if _, err := labelRows.get(t.q, labelID); err != nil {
		return nil, nil, err
	}
	fragments, err = names(t.q, `SELECT f.id FROM fragment_labels fl JOIN fragments f ON f.id = fl.fragment_id
		JOIN documents d ON d.id = f.doc_id WHERE fl.label_id = ?
		ORDER BY d.position, f.start_offset, f.end_offset, f.created, f.id`, labelID)
	if err != nil {
		return nil, nil, err
	}
	cmocs, err = names(t.q, `SELECT c.id FROM cmoc_labels cl JOIN cmocs c ON c.id = cl.cmoc_id
		WHERE cl.label_id = ? ORDER BY c.created, c.id`, labelID)
	return fragments, cmocs, err
}
