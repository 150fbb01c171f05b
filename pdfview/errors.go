package pdfview

import (
	"errors"
	"fmt"
)

// The kinds of failure a caller may want to tell apart: match them with
// errors.Is(err, pdfview.ErrPassword) and so on. Their own messages are the
// generic wording; the *Error that carries them says more.
var (
	// ErrNotPDF: the bytes are not a PDF at all (empty, or no %PDF header).
	ErrNotPDF = errors.New("not a PDF file")
	// ErrPassword: the PDF is encrypted with a user password and none, or
	// the wrong one, was given.
	ErrPassword = errors.New("password required")
	// ErrDamaged: it looks like a PDF but cannot be read, or reading it
	// crashed the PDF engine.
	ErrDamaged = errors.New("not a readable PDF")
	// ErrTimeout: the file took longer than Options.Timeout (or the
	// caller's deadline).
	ErrTimeout = errors.New("took too long")
	// ErrCanceled: the caller canceled the context, or the engine was closed.
	ErrCanceled = errors.New("canceled")
	// ErrEngine: PDFium itself could not be started or used; not the
	// file's fault.
	ErrEngine = errors.New("pdf engine failed")
	// ErrNoPage: RenderPage was asked for a page the document does not have.
	ErrNoPage = errors.New("no such page")
)

// Error is what every Engine method returns on failure. Its message is one
// lower-case line for people and never names the file: the caller knows
// which file it was and puts its name first.
type Error struct {
	Kind error  // ErrNotPDF, ErrPassword, ErrDamaged, ErrTimeout, ErrCanceled, ErrEngine or ErrNoPage
	Msg  string // the whole message; Kind's text when empty
	Err  error  // the underlying cause, if any (for errors.Is/As and logs)
}

func (e *Error) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return e.Kind.Error()
}

// Unwrap gives the cause, so errors.Is(err, context.DeadlineExceeded) and
// the like keep working through an *Error.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrPassword) true for an *Error of that kind.
func (e *Error) Is(target error) bool { return target == e.Kind }

// newError builds an *Error; format may be empty to use the kind's text.
func newError(kind, cause error, format string, args ...any) *Error {
	msg := ""
	if format != "" {
		msg = fmt.Sprintf(format, args...)
	}
	return &Error{Kind: kind, Msg: msg, Err: cause}
}
