package gui

import (
	"strings"

	"fyne.io/fyne/v2"
)

// formField is one field of a form: the name coding gives the record's
// field (as an EditConflict names it), and how to read and set what the
// widget holds.
type formField struct {
	name string
	get  func() string
	set  func(string)
}

// filledForm is what a form's fields were filled with, field by field,
// and the record they show: what an edit of that record starts from (its
// From), so that only the fields the reviewer changed are written and a
// field another program changed meanwhile is a conflict.
type filledForm struct {
	id     string
	values map[string]string
}

// fill shows the record id, whose stored values stored gives by field
// name. For the record already shown, a field the reviewer has edited and
// not yet saved keeps what they typed and what it started from; every
// other field shows what is stored now, so a change made elsewhere
// (undo, another program) shows at once.
func (ff *filledForm) fill(id string, fields []formField, stored func(name string) string) {
	same := id == ff.id
	if !same {
		ff.values = map[string]string{}
	}
	for _, f := range fields {
		now := stored(f.name)
		if !same || !edited(f.get(), ff.values[f.name], now) {
			f.set(now)
			ff.values[f.name] = now
		}
	}
	ff.id = id
}

// clear forgets the record shown.
func (ff *filledForm) clear() { *ff = filledForm{} }

// started writes into a record, through at (which points at a field by
// its name), the values the fields were filled with: what an edit starts
// from.
func (ff *filledForm) started(at func(name string) *string) {
	for name, v := range ff.values {
		*at(name) = v
	}
}

// formEdit is a record as the form's fields were filled (from, over
// base) and as they hold it now (now), at pointing at its fields by name:
// what a save writes, with the From it checks against.
func formEdit[T any](ff *filledForm, fields []formField, base T, at func(record *T, name string) *string) (from, now T) {
	from = base
	ff.started(func(name string) *string { return at(&from, name) })
	now = from
	holding(fields, func(name string) *string { return at(&now, name) })
	return from, now
}

// holding writes into a record, through at, what the fields hold now.
func holding(fields []formField, at func(name string) *string) {
	for _, f := range fields {
		*at(f.name) = f.get()
	}
}

// edited tells whether a field holds something typed and not yet saved:
// neither what it was filled with nor what is stored.
func edited(typed, filled, stored string) bool { return typed != filled && typed != stored }

// trimmed reads an entry's text without the white space around it, as
// it is saved.
func trimmed(text func() string) func() string {
	return func() string { return strings.TrimSpace(text()) }
}

// setEnabled enables the widgets of a form, or disables them.
func setEnabled(on bool, ws ...fyne.Disableable) {
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}
