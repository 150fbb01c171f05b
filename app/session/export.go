package session

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// exportTables builds the export input from a project.
func ExportProject(p coding.Reader) (*export.Project, error) {
	c, err := p.Contents()
	if err != nil {
		return nil, err
	}
	ep := &export.Project{Title: c.Title, Documents: c.Documents, Fragments: c.Fragments, CMOCs: c.CMOCs,
		Theories: c.Theories, Labels: c.Labels}
	if len(c.DeletedFragments) > 0 {
		ep.Deleted = map[string]string{}
		for id, d := range c.DeletedFragments {
			when := d.At
			if len(when) >= 10 {
				when = when[:10]
			}
			if d.Coder != "" {
				when += " by " + d.Coder
			}
			ep.Deleted[id] = strings.TrimSpace(when)
		}
	}
	return ep, nil
}

// WriteFileAtomic writes a file through a temporary file beside it, so
// that a failure leaves no half-written file (and any old one intact).
func WriteFileAtomic(path string, fn func(w io.Writer) error) error {
	const op = "write file"
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return coding.E(coding.KindInvalid, op, path, coding.PathCause(err))
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := fn(f); err != nil {
		return coding.E(coding.KindOther, op, path, err)
	}
	if err := f.Sync(); err != nil {
		return coding.E(coding.KindOther, op, path, err)
	}
	if err := f.Close(); err != nil {
		return coding.E(coding.KindOther, op, path, err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return coding.E(coding.KindOther, op, path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return coding.E(coding.KindInvalid, op, path, coding.PathCause(err))
	}
	ok = true
	return nil
}
