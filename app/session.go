// Package app is cmocoder's front end: the desktop windows and the
// command-line verbs. Both work through a Session, so whatever the app
// writes the CLI lists, and the other way round.
package app

import (
	"fmt"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// Session is an open project and its undo history: the one bridge between
// the front ends and the domain. Every Do is one committed transaction.
type Session struct {
	Project *storage.Project
	undo    []step
	redo    []step
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

// step is a change on the undo or redo stack, with what the reviewer did
// in words ("code Outcome on p. 3"): the same words name its undo and its
// redo.
type step struct {
	change coding.Change
	about  string
}

// Do applies a change in one transaction and remembers how to undo it.
func (s *Session) Do(c coding.Change) error {
	about := coding.Describe(c, s.Project) // before: it reads what c replaces
	u, err := s.Project.Apply(c)
	if err != nil {
		return err
	}
	s.undo = append(s.undo, step{u, about})
	s.redo = nil
	return nil
}

// UndoName and RedoName say what Undo and Redo would undo or redo
// ("code Outcome on p. 3"); "" when nothing.
func (s *Session) UndoName() string { return lastAbout(s.undo) }
func (s *Session) RedoName() string { return lastAbout(s.redo) }

func lastAbout(steps []step) string {
	if len(steps) == 0 {
		return ""
	}
	return steps[len(steps)-1].about
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

func (s *Session) step(from, to *[]step) error {
	if len(*from) == 0 {
		return nil
	}
	last := (*from)[len(*from)-1]
	inv, err := s.Project.Apply(last.change)
	if err != nil {
		return err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, step{inv, last.about})
	return nil
}

// FindDocument resolves what a person typed for a document: its ID, a
// unique prefix of it, or its file name.
func (s *Session) FindDocument(ref string) (coding.Document, error) {
	docs, err := s.Project.Documents()
	if err != nil {
		return coding.Document{}, err
	}
	return findDocument(docs, ref)
}

func findDocument(docs []coding.Document, ref string) (coding.Document, error) {
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

// describe names a document for messages: its title and short ID.
func describe(d coding.Document) string {
	return fmt.Sprintf("%q (%s)", d.Title, shortID(d.ID))
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
