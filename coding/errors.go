package coding

import (
	"errors"
	"fmt"
)

// Kind classifies an error so the command line can choose its exit code and
// the app its dialog without parsing messages.
type Kind int

// Kinds of error.
const (
	KindOther    Kind = iota // an unexpected failure: a bug or the machine
	KindInvalid              // the input breaks a rule: bad offsets, unknown role
	KindNotFound             // no such document, fragment, CMOC, ...
	KindExists               // already there (a PDF imported twice)
	KindBusy                 // the project is in use by another program
	KindDamaged              // the file is damaged or not ours
	KindConflict             // changed underneath since it was read (an *EditConflict)
)

var kindNames = [...]string{
	KindOther:    "other",
	KindInvalid:  "invalid",
	KindNotFound: "not found",
	KindExists:   "exists",
	KindBusy:     "busy",
	KindDamaged:  "damaged",
	KindConflict: "conflict",
}

// String names the kind in words, for logs and tests: "not found".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a domain error: the operation that failed, what it was about,
// what kind of failure and why. Its message is one line for people.
type Error struct {
	Kind Kind
	Op   string // e.g. "code", "add fragment"
	Item string // what it concerned: a document ID, a file name, a value
	Err  error
}

func (e *Error) Error() string {
	// The message is for reviewers: say what and why; the op is for
	// programmers and goes first only when there is nothing better.
	switch {
	case e.Item != "" && e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Item, e.Err)
	case e.Err != nil:
		return e.Err.Error()
	case e.Item != "":
		return fmt.Sprintf("%s: %s failed", e.Item, e.Op)
	}
	return e.Op + " failed"
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error.
func E(kind Kind, op, item string, err error) error {
	return &Error{Kind: kind, Op: op, Item: item, Err: err}
}

// Errorf builds an *Error with a formatted cause.
func Errorf(kind Kind, op, item, format string, args ...any) error {
	return &Error{Kind: kind, Op: op, Item: item, Err: fmt.Errorf(format, args...)}
}

// cause is the reason err gives without the item it names, so that the
// reason can be told again about another item; err itself when it is no
// *Error.
func cause(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Err
	}
	return err
}

// KindOf returns the kind of the first *Error in err's chain, or KindOther.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindOther
}

// IsKind reports whether err is of kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }
