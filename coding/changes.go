package coding

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
)

// Batch applies changes in order as one; its undo undoes them in reverse.
type Batch []Change

// Apply implements Change.
func (b Batch) Apply(tx Tx) (Change, error) {
	undo := make(Batch, 0, len(b))
	for _, c := range b {
		u, err := c.Apply(tx)
		if err != nil {
			return nil, err
		}
		undo = append(undo, u)
	}
	slices.Reverse(undo)
	return undo, nil
}

// AddFragment codes a new span. Fragment.ID may be empty (one is made);
// Page and Text are filled in from the document, Coder and the times from
// tx when empty (an import keeps the times a file gives, so that a later
// merge does not take the import for a newer version). Labels not yet in
// the codebook are added to it.
type AddFragment struct {
	Fragment Fragment
}

// Apply implements Change.
func (a AddFragment) Apply(tx Tx) (Change, error) {
	f := a.Fragment
	f.stamp().fillNew(tx)
	newLabels, err := settle(tx, &f)
	if err != nil {
		return nil, err
	}
	if err := absent(tx.Fragment, f.ID, "add fragment", "fragment"); err != nil {
		return nil, err
	}
	if err := tx.PutFragment(f); err != nil {
		return nil, err
	}
	return undoWithLabels(fragmentTable.deleteIfUnchanged(f), newLabels), nil
}

// absent refuses an add whose ID is taken: KindExists when get finds what
// (a fragment, a CMOC) under id.
func absent[T any](get func(string) (T, error), id, op, what string) error {
	_, err := get(id)
	switch {
	case err == nil:
		return Errorf(KindExists, op, id, "a %s with this id exists", what)
	case IsKind(err, KindNotFound):
		return nil
	}
	return err
}

// settle validates f against its document, fills in its page and text and
// adds missing labels to the codebook, returning the labels it added.
func settle(tx Tx, f *Fragment) ([]Label, error) {
	f.Labels = NormaliseLabels(f.Labels)
	if err := f.Check(); err != nil {
		return nil, err
	}
	doc, err := tx.Document(f.DocID)
	if err != nil {
		return nil, err
	}
	text, err := tx.Text(doc.ID)
	if err != nil {
		return nil, err
	}
	if err := CheckSpan(text, f.Start, f.End); err != nil {
		return nil, E(KindInvalid, "code", "document "+doc.ID, cause(err))
	}
	f.Page = text.PageAt(f.Start)
	f.Text = text.Slice(f.Start, f.End)
	return ensureLabels(tx, f.Labels)
}

// ensureLabels adds to the codebook the named labels it lacks and renames
// nothing: an existing label keeps its spelling, colour and definition.
func ensureLabels(tx Tx, names []string) ([]Label, error) {
	var added []Label
	for i, n := range names {
		l, err := tx.LabelNamed(n)
		if err == nil {
			names[i] = l.Name
			continue
		}
		if !IsKind(err, KindNotFound) {
			return nil, err
		}
		colour, err := newLabelColour(tx)
		if err != nil {
			return nil, err
		}
		l = Label{ID: NewID(), Name: n, Colour: colour, Created: tx.Now(), Modified: tx.Now()}
		if err := l.Check(); err != nil {
			return nil, err
		}
		if err := tx.PutLabel(l); err != nil {
			return nil, err
		}
		added = append(added, l)
	}
	return added, nil
}

func undoWithLabels(undo Change, added []Label) Change {
	if len(added) == 0 {
		return undo
	}
	b := Batch{undo}
	for _, l := range added {
		b = append(b, DeleteLabel{ID: l.ID})
	}
	return b
}

// Palette is the set of label colours given out to new labels: distinct
// for the common kinds of colour blindness (Okabe & Ito 2008).
var Palette = []string{"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999"}

// DefaultColour picks a palette colour for a label from its name, so that
// the same name gets the same colour in every teammate's copy (a REFI-QDA
// import without colours uses it). Labels made while coding take the
// palette in turn instead (NextColour), so that two never share a colour
// while another is free.
func DefaultColour(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return Palette[h.Sum32()%uint32(len(Palette))]
}

// EditFragment replaces a fragment's span, role, valence, labels and memo
// with those of Fragment (matched by ID). Created and Coder are kept.
// With From, the fragment as the editor read it, only the fields in which
// Fragment differs from From are written, checked field by field against
// what is stored (see EditSource), and its undo is checked the same way.
type EditFragment struct {
	Fragment Fragment
	From     *Fragment
	Resolve  Resolution // what to do with a field changed underneath
}

// Apply implements Change.
func (e EditFragment) Apply(tx Tx) (Change, error) {
	return fragmentTable.edit(tx, e.Fragment, e.From, e.Resolve, "edit fragment", func(old Fragment, f *Fragment) ([]Label, error) {
		f.DocID = old.DocID
		f.stamp().keepFrom(old.stamp(), tx)
		return settle(tx, f)
	}, func(v, written Fragment) Change { return EditFragment{Fragment: v, From: &written} })
}

// fragmentFields are the fields of a fragment an edit changes.
var fragmentFields = []field[Fragment]{
	{"span", func(f *Fragment) string { return fmt.Sprintf("offsets %d–%d", f.Start, f.End) },
		func(dst, src *Fragment) { dst.Start, dst.End = src.Start, src.End }},
	stringField("role", func(f *Fragment) *string { return (*string)(&f.Role) }),
	stringField("valence", func(f *Fragment) *string { return (*string)(&f.Valence) }),
	listField("labels", func(f *Fragment) *[]string { return &f.Labels }),
	stringField("memo", func(f *Fragment) *string { return &f.Memo }),
}

// DeleteFragment removes a fragment. CMOCs that used it keep its ID, so
// that a CMOC left without evidence is reported rather than silently
// emptied, and undo brings everything back.
type DeleteFragment struct {
	ID string
}

// Apply implements Change.
func (d DeleteFragment) Apply(tx Tx) (Change, error) {
	return remove(d.ID, tx.Fragment, nil, tx.DeleteFragment, fragmentTable.restore)
}

// AddCMOC builds a CMOC from fragments. CMOC.ID may be empty; TheoryName,
// when set, files it under that theory (created as an initial theory if
// there is none of that name).
type AddCMOC struct {
	CMOC       CMOC
	TheoryName string
}

// Apply implements Change.
func (a AddCMOC) Apply(tx Tx) (Change, error) {
	c := a.CMOC
	c.stamp().fillNew(tx)
	now := tx.Now()
	var undo Batch
	if a.TheoryName != "" {
		t, err := tx.TheoryNamed(a.TheoryName)
		switch {
		case err == nil:
		case IsKind(err, KindNotFound):
			t = Theory{ID: NewID(), Name: a.TheoryName, Kind: Initial, Created: now, Modified: now}
			u, err := PutTheory{Theory: t}.Apply(tx)
			if err != nil {
				return nil, err
			}
			undo = append(undo, u)
		default:
			return nil, err
		}
		c.TheoryID = t.ID
	}
	if err := checkCMOC(tx, &c, nil); err != nil {
		return nil, err
	}
	if err := absent(tx.CMOC, c.ID, "add CMOC", "CMOC"); err != nil {
		return nil, err
	}
	added, err := ensureLabels(tx, c.Labels)
	if err != nil {
		return nil, err
	}
	if err := tx.PutCMOC(c); err != nil {
		return nil, err
	}
	undo = append(undo, undoWithLabels(cmocTable.deleteIfUnchanged(c), added))
	slices.Reverse(undo)
	if len(undo) == 1 {
		return undo[0], nil
	}
	return undo, nil
}

// checkCMOC validates a CMOC against the store. Every fragment must exist,
// except those in kept: fragments the CMOC already named that were deleted
// since. They stay named, so the CMOC keeps showing its missing evidence
// until someone removes it, and the rest of the CMOC can still be edited.
func checkCMOC(tx Tx, c *CMOC, kept []string) error {
	c.Labels = NormaliseLabels(c.Labels)
	if err := c.Check(); err != nil {
		return err
	}
	for _, id := range c.Fragments {
		if _, err := tx.Fragment(id); err != nil {
			if IsKind(err, KindNotFound) && slices.Contains(kept, id) {
				continue
			}
			return err
		}
	}
	if c.TheoryID != "" {
		if _, err := tx.Theory(c.TheoryID); err != nil {
			return err
		}
	}
	return nil
}

// EditCMOC replaces a CMOC's statement, narrative, theory, fragments and
// labels with those of CMOC (matched by ID). With From, the CMOC as the
// editor read it, only the fields in which CMOC differs from From are
// written, checked field by field against what is stored (see
// EditSource), and its undo is checked the same way.
type EditCMOC struct {
	CMOC    CMOC
	From    *CMOC
	Resolve Resolution // what to do with a field changed underneath
}

// Apply implements Change.
func (e EditCMOC) Apply(tx Tx) (Change, error) {
	return cmocTable.edit(tx, e.CMOC, e.From, e.Resolve, "edit CMOC", func(old CMOC, c *CMOC) ([]Label, error) {
		c.stamp().keepFrom(old.stamp(), tx)
		if err := checkCMOC(tx, c, old.Fragments); err != nil {
			return nil, err
		}
		return ensureLabels(tx, c.Labels)
	}, func(v, written CMOC) Change { return EditCMOC{CMOC: v, From: &written} })
}

// cmocFields are the fields of a CMOC an edit changes.
var cmocFields = []field[CMOC]{
	stringField("statement", func(c *CMOC) *string { return &c.Statement }),
	stringField("narrative", func(c *CMOC) *string { return &c.Narrative }),
	stringField("theory", func(c *CMOC) *string { return &c.TheoryID }),
	listField("fragments", func(c *CMOC) *[]string { return &c.Fragments }),
	listField("labels", func(c *CMOC) *[]string { return &c.Labels }),
}

// DeleteCMOC removes a CMOC (its fragments stay).
type DeleteCMOC struct {
	ID string
}

// Apply implements Change.
func (d DeleteCMOC) Apply(tx Tx) (Change, error) {
	return remove(d.ID, tx.CMOC, nil, tx.DeleteCMOC, cmocTable.restore)
}

// PutTheory adds a programme theory or replaces one with the same ID.
// With From, the theory as the editor read it, it changes only the fields
// in which Theory differs from From, checked field by field against what
// is stored (see EditSource), and its undo is checked the same way.
type PutTheory struct {
	Theory  Theory
	From    *Theory
	Resolve Resolution // what to do with a field changed underneath
}

// Apply implements Change.
func (p PutTheory) Apply(tx Tx) (Change, error) {
	t := p.Theory
	if t.Kind == "" {
		t.Kind = Initial
	}
	return theoryTable.save(tx, t, p.From, p.Resolve, "save theory", func(t *Theory) error {
		if err := t.Check(); err != nil {
			return err
		}
		if err := checkNameFree(tx.TheoryNamed, theoryID, t.ID, "put theory", t.Name, "a programme theory with this name exists"); err != nil {
			return err
		}
		if t.Refines != "" {
			if _, err := tx.Theory(t.Refines); err != nil {
				return err
			}
		}
		return nil
	}, func(v, written Theory) Change { return PutTheory{Theory: v, From: &written} })
}

// theoryFields are the fields of a programme theory a form changes.
var theoryFields = []field[Theory]{
	stringField("name", func(t *Theory) *string { return &t.Name }),
	stringField("description", func(t *Theory) *string { return &t.Description }),
	stringField("kind", func(t *Theory) *string { return (*string)(&t.Kind) }),
	stringField("refined theory", func(t *Theory) *string { return &t.Refines }),
	stringField("statement", func(t *Theory) *string { return &t.Statement }),
	{"place", func(t *Theory) string { return strconv.Itoa(t.Position + 1) }, func(dst, src *Theory) { dst.Position = src.Position }},
}

// DeleteTheory removes a programme theory; it is refused while CMOCs are
// filed under it or another theory refines it (CheckDeleteTheory).
type DeleteTheory struct {
	ID string
}

// Apply implements Change.
func (d DeleteTheory) Apply(tx Tx) (Change, error) {
	allowed := func(old Theory) error {
		cmocs, refinedBy, err := tx.TheoryUses(d.ID)
		if err != nil {
			return err
		}
		refiner := ""
		if len(refinedBy) > 0 {
			r, err := tx.Theory(refinedBy[0])
			if err != nil {
				return err
			}
			refiner = r.Name
		}
		return CheckDeleteTheory(old, len(cmocs), refiner)
	}
	return remove(d.ID, tx.Theory, allowed, tx.DeleteTheory, theoryTable.restore)
}

// PutLabel adds a codebook label or replaces one with the same ID. With
// From, the label as the editor read it, it changes only the fields in
// which Label differs from From, checked field by field against what is
// stored (see EditSource), and its undo is checked the same way.
type PutLabel struct {
	Label   Label
	From    *Label
	Resolve Resolution // what to do with a field changed underneath
}

// Apply implements Change.
func (p PutLabel) Apply(tx Tx) (Change, error) {
	return labelTable.save(tx, p.Label, p.From, p.Resolve, "save label", func(l *Label) error {
		if l.Colour == "" {
			colour, err := newLabelColour(tx)
			if err != nil {
				return err
			}
			l.Colour = colour
		}
		if err := l.Check(); err != nil {
			return err
		}
		return checkNameFree(tx.LabelNamed, labelID, l.ID, "put label", l.Name, "a label with this name exists")
	}, func(v, written Label) Change { return PutLabel{Label: v, From: &written} })
}

// labelFields are the fields of a codebook label a form changes.
var labelFields = []field[Label]{
	stringField("name", func(l *Label) *string { return &l.Name }),
	stringField("definition", func(l *Label) *string { return &l.Definition }),
	stringField("colour", func(l *Label) *string { return &l.Colour }),
}

// DeleteLabel removes a label from the codebook; it is refused while
// fragments or CMOCs carry it (CheckDeleteLabel).
type DeleteLabel struct {
	ID string
}

// Apply implements Change.
func (d DeleteLabel) Apply(tx Tx) (Change, error) {
	allowed := func(old Label) error {
		frags, cmocs, err := tx.LabelUses(d.ID)
		if err != nil {
			return err
		}
		return CheckDeleteLabel(old, len(frags), len(cmocs))
	}
	return remove(d.ID, tx.Label, allowed, tx.DeleteLabel, labelTable.restore)
}

// A table is how Changes reach one kind of record: find and store one
// in a Tx, its stamp (ID, coder, times), the Change that deletes one, the
// fields an edit changes and its name for people.
type table[T any] struct {
	get    func(Tx, string) (T, error)
	put    func(Tx, T) error
	stamp  func(*T) stamp
	del    func(id string) Change
	fields []field[T]
	name   func(T) string
}

// The tables of the records Changes add, edit and delete whole.
var (
	fragmentTable = table[Fragment]{Tx.Fragment, Tx.PutFragment, (*Fragment).stamp,
		func(id string) Change { return DeleteFragment{ID: id} }, fragmentFields, fragmentName}
	cmocTable = table[CMOC]{Tx.CMOC, Tx.PutCMOC, (*CMOC).stamp,
		func(id string) Change { return DeleteCMOC{ID: id} }, cmocFields, cmocName}
	theoryTable = table[Theory]{Tx.Theory, Tx.PutTheory, (*Theory).stamp,
		func(id string) Change { return DeleteTheory{ID: id} }, theoryFields, theoryName}
	labelTable = table[Label]{Tx.Label, Tx.PutLabel, (*Label).stamp,
		func(id string) Change { return DeleteLabel{ID: id} }, labelFields, labelName}
)

// id is v's ID.
func (t *table[T]) id(v T) string { return *t.stamp(&v).id }

// in is t's get and put bound to tx, as the generic helpers take them.
func (t *table[T]) in(tx Tx) (get func(string) (T, error), put func(T) error) {
	return func(id string) (T, error) { return t.get(tx, id) }, func(v T) error { return t.put(tx, v) }
}

// restored puts a record back exactly as it was, times included: the
// inverse of an edit or a deletion.
type restored[T any] struct {
	v T
	t *table[T]
}

// restore is the Change that puts v back exactly as it was.
func (t *table[T]) restore(v T) Change { return restored[T]{v, t} }

func (r restored[T]) Apply(tx Tx) (Change, error) {
	id := r.t.id(r.v)
	get, put := r.t.in(tx)
	return restore(r.v, id, get, put, r.t.restore, r.t.del(id))
}

// Describe implements Describer: "restore " and the record's name.
func (r restored[T]) Describe() string { return "restore " + r.t.name(r.v) }

// edit is the body of every Edit* Change: want, as mergeStored makes it
// of the stored record with from, replaces that record once prepare has
// filled it in from the old one and checked it (adding the labels it
// names that the codebook lacks). Its undo puts the old record back (see
// undo) and takes those labels out again.
func (t *table[T]) edit(tx Tx, want T, from *T, r Resolution, op string, prepare func(old T, v *T) ([]Label, error), back func(old, written T) Change) (Change, error) {
	v, err := t.mergeStored(tx, want, from, r, op)
	if err != nil {
		return nil, err
	}
	old, err := t.get(tx, t.id(v))
	if err != nil {
		return nil, err
	}
	added, err := prepare(old, &v)
	if err != nil {
		return nil, err
	}
	if err := t.put(tx, v); err != nil {
		return nil, err
	}
	return undoWithLabels(t.undo(old, v, from, back), added), nil
}

// save is the body of every Put* Change: v, as mergeStored makes it with
// from, once check has filled it in and checked it, replaces the record
// with its ID or is added (see putStamped). Its undo puts back what was
// there (see undo), or deletes v, while unchanged, where it was new.
func (t *table[T]) save(tx Tx, v T, from *T, r Resolution, op string, check func(v *T) error, back func(old, written T) Change) (Change, error) {
	t.stamp(&v).fillID()
	v, err := t.mergeStored(tx, v, from, r, op)
	if err != nil {
		return nil, err
	}
	if err := check(&v); err != nil {
		return nil, err
	}
	return t.putStamped(tx, v, func(old T) Change { return t.undo(old, v, from, back) })
}

// undo is the Change that puts old back where a change wrote written:
// old restored as it was, or, for a change made with from (what the
// editor read), back(old, written), the change back from what was
// written, so that the undo too is checked field by field.
func (t *table[T]) undo(old, written T, from *T, back func(old, written T) Change) Change {
	if from != nil {
		return back(old, written)
	}
	return t.restore(old)
}

// remove deletes what get finds under id, once allowed (a rule of the
// domain; nil for none) lets it go, and returns again(what it was), the
// change that puts it back.
func remove[T any](id string, get func(string) (T, error), allowed func(T) error, del func(string) error, again func(T) Change) (Change, error) {
	old, err := get(id)
	if err != nil {
		return nil, err
	}
	if allowed != nil {
		if err := allowed(old); err != nil {
			return nil, err
		}
	}
	if err := del(id); err != nil {
		return nil, err
	}
	return again(old), nil
}

// restore puts v (with the given id) back exactly as it was and returns
// the Change that undoes that: restoring what is there now, or deleting v
// if nothing was there. It is the body of restored and the end of
// putStamped.
func restore[T any](v T, id string, get func(string) (T, error), put func(T) error, again func(T) Change, del Change) (Change, error) {
	cur, err := get(id)
	var undo Change
	switch {
	case err == nil:
		undo = again(cur)
	case IsKind(err, KindNotFound):
		undo = del
	default:
		return nil, err
	}
	if err := put(v); err != nil {
		return nil, err
	}
	return undo, nil
}
