package storage

import "fmt"

// WriteError is the error of a transaction that a failed write (a full
// disk, a file size limit, a removed drive) rolled back: that transaction
// left the project as it was. A caller that committed other transactions
// before it (an add of several files, an import) says what those did
// instead, with Reason.
type WriteError struct {
	Project string // the project file's name
	Full    bool   // SQLite found the disk full (else a write failed)
}

func (e *WriteError) Error() string {
	if e.Full {
		return e.Reason()
	}
	return e.Reason() + "; the project is as it was before"
}

// Reason says why the transaction failed, and nothing of what the
// project holds: "cannot save review.cmoproj: the disk is full".
func (e *WriteError) Reason() string {
	if e.Full {
		return fmt.Sprintf("cannot save %s: the disk is full", e.Project)
	}
	return fmt.Sprintf("cannot save %s: writing to the disk failed (is it full?)", e.Project)
}
