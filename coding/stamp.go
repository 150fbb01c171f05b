package coding

import "time"

// stamp points at the fields that say which entity a value is and who made
// it when: the ones every Add and Put fills in and every Edit keeps. coder
// is nil for labels and theories, which record none.
type stamp struct {
	id, coder         *string
	created, modified *time.Time
}

func (f *Fragment) stamp() stamp { return stamp{&f.ID, &f.Coder, &f.Created, &f.Modified} }
func (c *CMOC) stamp() stamp     { return stamp{&c.ID, &c.Coder, &c.Created, &c.Modified} }
func (t *Theory) stamp() stamp   { return stamp{id: &t.ID, created: &t.Created, modified: &t.Modified} }
func (l *Label) stamp() stamp    { return stamp{id: &l.ID, created: &l.Created, modified: &l.Modified} }

// fillID gives a value without an ID a new one.
func (s stamp) fillID() {
	if *s.id == "" {
		*s.id = NewID()
	}
}

// fillNew gives a new fragment or CMOC what it was not given: an ID, the
// coder and the transaction's time. Times given are kept: an import keeps
// the times a file gives, so that a later merge does not take the import
// for a newer version.
func (s stamp) fillNew(tx Tx) {
	s.fillID()
	if s.coder != nil && *s.coder == "" {
		*s.coder = tx.Coder()
	}
	if s.created.IsZero() {
		*s.created = tx.Now()
	}
	if s.modified.IsZero() {
		*s.modified = tx.Now()
	}
}

// keepFrom makes s the edit of old: coder and creation time stay old's,
// and it is modified now.
func (s stamp) keepFrom(old stamp, tx Tx) {
	if s.coder != nil {
		*s.coder = *old.coder
	}
	*s.created = *old.created
	*s.modified = tx.Now()
}

// putStamped stores v, new or as the next version of the one with its ID,
// and returns the Change that undoes it (see restore): again(what was
// there), or deleting v while it is unchanged. A replaced one keeps its
// creation time; either is modified now. It is the end of every Put*
// Change.
func (t *table[T]) putStamped(tx Tx, v T, again func(T) Change) (Change, error) {
	s := t.stamp(&v)
	get, put := t.in(tx)
	if old, err := get(*s.id); err == nil {
		*s.created = *t.stamp(&old).created
	} else if !IsKind(err, KindNotFound) {
		return nil, err
	}
	if s.created.IsZero() {
		*s.created = tx.Now()
	}
	*s.modified = tx.Now()
	return restore(v, *s.id, get, put, again, t.deleteIfUnchanged(v))
}
