package coding

import "time"

// Tx is what a Change may read and write: one transaction on a project.
// storage implements it; every method either does all it says or fails.
// Reads see the transaction's own earlier writes.
type Tx interface {
	// Now is the transaction's timestamp, the same for every write in it.
	Now() time.Time
	// Coder is the name of the person making the change.
	Coder() string

	Document(id string) (Document, error)
	// PutDocument replaces the metadata of an existing document (title,
	// source fields, Modified) as given; its pages and PDF stay.
	PutDocument(d Document) error
	Text(docID string) (*Text, error)

	Fragment(id string) (Fragment, error)
	// Fragments lists a document's fragments (an import compares what it
	// brings with them).
	Fragments(docID string) ([]Fragment, error)
	// PutFragment inserts or replaces a fragment as given (times included)
	// and forgets any deletion recorded for its ID.
	PutFragment(f Fragment) error
	// DeleteFragment removes a fragment and records the deletion, so a
	// merge can carry it to teammates' copies.
	DeleteFragment(id string) error

	CMOC(id string) (CMOC, error)
	PutCMOC(c CMOC) error
	DeleteCMOC(id string) error

	Theory(id string) (Theory, error)
	// TheoryNamed finds a theory by its name (case-insensitive); a
	// KindNotFound error when there is none.
	TheoryNamed(name string) (Theory, error)
	PutTheory(t Theory) error
	DeleteTheory(id string) error
	// TheoryUses lists the IDs of the CMOCs filed under a theory (in the
	// order they were made) and of the theories that refine it (by name).
	TheoryUses(theoryID string) (cmocs, refinedBy []string, err error)

	Label(id string) (Label, error)
	// LabelNamed finds a label by its name (case-insensitive).
	LabelNamed(name string) (Label, error)
	// Labels lists the codebook.
	Labels() ([]Label, error)
	// PutLabel inserts or replaces a label; fragments and CMOCs carrying it
	// follow a change of its name.
	PutLabel(l Label) error
	DeleteLabel(id string) error
	// LabelUses lists the IDs of the fragments and of the CMOCs that carry
	// a label, each in a stable order.
	LabelUses(labelID string) (fragments, cmocs []string, err error)
}

// Change is one coding operation as a value. Apply performs it inside tx
// and returns the Change that undoes it, computed from the state it found.
// A Change that fails leaves tx as it was (the store rolls back).
type Change interface {
	Apply(tx Tx) (undo Change, err error)
}

// Store applies changes, each in one committed transaction.
type Store interface {
	Apply(c Change) (undo Change, err error)
}
