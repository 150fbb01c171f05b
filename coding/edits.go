package coding

import (
	"strings"
	"time"
)

// EditSource changes a document's source fields (bibliographic fields,
// study characteristics and appraisal). With From, the source as the
// editor read it, only the fields in which Source differs from From are
// written, each only while it is still stored as From has it: a field
// changed underneath since makes the whole edit a *EditConflict, nothing
// written. Without From every field is replaced. Its undo is the same
// kind of edit back, so an undo whose field was changed since by another
// program is refused too.
type EditSource struct {
	DocID   string
	Source  Source
	From    *Source
	Resolve Resolution // what to do with a field changed underneath
}

// Apply implements Change.
func (e EditSource) Apply(tx Tx) (Change, error) {
	return e.apply(tx, nil)
}

// apply makes the edit and returns its undo. When the edit leaves the
// document's source exactly as it was at the time was (an undo nobody
// else interfered with), the document is modified at was again, so that
// undo puts it back exactly, and a merge does not take it for newer.
func (e EditSource) apply(tx Tx, was *time.Time) (Change, error) {
	const op = "edit source"
	old, err := tx.Document(e.DocID)
	if err != nil {
		return nil, err
	}
	want := e.Source
	want.Normalise()
	if err := want.Check(); err != nil {
		return nil, E(KindInvalid, op, old.Title, cause(err))
	}
	stored := old.Source()
	from := stored
	if e.From != nil {
		from = *e.From
		from.Normalise()
	}
	if want.Title == "" {
		// A document always has a title: an edit without one keeps it.
		want.Title = from.Title
	}
	next, conflicts := mergeFields(sourceFields, stored, from, want, e.Resolve)
	if len(conflicts) > 0 {
		return nil, conflictError(op, quoteClip(old.Title), conflicts)
	}
	undo := undoSource{EditSource{DocID: e.DocID, Source: stored, From: &next}, old.Modified, old.Title}
	if next == stored {
		return undo, nil
	}
	d := old
	d.SetSource(next)
	d.Modified = tx.Now()
	if was != nil && next == want {
		d.Modified = *was
	}
	if err := tx.PutDocument(d); err != nil {
		return nil, err
	}
	return undo, nil
}

// undoSource is the undo (and the redo) of a source edit: the edit back,
// field by field, and the time the document was modified before it.
type undoSource struct {
	edit     EditSource
	modified time.Time
	title    string // for the undo menu
}

func (u undoSource) Apply(tx Tx) (Change, error) { return u.edit.apply(tx, &u.modified) }

// sourceFields are a Source's fields, named as the CLI's flags name them.
var sourceFields = func() []field[Source] {
	fs := make([]field[Source], len(sourceFieldsAt))
	for i, f := range sourceFieldsAt {
		fs[i] = stringField(f.name, f.at)
	}
	return fs
}()

// sourceFieldsAt says where each of a Source's fields is.
var sourceFieldsAt = []struct {
	name string
	at   func(*Source) *string
}{
	{"title", func(s *Source) *string { return &s.Title }},
	{"authors", func(s *Source) *string { return &s.Authors }},
	{"year", func(s *Source) *string { return &s.Year }},
	{"citation", func(s *Source) *string { return &s.Citation }},
	{"objectives", func(s *Source) *string { return &s.Objectives }},
	{"location", func(s *Source) *string { return &s.Location }},
	{"design", func(s *Source) *string { return &s.Design }},
	{"participants", func(s *Source) *string { return &s.Participants }},
	{"relevance", func(s *Source) *string { return (*string)(&s.Relevance.Judgement) }},
	{"relevance-note", func(s *Source) *string { return &s.Relevance.Note }},
	{"rigour", func(s *Source) *string { return (*string)(&s.Rigour.Judgement) }},
	{"rigour-note", func(s *Source) *string { return &s.Rigour.Note }},
	{"journal", func(s *Source) *string { return &s.Journal }},
	{"volume", func(s *Source) *string { return &s.Volume }},
	{"issue", func(s *Source) *string { return &s.Issue }},
	{"pages", func(s *Source) *string { return &s.PageRange }},
	{"doi", func(s *Source) *string { return &s.DOI }},
	{"url", func(s *Source) *string { return &s.URL }},
	{"richness", func(s *Source) *string { return (*string)(&s.Richness.Judgement) }},
	{"richness-note", func(s *Source) *string { return &s.Richness.Note }},
	{"decision", func(s *Source) *string { return (*string)(&s.Decision) }},
	{"reason", func(s *Source) *string { return &s.Reason }},
	{"stage", func(s *Source) *string { return &s.Stage }},
	{"decided-by", func(s *Source) *string { return &s.DecidedBy }},
	{"decided-at", func(s *Source) *string { return &s.DecidedAt }},
}

// SourceField points at the field of s that a *EditConflict names, nil for
// an unknown name.
func SourceField(s *Source, name string) *string {
	for _, f := range sourceFieldsAt {
		if f.name == name {
			return f.at(s)
		}
	}
	return nil
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
	return labelTable.restore(l), nil
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
		func(f *Fragment) { f.Labels, f.Modified = relabel(f.Labels), tx.Now() }, fragmentTable.restore)
	if err != nil {
		return nil, err
	}
	undoCMOCs, err := putEach(cmocs, tx.CMOC, tx.PutCMOC,
		func(c *CMOC) { c.Labels, c.Modified = relabel(c.Labels), tx.Now() }, cmocTable.restore)
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
