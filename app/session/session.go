// Package session is the one seam between cmocoder's two front ends (the
// verbs of app/cli and the windows of app/gui) and the domain: an open
// project, its undo history, the coder and the passwords typed this
// session. Both work through a Session, so whatever the app writes the
// CLI lists, and the other way round.
package session

import (
	"fmt"
	"os"
	"os/user"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/storage"
)

// Session is an open project and its undo history: the one bridge between
// the front ends and the domain. Every Do is one committed transaction.
type Session struct {
	Project *storage.Project
	undo    []coding.Change
	redo    []coding.Change
	keys    passwords // of encrypted PDFs, typed in this session (passwords.go)
}

// OpenSession opens the project at path for coder.
func OpenSession(path, coder string) (*Session, error) {
	p, err := storage.Open(path)
	if err != nil {
		return nil, err
	}
	if coder != "" {
		p.SetCoder(coder)
	}
	return &Session{Project: p}, nil
}

// Close closes the project, leaving it as one file.
func (s *Session) Close() error { return s.Project.Close() }

// Do applies a change in one transaction and remembers how to undo it.
func (s *Session) Do(c coding.Change) error {
	u, err := s.Project.Apply(c)
	if err != nil {
		return err
	}
	s.undo = append(s.undo, u)
	s.redo = nil
	return nil
}

// CanUndo and CanRedo tell whether Undo and Redo have anything to do.
func (s *Session) CanUndo() bool { return len(s.undo) > 0 }
func (s *Session) CanRedo() bool { return len(s.redo) > 0 }

// Undo reverses the last change done (or redone).
func (s *Session) Undo() error {
	return s.step(&s.undo, &s.redo)
}

// Redo applies again the last change undone.
func (s *Session) Redo() error {
	return s.step(&s.redo, &s.undo)
}

func (s *Session) step(from, to *[]coding.Change) error {
	if len(*from) == 0 {
		return nil
	}
	c := (*from)[len(*from)-1]
	inv, err := s.Project.Apply(c)
	if err != nil {
		return err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, inv)
	return nil
}

// FindDocument resolves what a person typed for a document: its ID, a
// unique prefix of it, or its file name.
func (s *Session) FindDocument(ref string) (coding.Document, error) {
	docs, err := s.Project.Documents()
	if err != nil {
		return coding.Document{}, err
	}
	return FindDocumentIn(docs, ref)
}

// FindDocumentIn resolves ref among docs as FindDocument does.
func FindDocumentIn(docs []coding.Document, ref string) (coding.Document, error) {
	const op = "find document"
	var matches []coding.Document
	for _, d := range docs {
		if d.ID == ref || strings.EqualFold(d.FileName, ref) {
			return d, nil
		}
		if len(ref) >= 4 && strings.HasPrefix(d.ID, strings.ToLower(ref)) {
			matches = append(matches, d)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return coding.Document{}, coding.Errorf(coding.KindNotFound, op, ref, "no such document in the project")
	}
	return coding.Document{}, coding.Errorf(coding.KindInvalid, op, ref, "%d documents start with this id; give more of it", len(matches))
}

// FindFragment resolves a fragment ID or a unique prefix of one.
func (s *Session) FindFragment(ref string) (coding.Fragment, error) {
	if f, err := s.Project.Fragment(ref); err == nil || !coding.IsKind(err, coding.KindNotFound) {
		return f, err
	}
	frags, err := s.Project.Fragments("")
	if err != nil {
		return coding.Fragment{}, err
	}
	var found []coding.Fragment
	for _, f := range frags {
		if len(ref) >= 4 && strings.HasPrefix(f.ID, strings.ToLower(ref)) {
			found = append(found, f)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return coding.Fragment{}, coding.Errorf(coding.KindNotFound, "find fragment", ref, "no such fragment in the project")
	}
	return coding.Fragment{}, coding.Errorf(coding.KindInvalid, "find fragment", ref, "%d fragments start with this id; give more of it", len(found))
}

// Describe names a document for messages: its title and short ID.
func Describe(d coding.Document) string {
	return fmt.Sprintf("%q (%s)", d.Title, ShortID(d.ID))
}

// ShortID is the first 8 characters of an ID, as messages show it.
func ShortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// Count says how many of a thing there are, in English: "1 CMOC",
// "2 CMOCs", "0 fragments".
func Count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// OneLine keeps an error message to one line.
func OneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// DefaultCoder is the name recorded on changes made without --coder.
func DefaultCoder() string {
	for _, k := range []string{"CMOCODER_CODER", "USER", "USERNAME"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// NewEngine starts PDFium with its compilation cache in the user's cache
// folder.
func NewEngine() (*pdfview.Engine, error) {
	return pdfview.NewEngine(pdfview.Options{})
}

// Version is the program's version, set at build time with -ldflags.
var Version = "dev"

// Clip shortens s to n code points on one line.
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
