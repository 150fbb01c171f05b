package session

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/codingfile"
	"cmocoder.org/cmocoder/storage"
)

// Teammate is what a teammate sends to be merged: their whole project
// (opened read-only) or a coding file (read whole: it is small).
type Teammate struct {
	name    string
	project *storage.Project
	coding  *codingfile.File
}

// OpenTeammate opens the project or coding file at path for a merge,
// telling them apart by their first bytes rather than their names.
func OpenTeammate(path string) (*Teammate, error) {
	name := filepath.Base(path)
	if isCodingFile(path) {
		f, err := os.Open(path)
		if err != nil {
			return nil, coding.E(coding.KindNotFound, "merge", path, coding.PathCause(err))
		}
		defer f.Close()
		cf, err := codingfile.Read(f, name)
		if err != nil {
			return nil, err
		}
		return &Teammate{name: name, coding: &cf}, nil
	}
	// Anything else is a project, or what storage says it is not (a
	// folder, another SQLite file, a missing file).
	p, err := storage.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	return &Teammate{name: name, project: p}, nil
}

// isCodingFile reports whether the regular file at path starts as a
// coding file does.
func isCodingFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	head := make([]byte, 2)
	_, err = io.ReadFull(f, head)
	return err == nil && codingfile.Sniff(head)
}

// Name is the file's name, for messages.
func (t *Teammate) Name() string { return t.name }

// Close closes a teammate's project; a coding file has nothing open.
func (t *Teammate) Close() error {
	if t.project != nil {
		return t.project.Close()
	}
	return nil
}

// ExportCoding writes the project's coding, without its documents' files,
// text or boxes, to w as a coding file for a teammate to merge (File ▸
// Send my coding…, `export --format coding`). It only reads the project.
func (s *Session) ExportCoding(w io.Writer) error {
	title, err := s.Title()
	if err != nil {
		return err
	}
	side, err := s.store.MergeSide()
	if err != nil {
		return err
	}
	return codingfile.Write(w, codingfile.File{Project: title, Coder: s.Coder(), Written: time.Now(), Coding: side})
}
