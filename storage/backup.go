package storage

import (
	"context"
	"os"

	"cmocoder.org/cmocoder/coding"
)

// Backup writes a copy of the project as it is now to path, a new file:
// one consistent snapshot (SQLite's VACUUM INTO), taken while other
// changes wait, so the copy opens like the original. The app keeps one
// before a merge, which Ctrl+Z cannot take back.
func (p *Project) Backup(path string) error {
	const op = "back up project"
	if _, err := os.Stat(path); err == nil {
		return coding.Errorf(coding.KindExists, op, path, "%s exists already", path)
	}
	_, err := p.db.ExecContext(context.Background(), "VACUUM INTO ?", path)
	if err != nil {
		os.Remove(path) // a partial copy is no backup
		return fail(p.name, op, err)
	}
	return nil
}
