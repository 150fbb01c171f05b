package storage

import "context"

// DataVersion is SQLite's PRAGMA data_version on the project's connection:
// a number that differs from the one read before whenever another
// connection (another program: the CLI, a second window) has committed a
// change to the file in between. The project's own commits leave it
// alone, which is why it is read on this connection and not on one of its
// own: a watcher polling it (the app, every half second) learns exactly
// of the changes it did not make. It reads no table and takes no lock
// beyond the connection itself, so polling costs microseconds.
func (p *Project) DataVersion() (int64, error) {
	var v int64
	err := p.db.QueryRowContext(context.Background(), "PRAGMA data_version").Scan(&v)
	return v, fail(p.name, "read data version", err)
}
