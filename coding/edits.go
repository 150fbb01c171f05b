package coding

import "strings"

// EditSource replaces a document's source fields (bibliographic fields,
// study characteristics and appraisal) with Source. Its undo puts the
// document back exactly as it was, Modified included.
type EditSource struct {
	DocID  string
	Source Source
}

// Apply implements Change.
func (e EditSource) Apply(tx Tx) (Change, error) {
	old, err := tx.Document(e.DocID)
	if err != nil {
		return nil, err
	}
	s := e.Source
	s.Normalise()
	if err := s.Check(); err != nil {
		return nil, E(KindInvalid, "edit source", old.Title, cause(err))
	}
	d := old
	d.SetSource(s)
	d.Modified = tx.Now()
	if err := tx.PutDocument(d); err != nil {
		return nil, err
	}
	return restoreDocument{old}, nil
}

// restoreDocument puts a document's metadata back exactly as it was.
type restoreDocument struct{ d Document }

func (r restoreDocument) Apply(tx Tx) (Change, error) {
	cur, err := tx.Document(r.d.ID)
	if err != nil {
		return nil, err
	}
	if err := tx.PutDocument(r.d); err != nil {
		return nil, err
	}
	return restoreDocument{cur}, nil
}

// findLabel resolves a label by its ID or its name (case-insensitive).
func findLabel(tx Tx, ref string) (Label, error) {
	if l, err := tx.Label(ref); err == nil || !IsKind(err, KindNotFound) {
		return l, err
	}
	return tx.LabelNamed(ref)
}

// RenameLabel gives a codebook label a new name. Fragments and CMOCs keep
// carrying it. Label is the label's ID or current name.
type RenameLabel struct {
	Label string
	Name  string
}

// Apply implements Change.
func (r RenameLabel) Apply(tx Tx) (Change, error) {
	const op = "rename label"
	l, err := findLabel(tx, r.Label)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(r.Name)
	if name == "" {
		return nil, Errorf(KindInvalid, op, l.Name, "a label needs a name")
	}
	if err := checkNameFree(tx.LabelNamed, labelID, l.ID, op, name, "a label with this name exists; merge the labels instead"); err != nil {
		return nil, err
	}
	nl := l
	nl.Name = name
	nl.Modified = tx.Now()
	if err := nl.Check(); err != nil {
		return nil, err
	}
	if err := tx.PutLabel(nl); err != nil {
		return nil, err
	}
	return restoreLabel{l}, nil
}

// MergeLabels merges the label Drop into the label Keep (each an ID or a
// name): every fragment and CMOC carrying Drop carries Keep instead (once,
// where it was first), and Drop leaves the codebook. No coding is lost;
// undo restores every fragment, CMOC and the dropped label as they were.
type MergeLabels struct {
	Keep string
	Drop string
}

// Apply implements Change.
func (m MergeLabels) Apply(tx Tx) (Change, error) {
	const op = "merge labels"
	keep, err := findLabel(tx, m.Keep)
	if err != nil {
		return nil, err
	}
	drop, err := findLabel(tx, m.Drop)
	if err != nil {
		return nil, err
	}
	if keep.ID == drop.ID {
		return nil, Errorf(KindInvalid, op, keep.Name, "a label cannot be merged into itself")
	}
	frags, cmocs, err := tx.LabelUses(drop.ID)
	if err != nil {
		return nil, err
	}
	relabel := func(names []string) []string { return replaceLabel(names, drop.Name, keep.Name) }
	undo, err := putEach(frags, tx.Fragment, tx.PutFragment,
		func(f *Fragment) { f.Labels, f.Modified = relabel(f.Labels), tx.Now() }, func(f Fragment) Change { return restoreFragment{f} })
	if err != nil {
		return nil, err
	}
	undoCMOCs, err := putEach(cmocs, tx.CMOC, tx.PutCMOC,
		func(c *CMOC) { c.Labels, c.Modified = relabel(c.Labels), tx.Now() }, func(c CMOC) Change { return restoreCMOC{c} })
	if err != nil {
		return nil, err
	}
	undo = append(undo, undoCMOCs...)
	u, err := DeleteLabel{ID: drop.ID}.Apply(tx)
	if err != nil {
		return nil, err
	}
	undo = append(undo, u)
	// Undo in reverse: the label first, then the codings that carry it.
	for i, j := 0, len(undo)-1; i < j; i, j = i+1, j-1 {
		undo[i], undo[j] = undo[j], undo[i]
	}
	return undo, nil
}

// putEach puts each of ids (read with get) back changed by edit, and
// returns the changes (again) that put them back as they were.
func putEach[T any](ids []string, get func(string) (T, error), put func(T) error, edit func(*T), again func(T) Change) (Batch, error) {
	var undo Batch
	for _, id := range ids {
		old, err := get(id)
		if err != nil {
			return nil, err
		}
		v := old
		edit(&v)
		if err := put(v); err != nil {
			return nil, err
		}
		undo = append(undo, again(old))
	}
	return undo, nil
}

// replaceLabel puts keep where drop was in names, once.
func replaceLabel(names []string, drop, keep string) []string {
	out := make([]string, 0, len(names))
	have := false
	for _, n := range names {
		if SameName(n, keep) {
			have = true
		}
	}
	for _, n := range names {
		switch {
		case SameName(n, drop):
			if !have {
				out = append(out, keep)
				have = true
			}
		case SameName(n, keep):
			out = append(out, n)
		default:
			out = append(out, n)
		}
	}
	return out
}
