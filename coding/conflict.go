package coding

import (
	"errors"
	"fmt"
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

// textField is one string field of a record as a field-level edit sees
// it: the name the CLI and messages give it, and where it is.
type textField[T any] struct {
	name string
	of   func(*T) *string
}

// mergeFields works out a field-level edit of a record: the fields in
// which want differs from from (what the editor started from) go from
// stored into the result; a field stored differently from both from and
// want is a conflict. Fields the edit leaves alone keep what is stored,
// so two programs editing different fields of one record both win.
func mergeFields[T any](fields []textField[T], stored, from, want T) (T, []FieldConflict) {
	next := stored
	var conflicts []FieldConflict
	for _, f := range fields {
		w, was, s := *f.of(&want), *f.of(&from), *f.of(&stored)
		switch {
		case w == was: // not this edit's field
		case s == was || s == w:
			*f.of(&next) = w
		default:
			conflicts = append(conflicts, FieldConflict{Field: f.name, Old: was, Stored: s, Mine: w})
		}
	}
	return next, conflicts
}
