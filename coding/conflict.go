package coding

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrConflict is what every *EditConflict is (errors.Is): an edit refused
// because what it changes was changed underneath since it was read.
var ErrConflict = errors.New("changed underneath")

// EditConflict is an edit refused, nothing written, because a field it
// changes no longer holds the value the edit started from: another
// program (the CLI, a teammate's app on a shared folder) or another
// change wrote it in between. An undo whose target moved is refused the
// same way, so nothing is ever overwritten blindly.
type EditConflict struct {
	Op     string // "edit source"
	Item   string // what was edited, for people: a document's title
	Fields []FieldConflict
}

// FieldConflict is one field two writers disagree on.
type FieldConflict struct {
	Field  string // as the CLI names it: "design", "relevance-note"
	Old    string // the value the edit started from
	Stored string // the value stored now: theirs
	Mine   string // the value the edit would write
}

func (c *EditConflict) Error() string {
	var parts []string
	for _, f := range c.Fields {
		parts = append(parts, fmt.Sprintf("the %s is now %q (was %q; this change would make it %q)", f.Field, f.Stored, f.Old, f.Mine))
	}
	return fmt.Sprintf("%s was changed since it was read: %s", c.Item, strings.Join(parts, "; "))
}

// Is makes errors.Is(err, ErrConflict) true for every *EditConflict.
func (c *EditConflict) Is(target error) bool { return target == ErrConflict }

// AsEditConflict finds the *EditConflict in err's chain.
func AsEditConflict(err error) (*EditConflict, bool) {
	var c *EditConflict
	ok := errors.As(err, &c)
	return c, ok
}

// Resolution says what a field-level edit does with a field another
// writer changed since the edit's From was read.
type Resolution int

const (
	Refuse     Resolution = iota // fail with an *EditConflict, writing nothing
	KeepMine                     // write the edit's value over the other
	TakeTheirs                   // keep the stored value, write the rest of the edit
)

// field is one field of a record as a field-level edit sees it: the name
// messages give it, its value as text (compared, and shown in a
// conflict) and how to copy it from one record to another.
type field[T any] struct {
	name string
	text func(*T) string
	copy func(dst, src *T)
}

// stringField is a field that is a string.
func stringField[T any](name string, of func(*T) *string) field[T] {
	return field[T]{name, func(v *T) string { return *of(v) }, func(dst, src *T) { *of(dst) = *of(src) }}
}

// listField is a field that is a list of strings (IDs, label names).
func listField[T any](name string, of func(*T) *[]string) field[T] {
	return field[T]{name, func(v *T) string { return strings.Join(*of(v), ", ") },
		func(dst, src *T) { *of(dst) = slices.Clone(*of(src)) }}
}

// mergeFields works out a field-level edit of a record: the fields in
// which want differs from from (what the editor started from) go from
// want into a copy of stored; a field stored differently from both from
// and want is a conflict, settled by r. Fields the edit leaves alone keep
// what is stored, so two programs editing different fields of one record
// both win.
func mergeFields[T any](fields []field[T], stored, from, want T, r Resolution) (T, []FieldConflict) {
	next := stored
	var conflicts []FieldConflict
	for _, f := range fields {
		w, was, s := f.text(&want), f.text(&from), f.text(&stored)
		switch {
		case w == was: // not this edit's field
		case s == was || s == w || r == KeepMine:
			f.copy(&next, &want)
		case r == TakeTheirs:
		default:
			conflicts = append(conflicts, FieldConflict{Field: f.name, Old: was, Stored: s, Mine: w})
		}
	}
	return next, conflicts
}

// mergeStored is want as a field-level edit makes it of the record
// stored under its ID, when from (what the editor read) is given; want
// itself when not. A record deleted since cannot be edited: the error
// says it is not found.
func (t *table[T]) mergeStored(tx Tx, want T, from *T, r Resolution, op string) (T, error) {
	if from == nil {
		return want, nil
	}
	stored, err := t.get(tx, t.id(want))
	if err != nil {
		return want, err
	}
	next, conflicts := mergeFields(t.fields, stored, *from, want, r)
	if len(conflicts) > 0 {
		return want, conflictError(op, t.name(stored), conflicts)
	}
	return next, nil
}

// deleteIfUnchanged is the undo of adding a record: its deletion, made
// only while the record still holds what the addition wrote, so that
// undoing the addition never throws away another program's later edit
// of it (an *EditConflict instead).
type deleteIfUnchanged[T any] struct {
	written T
	t       *table[T]
}

// deleteIfUnchanged is the undo of adding written.
func (t *table[T]) deleteIfUnchanged(written T) Change { return deleteIfUnchanged[T]{written, t} }

func (d deleteIfUnchanged[T]) Apply(tx Tx) (Change, error) {
	cur, err := d.t.get(tx, d.t.id(d.written))
	if err == nil {
		var conflicts []FieldConflict
		for _, f := range d.t.fields {
			if s, w := f.text(&cur), f.text(&d.written); s != w {
				conflicts = append(conflicts, FieldConflict{Field: f.name, Old: w, Stored: s})
			}
		}
		if len(conflicts) > 0 {
			return nil, conflictError("undo", d.t.name(cur), conflicts)
		}
	} else if !IsKind(err, KindNotFound) {
		return nil, err
	}
	return d.del().Apply(tx)
}

func (d deleteIfUnchanged[T]) del() Change { return d.t.del(d.t.id(d.written)) }

func cmocName(c CMOC) string     { return "CMOC " + quoteClip(c.Statement) }
func theoryName(t Theory) string { return "programme theory " + quoteClip(t.Name) }
func labelName(l Label) string   { return "label " + quoteClip(l.Name) }

// Describe implements Describer: it is the deletion.
func (d deleteIfUnchanged[T]) Describe() string { return Describe(d.del(), nil) }

// Resolve is c with each field-level edit in it settling conflicts by r:
// what the app does once the reviewer has chosen in the conflict dialog.
func Resolve(c Change, r Resolution) Change {
	switch c := c.(type) {
	case Batch:
		out := make(Batch, len(c))
		for i, x := range c {
			out[i] = Resolve(x, r)
		}
		return out
	case EditSource:
		c.Resolve = r
		return c
	case PutTheory:
		c.Resolve = r
		return c
	case PutLabel:
		c.Resolve = r
		return c
	case EditCMOC:
		c.Resolve = r
		return c
	case EditFragment:
		c.Resolve = r
		return c
	}
	return c
}

// conflictError is the error for the conflicts of a field-level edit of
// item.
func conflictError(op, item string, conflicts []FieldConflict) error {
	return E(KindConflict, op, "", &EditConflict{Op: op, Item: item, Fields: conflicts})
}
