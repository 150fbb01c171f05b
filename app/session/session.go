// Package session is the one seam between cmocoder's two front ends (the
// verbs of app/cli and the windows of app/gui) and the domain: an open
// project, its undo history, the coder and the passwords typed this
// session. Both work through a Session, so whatever the app writes the
// CLI lists, and the other way round.
//
// # Goroutines
//
// Every method of a Session may be called from any goroutine, so the
// app's background jobs (adding PDFs, a REFI-QDA import, a merge, OCR)
// run them on a worker while the UI goroutine keeps reading, coding and
// undoing. Reads go to the store, which is safe for concurrent use. The
// history is guarded: a change, its place on the undo stack and the coder
// it is recorded under are one step (Do, Undo, Redo, ImportFile's
// coders), and the writes that make the history meaningless (Merge, OCR)
// forget it in the same step. Those writes take turns in the order they
// were asked for (order.go), so Commit, which returns before its change
// is committed, still never lets a later write overtake it. Only the
// short writes take a turn; the slow parts of a job (reading PDFs, OCR)
// run outside it, so Ctrl+Z on the UI goroutine waits at most for the
// transactions asked for before it.
//
// Close waits for the writes asked for before it; call it when no job is
// running.
package session

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"sync"
	"sync/atomic"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
	"cmocoder.org/cmocoder/storage"
)

// Store is what a session needs of the place a project is kept: reading
// it (coding.Reader), applying changes (coding.Store), and the few writes
// that are not changes with an inverse: documents coming in, text read by
// OCR, a teammate's file merged. storage.Project, the .cmoproj file, is
// the one there is; a team server's database could be another, and the
// GUI and CLI would not change, since they reach a project only through
// a Session.
type Store interface {
	coding.Reader
	coding.Store
	// Path names the project for messages and backups.
	Path() string
	// Coder is the name recorded on changes; SetCoder changes it.
	Coder() string
	SetCoder(name string)
	// HasPDF finds a document by its file's SHA-256 (hex).
	HasPDF(sha256hex string) (coding.Document, bool, error)
	AddDocument(doc coding.Document, pdf []byte, pages []coding.Page) (coding.Document, error)
	ReplaceText(docID string, pages []coding.Page, needsOCR bool, warnings []string) (coding.Document, error)
	// Merge brings a teammate's project in (or only plans it, dryRun);
	// MergeCoding a teammate's coding file.
	Merge(other *storage.Project, dryRun bool) (coding.MergePlan, error)
	MergeCoding(theirs coding.MergeSide, otherName string, dryRun bool) (coding.MergePlan, error)
	// MergeSide is the project as a merge compares it: what a coding
	// file holds.
	MergeSide() (coding.MergeSide, error)
	// Backup copies the project, whole and consistent, to path.
	Backup(path string) error
	// Search finds a query in the documents given (all when none);
	// SearchFirst stops once limit matches are found.
	Search(q *coding.Query, docs ...string) ([]coding.PageHits, error)
	SearchFirst(q *coding.Query, limit int, docs ...string) ([]coding.PageHits, error)
	// SearchCounts counts its matches by document, from the index.
	SearchCounts(q *coding.Query, docs ...string) ([]coding.DocCount, error)
	// FragmentSpans lists the fragments of the documents given with
	// only their place, role, valence and labels: which hits are coded.
	FragmentSpans(docs ...string) ([]coding.Fragment, error)
	// EachPage reads every page's text, for scoring sentences.
	EachPage(fn func(docID string, page, start int, text string) error) error
	// Check reads the whole file and says the first problem found (a
	// KindDamaged error), since opening checks only the coding.
	Check() error
	Close() error
}

var _ Store = (*storage.Project)(nil)

// Session is an open project and its undo history: the one bridge between
// the front ends and the domain. It reads the project as a coding.Reader
// (s.Documents(), s.Fragments(docID), ...); every Do is one committed
// transaction.
type Session struct {
	coding.Reader
	store Store
	// writes orders the writes (see Goroutines in the package comment).
	writes turns

	// mu guards the history, and is held only to read or move it, never
	// over a commit, so that asking what Ctrl+Z would undo does not wait
	// for one.
	mu   sync.Mutex
	undo []step
	redo []step
	keys passwords // of encrypted PDFs, typed in this session (passwords.go)
}

// New is a session on an open store.
func New(store Store) *Session {
	return &Session{Reader: store, store: store}
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
	return New(p), nil
}

// Path names the open project.
func (s *Session) Path() string { return s.store.Path() }

// Coder is the name recorded on the changes made in this session.
func (s *Session) Coder() string { return s.store.Coder() }

// SetCoder changes the name recorded on the changes made from now on.
func (s *Session) SetCoder(name string) {
	s.inTurn(func() { s.store.SetCoder(name) })
}

// recordCoder makes name one of the project's coders: an empty change
// recorded under it, the session's own coder unchanged.
func (s *Session) recordCoder(name string) (err error) {
	s.inTurn(func() {
		own := s.store.Coder()
		defer s.store.SetCoder(own)
		s.store.SetCoder(name)
		_, err = s.store.Apply(coding.Batch{})
	})
	return err
}

// Backup copies the project, whole and consistent, to path (before a
// merge, say).
func (s *Session) Backup(path string) error { return s.store.Backup(path) }

// Check reads the whole project file for damage: every page and PDF, not
// only the coding that opening checks. It may take seconds on a large
// project; it only reads, so it may run off the UI goroutine.
func (s *Session) Check() error { return s.store.Check() }

// Merge merges a teammate's project or coding file into this one, or
// with dryRun only says what merging would do. A merge cannot be undone:
// the history of changes made before it is forgotten, since their
// inverses may no longer fit what is stored.
func (s *Session) Merge(other *Teammate, dryRun bool) (coding.MergePlan, error) {
	merge := func() (coding.MergePlan, error) {
		if other.project != nil {
			return s.store.Merge(other.project, dryRun)
		}
		return s.store.MergeCoding(other.coding.Coding, other.name, dryRun)
	}
	if dryRun {
		return merge()
	}
	var plan coding.MergePlan
	var err error
	s.inTurn(func() {
		plan, err = merge()
		if err == nil {
			s.forgetHistory()
		}
	})
	return plan, err
}

// Close closes the project, leaving it as one file, once the writes
// asked for before it (Commit's) are committed.
func (s *Session) Close() error {
	s.Wait()
	return s.store.Close()
}

// step is a change on the undo or redo stack, with what the reviewer did
// in words ("code Outcome on p. 3"): the same words name its undo and its
// redo.
type step struct {
	change coding.Change
	about  string
}

// Do applies a change in one transaction and remembers how to undo it,
// after the writes asked for before it.
func (s *Session) Do(c coding.Change) (err error) {
	s.inTurn(func() { err = s.do(c) })
	return err
}

// do is Do in the caller's turn.
func (s *Session) do(c coding.Change) error {
	about := coding.Describe(c, s.store) // before: it reads what c replaces
	u, err := s.store.Apply(c)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.undo = append(s.undo, step{u, about})
	s.redo = nil
	return nil
}

// UndoName and RedoName say what Undo and Redo would undo or redo
// ("code Outcome on p. 3"); "" when nothing.
func (s *Session) UndoName() string { return s.lastAbout(&s.undo) }
func (s *Session) RedoName() string { return s.lastAbout(&s.redo) }

func (s *Session) lastAbout(h *[]step) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*h) == 0 {
		return ""
	}
	return (*h)[len(*h)-1].about
}

// CanUndo and CanRedo tell whether Undo and Redo have anything to do.
func (s *Session) CanUndo() bool { return s.historyLen(&s.undo) > 0 }
func (s *Session) CanRedo() bool { return s.historyLen(&s.redo) > 0 }

func (s *Session) historyLen(h *[]step) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(*h)
}

// forgetHistory drops the undo and redo history, in the caller's turn.
func (s *Session) forgetHistory() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.undo, s.redo = nil, nil
}

// Undo reverses the last change done (or redone).
func (s *Session) Undo() (err error) {
	s.inTurn(func() { _, err = s.undoStep() })
	return err
}

// Redo applies again the last change undone.
func (s *Session) Redo() (err error) {
	s.inTurn(func() { _, err = s.redoStep() })
	return err
}

func (s *Session) undoStep() (string, error) { return s.move(&s.undo, &s.redo, "undo") }
func (s *Session) redoStep() (string, error) { return s.move(&s.redo, &s.undo, "redo") }

// move undoes or redoes the last step of from, in the caller's turn, and
// says what it was ("" when there was none). The turn keeps every other
// write out, so the history is not held over the commit.
func (s *Session) move(from, to *[]step, verb string) (string, error) {
	s.mu.Lock()
	if len(*from) == 0 {
		s.mu.Unlock()
		return "", nil
	}
	last := (*from)[len(*from)-1]
	s.mu.Unlock()
	inv, err := s.store.Apply(last.change)
	s.mu.Lock()
	defer s.mu.Unlock()
	if errors.Is(err, coding.ErrConflict) {
		// What the step would put back was changed underneath since (by
		// another program): it is refused, not applied blindly, and
		// dropped, so that the steps before it can still be undone.
		*from = (*from)[:len(*from)-1]
		return last.about, fmt.Errorf("cannot %s %s: %w", verb, last.about, err)
	}
	if err != nil {
		return last.about, err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, step{inv, last.about})
	return last.about, nil
}

// FindDocument resolves what a person typed for a document: its ID, a
// unique prefix of it, or its file name.
func (s *Session) FindDocument(ref string) (coding.Document, error) {
	docs, err := s.store.Documents()
	if err != nil {
		return coding.Document{}, err
	}
	return FindDocumentIn(docs, ref)
}

// FindDocumentIn resolves ref among docs as FindDocument does.
func FindDocumentIn(docs []coding.Document, ref string) (coding.Document, error) {
	for _, d := range docs {
		if d.ID == ref || strings.EqualFold(d.FileName, ref) {
			return d, nil
		}
	}
	return byPrefix(docs, func(d coding.Document) string { return d.ID }, ref, "document")
}

// FindFragment resolves a fragment ID or a unique prefix of one.
func (s *Session) FindFragment(ref string) (coding.Fragment, error) {
	if f, err := s.store.Fragment(ref); err == nil || !coding.IsKind(err, coding.KindNotFound) {
		return f, err
	}
	frags, err := s.store.Fragments("")
	if err != nil {
		return coding.Fragment{}, err
	}
	return byPrefix(frags, func(f coding.Fragment) string { return f.ID }, ref, "fragment")
}

// byPrefix finds the one of xs whose ID starts with ref, when ref has 4
// characters at least; none or more than one is an error naming what.
func byPrefix[T any](xs []T, id func(T) string, ref, what string) (T, error) {
	var found []T
	for _, x := range xs {
		if len(ref) >= 4 && strings.HasPrefix(id(x), strings.ToLower(ref)) {
			found = append(found, x)
		}
	}
	op := "find " + what
	var zero T
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return zero, coding.Errorf(coding.KindNotFound, op, ref, "no such %s in the project", what)
	}
	return zero, coding.Errorf(coding.KindInvalid, op, ref, "%d %ss start with this id; give more of it", len(found), what)
}

// DocumentName names a document for messages: its title and short ID
// (coding.Describe, by contrast, names a change for the undo menu).
func DocumentName(d coding.Document) string {
	return fmt.Sprintf("%q (%s)", d.Title, ShortID(d.ID))
}

// ShortID is the first 8 characters of an ID, as messages show it.
func ShortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
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
	var opts pdfview.Options
	if f := slowEngineStart.Load(); f != nil {
		opts.SlowStart = *f
	}
	return pdfview.NewEngine(opts)
}

// OnSlowEngineStart sets what NewEngine's engines call when starting takes
// more than a second (pdfview.Options.SlowStart): the first time on a
// computer, PDFium is compiled for it, and a command or window that shows
// nothing for seconds looks stuck. It is the program's one notice: the
// command line prints a line, the app says it in its status line.
func OnSlowEngineStart(f func(ready <-chan struct{})) { slowEngineStart.Store(&f) }

var slowEngineStart atomic.Pointer[func(ready <-chan struct{})]
