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
	return undoWithLabels(deleteIfUnchanged[Fragment]{DeleteFragment{ID: f.ID}, f.ID, f, fragmentFields, Tx.Fragment, fragmentName}, newLabels), nil
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
	f, err := mergeStored(tx.Fragment, fragmentFields, e.Fragment.ID, e.Fragment, e.From, e.Resolve, "edit fragment", fragmentName)
	if err != nil {
		return nil, err
	}
	var written Fragment
	again := func(v Fragment) Change { return restoreFragment{v} }
	if e.From != nil {
		again = func(v Fragment) Change { w := written; return EditFragment{Fragment: v, From: &w} }
	}
	return edit(f.ID, f, tx.Fragment, func(old Fragment, f *Fragment) ([]Label, error) {
		f.DocID = old.DocID
		f.stamp().keepFrom(old.stamp(), tx)
		added, err := settle(tx, f)
		written = *f
		return added, err
	}, tx.PutFragment, again)
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
	return remove(d.ID, tx.Fragment, nil, tx.DeleteFragment, func(v Fragment) Change { return restoreFragment{v} })
}

// restoreFragment puts a fragment back exactly as it was: the inverse of
// an edit or a deletion.
type restoreFragment struct{ f Fragment }

func (r restoreFragment) Apply(tx Tx) (Change, error) {
	return restore(r.f, r.f.ID, tx.Fragment, tx.PutFragment, func(v Fragment) Change { return restoreFragment{v} }, DeleteFragment{ID: r.f.ID})
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
	undo = append(undo, undoWithLabels(deleteIfUnchanged[CMOC]{DeleteCMOC{ID: c.ID}, c.ID, c, cmocFields, Tx.CMOC, cmocName}, added))
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
	c, err := mergeStored(tx.CMOC, cmocFields, e.CMOC.ID, e.CMOC, e.From, e.Resolve, "edit CMOC", cmocName)
	if err != nil {
		return nil, err
	}
	var written CMOC
	again := func(v CMOC) Change { return restoreCMOC{v} }
	if e.From != nil {
		again = func(v CMOC) Change { w := written; return EditCMOC{CMOC: v, From: &w} }
	}
	return edit(c.ID, c, tx.CMOC, func(old CMOC, c *CMOC) ([]Label, error) {
		c.stamp().keepFrom(old.stamp(), tx)
		if err := checkCMOC(tx, c, old.Fragments); err != nil {
			return nil, err
		}
		added, err := ensureLabels(tx, c.Labels)
		written = *c
		return added, err
	}, tx.PutCMOC, again)
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
	return remove(d.ID, tx.CMOC, nil, tx.DeleteCMOC, func(v CMOC) Change { return restoreCMOC{v} })
}

type restoreCMOC struct{ c CMOC }

func (r restoreCMOC) Apply(tx Tx) (Change, error) {
	return restore(r.c, r.c.ID, tx.CMOC, tx.PutCMOC, func(v CMOC) Change { return restoreCMOC{v} }, DeleteCMOC{ID: r.c.ID})
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
	t.stamp().fillID()
	if t.Kind == "" {
		t.Kind = Initial
	}
	t, err := mergeStored(tx.Theory, theoryFields, t.ID, t, p.From, p.Resolve, "save theory", theoryName)
	if err != nil {
		return nil, err
	}
	if err := t.Check(); err != nil {
		return nil, err
	}
	if err := checkNameFree(tx.TheoryNamed, theoryID, t.ID, "put theory", t.Name, "a programme theory with this name exists"); err != nil {
		return nil, err
	}
	if t.Refines != "" {
		if _, err := tx.Theory(t.Refines); err != nil {
			return nil, err
		}
	}
	again := func(v Theory) Change { return restoreTheory{v} }
	if p.From != nil {
		again = func(v Theory) Change { return PutTheory{Theory: v, From: &t} }
	}
	return putStamped(tx, t, (*Theory).stamp, tx.Theory, tx.PutTheory, again,
		deleteIfUnchanged[Theory]{DeleteTheory{ID: t.ID}, t.ID, t, theoryFields, Tx.Theory, theoryName})
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
	return remove(d.ID, tx.Theory, allowed, tx.DeleteTheory, func(v Theory) Change { return restoreTheory{v} })
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
	l := p.Label
	l.stamp().fillID()
	l, err := mergeStored(tx.Label, labelFields, l.ID, l, p.From, p.Resolve, "save label", labelName)
	if err != nil {
		return nil, err
	}
	if l.Colour == "" {
		colour, err := newLabelColour(tx)
		if err != nil {
			return nil, err
		}
		l.Colour = colour
	}
	if err := l.Check(); err != nil {
		return nil, err
	}
	if err := checkNameFree(tx.LabelNamed, labelID, l.ID, "put label", l.Name, "a label with this name exists"); err != nil {
		return nil, err
	}
	again := func(v Label) Change { return restoreLabel{v} }
	if p.From != nil {
		again = func(v Label) Change { return PutLabel{Label: v, From: &l} }
	}
	return putStamped(tx, l, (*Label).stamp, tx.Label, tx.PutLabel, again,
		deleteIfUnchanged[Label]{DeleteLabel{ID: l.ID}, l.ID, l, labelFields, Tx.Label, labelName})
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
	return remove(d.ID, tx.Label, allowed, tx.DeleteLabel, func(v Label) Change { return restoreLabel{v} })
}

// restoreTheory puts a theory back exactly as it was, times included: the
// inverse of an edit or a deletion.
type restoreTheory struct{ t Theory }

func (r restoreTheory) Apply(tx Tx) (Change, error) {
	return restore(r.t, r.t.ID, tx.Theory, tx.PutTheory, func(v Theory) Change { return restoreTheory{v} }, DeleteTheory{ID: r.t.ID})
}

// restoreLabel puts a label back exactly as it was, times included.
type restoreLabel struct{ l Label }

func (r restoreLabel) Apply(tx Tx) (Change, error) {
	return restore(r.l, r.l.ID, tx.Label, tx.PutLabel, func(v Label) Change { return restoreLabel{v} }, DeleteLabel{ID: r.l.ID})
}

// edit replaces what get finds under id with v, once prepare has filled
// v in from the old value and checked it (adding the labels it names that
// the codebook lacks), and returns the change that puts the old value
// back and takes those labels out again.
func edit[T any](id string, v T, get func(string) (T, error), prepare func(old T, v *T) ([]Label, error), put func(T) error, again func(T) Change) (Change, error) {
	old, err := get(id)
	if err != nil {
		return nil, err
	}
	added, err := prepare(old, &v)
	if err != nil {
		return nil, err
	}
	if err := put(v); err != nil {
		return nil, err
	}
	return undoWithLabels(again(old), added), nil
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
// if nothing was there. It is the body of every restore* Change.
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
