package storage

import (
	"context"
	"fmt"
)

// migrations bring a project file from one schema version to the next:
// migrations[i] turns version i into version i+1, so migrations[0] writes
// the initial schema (version 1) into an empty file and len(migrations) is
// the current version. They run inside one write transaction with
// foreign-key checks deferred to its commit (PRAGMA defer_foreign_keys), so
// a migration may rebuild a table. Never edit a migration once released:
// append a new one.
var migrations = []func(q querier) error{
	execAll(schemaV1),
	execAll(schemaV2),
	execAll(schemaV3),
	schemaV4,
	execAll(schemaV5),
	schemaSearch, // search.go
	// schema_refs.go
	execAll(schemaRefs),
	schemaSearchCounts, // schema_search_counts.go
}

// schemaV5 indexes fragments by document and role: the documents list
// counts them after every change (RoleCounts), and at 20,000 fragments
// counting from the table read every fragment's text (33 ms; 6 ms from
// this index, which holds no text).
const schemaV5 = `CREATE INDEX fragments_by_doc_role ON fragments (doc_id, role);`

// schemaVersion is the schema this cmocoder writes (PRAGMA user_version).
// Open migrates older files forward and refuses newer ones.
func schemaVersion() int { return len(migrations) }

func execAll(sql string) func(q querier) error {
	return func(q querier) error {
		_, err := q.ExecContext(context.Background(), sql)
		return err
	}
}

// migrate runs the migrations from the file's version to the current one.
// The caller holds a write transaction.
func migrate(q querier) error {
	ctx := context.Background()
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v >= len(migrations) {
		return nil
	}
	if _, err := q.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	for ; v < len(migrations); v++ {
		if err := migrations[v](q); err != nil {
			return fmt.Errorf("schema %d to %d: %w", v, v+1, err)
		}
	}
	// PRAGMA arguments cannot be bound: v is an int we made.
	if _, err := q.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		return err
	}
	return nil
}

// schemaV4 lets a fragment be unclassified (coding.Unclassified: labels,
// no role yet), which the role column's CHECK refused. SQLite cannot alter
// a CHECK, and rebuilding fragments would mean dropping it, which cascades
// to fragment_labels and leaves free pages behind. Widening an IN list
// changes nothing stored (every row already passes), so this is the case
// SQLite's documentation gives for editing the table's definition in
// sqlite_schema instead (https://sqlite.org/lang_altertable.html, "Making
// Other Kinds Of Table Schema Changes"): rewrite the CREATE TABLE text,
// bump the schema cookie so every connection reads it again, and check.
func schemaV4(q querier) error {
	const (
		old   = "CHECK (role IN ('context', 'resource', 'reasoning', 'outcome'))"
		wider = "CHECK (role IN ('context', 'resource', 'reasoning', 'outcome', 'unclassified'))"
	)
	ctx := context.Background()
	var cookie int
	if err := q.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, "PRAGMA writable_schema = ON"); err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'fragments' AND instr(sql, ?) > 0", old, wider, old)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n != 1 {
			err = fmt.Errorf("the fragments table's role CHECK is not the one schema 1 wrote")
		}
	}
	// Schema cookies are ints we read: they cannot be bound in a PRAGMA.
	if err == nil {
		_, err = q.ExecContext(ctx, fmt.Sprintf("PRAGMA schema_version = %d", cookie+1))
	}
	if _, offErr := q.ExecContext(ctx, "PRAGMA writable_schema = OFF"); err == nil {
		err = offErr
	}
	if err != nil {
		return err
	}
	var ok string
	if err := q.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&ok); err != nil {
		return err
	}
	if ok != "ok" {
		return fmt.Errorf("after widening the role CHECK: %s", ok)
	}
	return nil
}

// schemaV3 records what each document's original file is (coding.Document
// Format: every document before it is a PDF) and, for a text document, the
// encoding and line-ending convention its text was decoded from. The
// original bytes of a text document are kept in pdfs, as a PDF's are: the
// table holds each document's original file.
const schemaV3 = `
ALTER TABLE documents ADD COLUMN format      TEXT NOT NULL DEFAULT 'pdf'
	CHECK (format <> '' AND format = lower(format));
ALTER TABLE documents ADD COLUMN encoding    TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN line_ending TEXT NOT NULL DEFAULT '';
`

// schemaV2 adds the study characteristics and the appraisal of each
// source (coding.Source) to the documents.
const schemaV2 = `
ALTER TABLE documents ADD COLUMN objectives     TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN location       TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN design         TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN participants   TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN relevance      TEXT NOT NULL DEFAULT ''
	CHECK (relevance IN ('', 'high', 'moderate', 'low'));
ALTER TABLE documents ADD COLUMN relevance_note TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN rigour         TEXT NOT NULL DEFAULT ''
	CHECK (rigour IN ('', 'high', 'moderate', 'low'));
ALTER TABLE documents ADD COLUMN rigour_note    TEXT NOT NULL DEFAULT '';
`

// schemaV1 is the initial schema. Conventions: every entity has a UUID
// primary key (TEXT) that survives export, import and merge; times are
// UTC RFC 3339 text with nine fractional digits, so they sort as text;
// names that must be unique regardless of case have a fold column
// (coding.NameKey, the one key the domain matches names by) with a UNIQUE
// index, as SQLite's NOCASE folds ASCII letters only.
const schemaV1 = `
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE coders (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	created TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
	id        TEXT PRIMARY KEY,
	position  INTEGER NOT NULL UNIQUE,   -- import order
	file_name TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	sha256    TEXT UNIQUE,                -- hex of the PDF; NULL when there is no PDF
	pages     INTEGER NOT NULL CHECK (pages >= 0),
	chars     INTEGER NOT NULL CHECK (chars >= 0),
	authors   TEXT NOT NULL DEFAULT '',
	year      TEXT NOT NULL DEFAULT '',
	citation  TEXT NOT NULL DEFAULT '',
	needs_ocr INTEGER NOT NULL DEFAULT 0 CHECK (needs_ocr IN (0, 1)),
	warnings  TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	added     TEXT NOT NULL,
	modified  TEXT NOT NULL
) STRICT;

-- The original PDFs, apart so that listing documents reads no blob.
CREATE TABLE pdfs (
	doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	data   BLOB NOT NULL
) STRICT;

CREATE TABLE pages (
	doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	number       INTEGER NOT NULL CHECK (number >= 1),
	start_offset INTEGER NOT NULL CHECK (start_offset >= 0), -- code points
	text         TEXT NOT NULL,
	boxes        BLOB,                                      -- see boxes.go
	x0           REAL NOT NULL DEFAULT 0,
	y0           REAL NOT NULL DEFAULT 0,
	x1           REAL NOT NULL DEFAULT 0,
	y1           REAL NOT NULL DEFAULT 0,
	rotation     INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
	PRIMARY KEY (doc_id, number)
) STRICT;

CREATE TABLE labels (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
	fold       TEXT NOT NULL UNIQUE,
	definition TEXT NOT NULL DEFAULT '',
	colour     TEXT NOT NULL DEFAULT '',
	created    TEXT NOT NULL,
	modified   TEXT NOT NULL
) STRICT;

CREATE TABLE fragments (
	id           TEXT PRIMARY KEY,
	doc_id       TEXT NOT NULL REFERENCES documents(id),
	start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
	end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
	page         INTEGER NOT NULL CHECK (page >= 1),
	role         TEXT NOT NULL CHECK (role IN ('context', 'resource', 'reasoning', 'outcome')),
	valence      TEXT NOT NULL DEFAULT '' CHECK (valence IN ('', '+', '-')),
	coder        TEXT NOT NULL DEFAULT '',
	memo         TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL DEFAULT '',
	created      TEXT NOT NULL,
	modified     TEXT NOT NULL
) STRICT;
CREATE INDEX fragments_by_doc ON fragments (doc_id, start_offset, end_offset);

-- A fragment's labels in order, by label ID so that renaming a label keeps
-- its codings.
CREATE TABLE fragment_labels (
	fragment_id TEXT NOT NULL REFERENCES fragments(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	label_id    TEXT NOT NULL REFERENCES labels(id),
	PRIMARY KEY (fragment_id, position),
	UNIQUE (fragment_id, label_id)
) STRICT;
CREATE INDEX fragment_labels_by_label ON fragment_labels (label_id);

CREATE TABLE theories (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
	fold        TEXT NOT NULL UNIQUE,
	description TEXT NOT NULL DEFAULT '',
	kind        TEXT NOT NULL CHECK (kind IN ('initial', 'refined')),
	refines     TEXT REFERENCES theories(id),
	statement   TEXT NOT NULL DEFAULT '',
	position    INTEGER NOT NULL DEFAULT 0,
	created     TEXT NOT NULL,
	modified    TEXT NOT NULL
) STRICT;
CREATE INDEX theories_by_refines ON theories (refines);

CREATE TABLE cmocs (
	id        TEXT PRIMARY KEY,
	statement TEXT NOT NULL DEFAULT '',
	narrative TEXT NOT NULL DEFAULT '',
	theory_id TEXT REFERENCES theories(id),
	coder     TEXT NOT NULL DEFAULT '',
	created   TEXT NOT NULL,
	modified  TEXT NOT NULL
) STRICT;
CREATE INDEX cmocs_by_theory ON cmocs (theory_id);

-- A CMOC's fragments in order. Deliberately no foreign key to fragments: a
-- deleted fragment stays referenced, so that the CMOC is reported as
-- missing evidence rather than silently emptied, and undo can restore it.
CREATE TABLE cmoc_fragments (
	cmoc_id     TEXT NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	fragment_id TEXT NOT NULL,
	PRIMARY KEY (cmoc_id, position),
	UNIQUE (cmoc_id, fragment_id)
) STRICT;
CREATE INDEX cmoc_fragments_by_fragment ON cmoc_fragments (fragment_id);

CREATE TABLE cmoc_labels (
	cmoc_id  TEXT NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	label_id TEXT NOT NULL REFERENCES labels(id),
	PRIMARY KEY (cmoc_id, position),
	UNIQUE (cmoc_id, label_id)
) STRICT;
CREATE INDEX cmoc_labels_by_label ON cmoc_labels (label_id);

-- What was deleted, by whom and when, so that a merge can carry deletions
-- to teammates' copies. Putting an entity back forgets its deletion.
CREATE TABLE deletions (
	entity     TEXT NOT NULL CHECK (entity IN ('document', 'fragment', 'cmoc', 'theory', 'label')),
	id         TEXT NOT NULL,
	deleted_at TEXT NOT NULL,
	coder      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (entity, id)
) STRICT;
`
