// Package storage keeps a cmocoder project in one self-contained SQLite
// file (a .cmoproj): the PDFs, their text and character boxes, the
// fragments coded in them, the CMOCs, programme theories and the codebook.
// The file travels by e-mail and holds months of a team's work, so:
//
//   - every change is one transaction (BEGIN IMMEDIATE, synchronous=FULL,
//     rollback journal): a crash or kill -9 leaves either the whole change
//     or none of it, and the next Open rolls back the leftover journal;
//   - after Close the project is exactly one file (journal_mode=DELETE,
//     never WAL): no -journal, -wal or -shm beside it;
//   - Open refuses, without changing a byte, a missing file (and creates
//     none), a file that is not a cmocoder project, a damaged or truncated
//     one and one made by a newer cmocoder; opening an up-to-date project
//     writes nothing at all;
//   - a second program writing the same file waits for the lock (about
//     five seconds) and then gets a KindBusy error: no write is lost.
//
// It implements coding.Store (Project.Apply) and coding.Tx. Errors are
// *coding.Error values with a one-line message that names the file or the
// item concerned. SQL lives in this package only.
//
// The schema is in schema.go and the character-box encoding in boxes.go.
// It needs no cgo (modernc.org/sqlite) and uses no Unix-only calls; paths
// reach SQLite as file: URIs, so Windows drive letters, spaces and
// non-ASCII names work (see dsn).
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"cmocoder.org/cmocoder/coding"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// ApplicationID marks a SQLite file as a cmocoder project ("CMOC" in
// ASCII); it is set with PRAGMA application_id and checked by Open.
const ApplicationID = 0x434D4F43

// defaultBusyTimeout is how long a write waits for another program that
// holds the project before giving up with KindBusy.
const defaultBusyTimeout = 5 * time.Second

// maxCachedTexts bounds the per-project cache of document texts.
const maxCachedTexts = 64

// Project is an open .cmoproj file. Its methods may be called from several
// goroutines: they take turns on the one database connection.
type Project struct {
	path string // absolute
	name string // as the caller gave it, for messages
	db   *sql.DB
	busy time.Duration

	mu    sync.Mutex
	coder string
	texts map[string]*coding.Text // document texts never change once imported
	// checked says the coding tables passed SQLite's quick check (at an
	// open after a crash, or before the first write): see write.
	checked bool
}

var _ coding.Store = (*Project)(nil)

// querier is what both *sql.Tx and *sql.DB offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Create makes a new, empty project file at path with the given title and
// registers coder (when not empty) as a member of the team. It fails with
// KindExists when path exists: it never overwrites anything. The schema is
// written in one transaction; on failure no file is left behind.
func Create(path, title, coder string) (*Project, error) {
	return create(path, title, coder, defaultBusyTimeout)
}

func create(path, title, coder string, busy time.Duration) (*Project, error) {
	const op = "create project"
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, coding.E(coding.KindInvalid, op, path, err)
	}
	// O_EXCL: an existing file, even one made a moment ago by someone
	// else, is never touched.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil, existing(path, abs, op)
	case errors.Is(err, fs.ErrNotExist):
		return nil, coding.Errorf(coding.KindNotFound, op, path, "no such folder")
	case err != nil:
		return nil, coding.E(coding.KindOther, op, path, coding.PathCause(err))
	}
	if err := f.Close(); err != nil {
		os.Remove(abs)
		return nil, coding.E(coding.KindOther, op, path, coding.PathCause(err))
	}
	p := connect(abs, path, busy)
	p.coder = strings.TrimSpace(coder)
	err = p.write(op, func(t *tx) error {
		if err := migrate(t.q); err != nil {
			return err
		}
		ctx := context.Background()
		if _, err := t.q.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return err
		}
		for _, kv := range [][2]string{
			{"id", coding.NewID()},
			{"title", title},
			{"created", fmtTime(t.now)},
			{"created_by", coder},
		} {
			if _, err := t.q.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?)", kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		p.db.Close()
		os.Remove(abs)
		os.Remove(abs + "-journal")
		return nil, err
	}
	return p, nil
}

// Open opens an existing project. It fails, leaving the file exactly as it
// was, with KindNotFound when there is no such file (it creates none) and
// with KindDamaged when the file is not a cmocoder project, is damaged or
// truncated, or was made by a newer cmocoder. A project from an older
// cmocoder is brought up to date in one transaction; an up-to-date one is
// only read. A journal left by a crash is rolled back first, as SQLite
// does, so that an interrupted change is wholly undone.
func Open(path string) (*Project, error) {
	return open(path, defaultBusyTimeout)
}

// statProject is the absolute path of the project file at path, or why
// it cannot be one (missing, a folder, not a regular file).
func statProject(path, op string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", coding.E(coding.KindInvalid, op, path, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", coding.Errorf(coding.KindNotFound, op, path, "no such file")
	case err != nil:
		return "", coding.E(coding.KindOther, op, path, coding.PathCause(err))
	case fi.IsDir():
		return "", notOurs(path, op, "it is a folder")
	case !fi.Mode().IsRegular():
		return "", notOurs(path, op, "")
	}
	return abs, nil
}

func open(path string, busy time.Duration) (*Project, error) {
	const op = "open project"
	abs, err := statProject(path, op)
	if err != nil {
		return nil, err
	}
	// Refuse other files before SQLite sees them, so that nothing of
	// theirs is touched. With a journal beside the file, a change was
	// interrupted (or is under way in another program): its header may be
	// half written, so the checks wait until SQLite has rolled the
	// journal back, under a read lock (validate).
	_, err = os.Stat(abs + "-journal")
	crashed := err == nil
	if !crashed {
		if err := checkHeader(abs, path, op, false); err != nil {
			return nil, err
		}
	}
	p := connect(abs, path, busy)
	if err := p.validate(op, crashed); err != nil {
		p.db.Close()
		return nil, err
	}
	return p, nil
}

// connect prepares the connection pool; nothing is opened yet.
func connect(abs, name string, busy time.Duration) *Project {
	db, _ := sql.Open("sqlite", dsn(abs, busy)) // only fails for an unknown driver
	// One connection: SQLite serialises writers anyway, and a single
	// connection keeps transactions and pragmas simple.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return &Project{path: abs, name: name, db: db, busy: busy, texts: map[string]*coding.Text{}}
}

// dsn is the data source name for modernc.org/sqlite. It is a "file:" URI
// (SQLite parses it as such: the driver opens with SQLITE_OPEN_URI and
// passes URIs through whole) so that mode=rw applies: opening a missing
// file fails instead of creating it. The driver reads the _pragma and
// _txlock parameters and SQLite ignores them. journal_mode is not set here:
// on another program's WAL file that would write to it before Open had
// looked at it; DELETE is SQLite's default and Create keeps it.
func dsn(abs string, busy time.Duration) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x, as SQLite's Windows VFS expects
	}
	q := url.Values{}
	q.Set("mode", "rw")
	q.Set("_txlock", "immediate") // every write transaction is BEGIN IMMEDIATE
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	return "file://" + escapePath(p) + "?" + q.Encode()
}

// escapePath percent-encodes a slash-separated path for a file: URI:
// everything but unreserved characters, '/' and ':' (so '?', '#', '%',
// spaces and non-ASCII bytes are escaped; SQLite decodes them).
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/', c == ':':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// validate looks at a freshly connected file under a read lock: SQLite
// header, application id, size, schema version, and a quick check of the
// coding tables (the whole file after a crash). Then it migrates an older
// file forward.
func (p *Project) validate(op string, crashed bool) error {
	ctx := context.Background()
	var version int
	var wal bool
	err := func() error {
		// SQLite reads the schema as soon as the connection is set up (its
		// pragmas are statements), and the first read takes the shared lock
		// and, if a crash left a hot journal, rolls it back.
		t, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return p.openFailure(op, err)
		}
		defer t.Rollback()
		var n int
		if err := t.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return p.openFailure(op, err)
		}
		if err := checkHeader(p.path, p.name, op, true); err != nil {
			return err
		}
		if err := t.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return fail(p.name, op, err)
		}
		switch {
		case version > len(migrations):
			return coding.Errorf(coding.KindDamaged, op, "", "%s was made by a newer cmocoder (schema %d); please update", p.name, version)
		case version == 0 || n == 0:
			return damaged(p.name, op, "it holds no project tables")
		}
		// After a crash the whole file is checked before anything is
		// read; otherwise the coding tables are checked before the first
		// write (write), and a read meets any damage in what it reads.
		if crashed {
			if problem, err := quickCheck(ctx, t); err != nil {
				return fail(p.name, op, err)
			} else if problem != "" {
				return damaged(p.name, op, problem)
			}
			p.checked = true
		}
		var mode string
		if err := t.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			return fail(p.name, op, err)
		}
		wal = !strings.EqualFold(mode, "delete")
		return nil
	}()
	if err != nil {
		return err
	}
	if wal {
		// Someone switched the file to WAL (e.g. with the sqlite3 shell):
		// back to one file.
		if _, err := p.db.ExecContext(ctx, "PRAGMA journal_mode = DELETE"); err != nil {
			return fail(p.name, op, err)
		}
	}
	if version < len(migrations) {
		if err := p.write(op, func(t *tx) error { return migrate(t.q) }); err != nil {
			return err
		}
	}
	p.removeStaleJournal()
	return nil
}

// removeStaleJournal deletes a -journal file that SQLite left alone. A
// process killed just as it began a transaction can leave a journal whose
// header was never completed: SQLite rightly ignores it (it is not hot:
// the database file was not touched yet) but does not delete it, and the
// project would no longer be one file. It is removed only while this
// connection holds the write lock, taken without waiting: then no other
// program is writing, and taking the lock has rolled back any hot journal.
// Nothing happens when there is no journal, so that opening and closing
// an up-to-date project writes nothing.
func (p *Project) removeStaleJournal() {
	journal := p.path + "-journal"
	if _, err := os.Stat(journal); err != nil {
		return
	}
	ctx := context.Background()
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return
	}
	defer conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", p.busy.Milliseconds()))
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return // another program is writing: the journal is its own
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	os.Remove(journal)
}

// openFailure classifies an error of SQLite's first look at the file; for
// a damaged one, the header check may say more precisely what is wrong
// (a truncated file rather than "malformed").
func (p *Project) openFailure(op string, err error) error {
	err = fail(p.name, op, err)
	if coding.IsKind(err, coding.KindDamaged) {
		if herr := checkHeader(p.path, p.name, op, true); herr != nil {
			return herr
		}
	}
	return err
}

// quickCheck runs SQLite's quick check and returns its first complaint,
// "" when there is none.
func quickCheck(ctx context.Context, q querier) (string, error) {
	var res string
	if err := q.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&res); err != nil {
		return "", err
	}
	if res == "ok" {
		return "", nil
	}
	return firstProblem(res), nil
}

// bulkTables hold the original files, the pages' text and boxes, and the
// fragments with their quotes: what grows with the papers and the months
// of coding. Checking them on every open made any verb on a 500-paper
// project read the whole file (0.65 s against 0.02 s for one paper; the
// fragments alone, 50 ms at 20,000). The search index grows with the
// pages, and quick-checking an FTS5 table reads all of it (0.11 s of
// every open at 500 papers). They are checked after a crash and by
// Check; damage in them that opening does not see is reported (as
// KindDamaged) by the read that meets it.
var bulkTables = []string{"pdfs", "pages", "fragments", "fragment_labels",
	"search_index", "search_index_data", "search_index_idx", "search_index_config", "search_index_docsize", "search_index_content",
	"search_words"}

// quickCheckCoding runs SQLite's quick check on every table but the bulk
// ones: the project's documents, codebook, theories, CMOCs and coders.
func quickCheckCoding(ctx context.Context, q querier) (string, error) {
	tables, err := queryAll(q, scanString, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return "", err
	}
	for _, name := range tables {
		if slices.Contains(bulkTables, name) {
			continue
		}
		var res string
		// A name read from the schema, quoted as an identifier: a pragma's
		// argument cannot be bound.
		pragma := fmt.Sprintf(`PRAGMA quick_check("%s")`, strings.ReplaceAll(name, `"`, `""`))
		if err := q.QueryRowContext(ctx, pragma).Scan(&res); err != nil {
			return "", err
		}
		if res != "ok" {
			return firstProblem(res), nil
		}
	}
	return "", nil
}

// firstProblem makes one line of a complaint of integrity_check or
// quick_check, which may span lines and start with "*** in database main ***".
func firstProblem(res string) string {
	for _, line := range strings.Split(res, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "***") {
			return line
		}
	}
	return strings.Join(strings.Fields(res), " ")
}

// Close closes the project. Afterwards the project is exactly one file:
// no -journal, -wal or -shm is left beside it.
func (p *Project) Close() error {
	p.mu.Lock()
	p.texts = map[string]*coding.Text{}
	p.mu.Unlock()
	p.removeStaleJournal()
	if err := p.db.Close(); err != nil {
		return fail(p.name, "close project", err)
	}
	return nil
}

// Path is the project file's absolute path.
func (p *Project) Path() string { return p.path }

// Title is the project's title, as given to Create.
func (p *Project) Title() (string, error) {
	var title string
	err := p.read("title", func(q querier) error {
		err := q.QueryRowContext(context.Background(), "SELECT value FROM meta WHERE key = 'title'").Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return title, err
}

// Created is when the project was created and by which coder ("" and a
// zero time for a project that does not record it).
func (p *Project) Created() (at time.Time, by string, err error) {
	err = p.read("created", func(q querier) error {
		return eachRow(q, scanPair, func(p pair) error {
			var err error
			switch p.key {
			case "created":
				at, err = parseTime(p.value)
			case "created_by":
				by = p.value
			}
			return err
		}, "SELECT key, value FROM meta WHERE key IN ('created', 'created_by')")
	})
	return at, by, err
}

// SetCoder sets who makes the changes that follow. The name is recorded in
// the coders table inside the next write transaction, not on its own:
// reading a project never writes to it.
func (p *Project) SetCoder(name string) {
	p.mu.Lock()
	p.coder = strings.TrimSpace(name)
	p.mu.Unlock()
}

// Coder is who makes the changes that follow (SetCoder).
func (p *Project) Coder() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.coder
}

func (p *Project) currentCoder() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.coder
}

// Apply performs a change in one transaction (BEGIN IMMEDIATE) and returns
// the change that undoes it. On an error, or a panic in the change (which
// is passed on), everything is rolled back and the file is as it was.
// Another program holding the project makes Apply wait, then fail with
// KindBusy.
func (p *Project) Apply(c coding.Change) (undo coding.Change, err error) {
	if c == nil {
		return nil, coding.Errorf(coding.KindInvalid, "apply", "", "no change to apply")
	}
	err = p.write("apply", func(t *tx) error {
		u, err := c.Apply(t)
		undo = u
		return err
	})
	if err != nil {
		return nil, err
	}
	return undo, nil
}

// write runs fn in one write transaction (BEGIN IMMEDIATE: it waits for
// other writers up to the busy timeout) and commits it, or rolls it back
// when fn fails or panics.
func (p *Project) write(op string, fn func(t *tx) error) error {
	ctx := context.Background()
	sqlTx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(p.name, op, err)
	}
	finished := false
	defer func() {
		if !finished {
			sqlTx.Rollback() // also on a panic, which then goes on
		}
	}()
	t := &tx{p: p, q: &cachedTx{Tx: sqlTx}, now: time.Now().UTC(), coder: p.currentCoder()}
	if err := p.checkBeforeWrite(ctx, op, sqlTx); err != nil {
		return err
	}
	if err := fn(t); err != nil {
		return fail(p.name, op, err)
	}
	if t.coder != "" { // after fn, which may have created the tables
		if _, err := sqlTx.ExecContext(ctx,
			"INSERT INTO coders (id, name, created) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
			coding.NewID(), t.coder, fmtTime(t.now)); err != nil {
			return fail(p.name, op, err)
		}
	}
	finished = true
	if err := sqlTx.Commit(); err != nil {
		// The driver rolls back a commit that failed.
		sqlTx.Rollback()
		return fail(p.name, op, err)
	}
	return nil
}

// checkBeforeWrite quick-checks the coding tables before the project's
// first write, so that nothing is written into a damaged table (SQLite
// can make the damage worse) and the user hears of it at once. Opening
// does not check them: a verb that only reads paid 4 ms of its 40 for it
// on a 500-paper project, and meets any damage in what it reads anyway.
func (p *Project) checkBeforeWrite(ctx context.Context, op string, q querier) error {
	p.mu.Lock()
	checked := p.checked
	p.mu.Unlock()
	if checked {
		return nil
	}
	if problem, err := quickCheckCoding(ctx, q); err != nil {
		return fail(p.name, op, err)
	} else if problem != "" {
		return damaged(p.name, op, problem)
	}
	p.mu.Lock()
	p.checked = true
	p.mu.Unlock()
	return nil
}

// read runs fn in one read transaction, so that it sees one state of the
// file. Reading never writes.
func (p *Project) read(op string, fn func(q querier) error) error {
	ctx := context.Background()
	t, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(p.name, op, err)
	}
	defer t.Rollback()
	if err := fn(t); err != nil {
		return fail(p.name, op, err)
	}
	return fail(p.name, op, t.Commit())
}

// readValue is read for a function that returns what it read.
func readValue[T any](p *Project, op string, get func(q querier) (T, error)) (T, error) {
	var v T
	err := p.read(op, func(q querier) error {
		var err error
		v, err = get(q)
		return err
	})
	return v, err
}

// Check verifies the whole file: SQLite's integrity check, the foreign
// keys, and that every document has all its pages. It returns a
// KindDamaged error describing the first problem found.
func (p *Project) Check() error {
	const op = "check project"
	err := p.read(op, func(q querier) error {
		ctx := context.Background()
		var res string
		if err := q.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&res); err != nil {
			return err
		}
		if res != "ok" {
			return damaged(p.name, op, firstProblem(res))
		}
		// The first row that breaks a foreign key is enough to tell.
		err := eachRow(q, scanBrokenKey, func(k pair) error {
			return damaged(p.name, op, fmt.Sprintf("a row of %s refers to a missing row of %s", k.key, k.value))
		}, "PRAGMA foreign_key_check")
		if err != nil {
			return err
		}
		var title string
		var want, got, first, last sql.NullInt64
		err = q.QueryRowContext(ctx, `
			SELECT d.title, d.pages, count(p.number), min(p.number), max(p.number)
			FROM documents d LEFT JOIN pages p ON p.doc_id = d.id
			GROUP BY d.id
			HAVING count(p.number) != d.pages OR (d.pages > 0 AND (min(p.number) != 1 OR max(p.number) != d.pages))
			LIMIT 1`).Scan(&title, &want, &got, &first, &last)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		default:
			return damaged(p.name, op, fmt.Sprintf("document %q has %d of its %s", title, got.Int64, coding.Count(int(want.Int64), "page")))
		}
		return nil
	})
	return err
}

// scanBrokenKey reads a row of PRAGMA foreign_key_check: the table of the
// row and the table it refers to.
func scanBrokenKey(s scanner) (pair, error) {
	var k pair
	var rowid sql.NullInt64
	var fkid int
	err := s.Scan(&k.key, &rowid, &k.value, &fkid)
	return k, err
}

// Coders lists the members of the team who have made changes, by name.
func (p *Project) Coders() ([]coding.Coder, error) {
	var out []coding.Coder
	err := p.read("list coders", func(q querier) error {
		var err error
		out, err = queryAll(q, func(s scanner) (coding.Coder, error) {
			var c coding.Coder
			err := s.Scan(&c.ID, &c.Name)
			return c, err
		}, "SELECT id, name FROM coders ORDER BY name")
		return err
	})
	return out, err
}

// timeFormat is RFC 3339 with all nine fractional digits, so that times
// sort as text; time.RFC3339Nano parses it.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

// errBadData marks values in the file that cannot be what cmocoder wrote.
var errBadData = errors.New("unreadable data")

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: time %q", errBadData, s)
	}
	return t.UTC(), nil
}
