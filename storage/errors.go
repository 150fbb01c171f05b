package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// fail turns err into a *coding.Error about the project file called name:
// domain errors keep their kind and message and gain op in their chain
// (so "apply" shows above "delete label"), SQLite's are classified by
// their code.
func fail(name, op string, err error) error {
	if err == nil {
		return nil
	}
	var ce *coding.Error
	if errors.As(err, &ce) {
		if ce.Op == op {
			return err
		}
		return coding.E(ce.Kind, op, "", err)
	}
	if errors.Is(err, errBadData) || errors.Is(err, errBadBoxes) {
		return damaged(name, op, err.Error())
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		if errors.Is(err, errDBClosed) {
			return coding.Errorf(coding.KindInvalid, op, "", "%s is closed", name)
		}
		return coding.E(coding.KindOther, op, name, err)
	}
	code := se.Code()
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return busy(name, op)
	case sqlite3.SQLITE_NOTADB:
		return notOurs(name, op, "")
	case sqlite3.SQLITE_CORRUPT:
		return damaged(name, op, sqliteMessage(se))
	case sqlite3.SQLITE_FULL:
		return coding.E(coding.KindOther, op, "", &WriteError{Project: name, Full: true})
	case sqlite3.SQLITE_READONLY:
		return readOnly(name, op)
	case sqlite3.SQLITE_IOERR:
		switch code {
		case sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_DIR_FSYNC,
			sqlite3.SQLITE_IOERR_TRUNCATE:
			// A write that failed (a full disk, a file size limit, a
			// removed drive): the transaction was rolled back.
			return coding.E(coding.KindOther, op, "", &WriteError{Project: name})
		}
		return coding.Errorf(coding.KindOther, op, "", "cannot read or write %s: %s", name, sqliteMessage(se))
	case sqlite3.SQLITE_CANTOPEN:
		return coding.Errorf(coding.KindOther, op, "", "cannot open %s: %s", name, sqliteMessage(se))
	case sqlite3.SQLITE_CONSTRAINT:
		switch code {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return coding.Errorf(coding.KindExists, op, "", "%s: already there (%s)", op, sqliteMessage(se))
		}
		return coding.Errorf(coding.KindInvalid, op, "", "%s: breaks a rule of the project (%s)", op, sqliteMessage(se))
	}
	return coding.Errorf(coding.KindOther, op, "", "%s: %s", name, sqliteMessage(se))
}

// errDBClosed is the error database/sql gives for a *sql.DB used after
// Close. The package does not export it, so it is taken once from a
// database closed on purpose (sql.Open connects to nothing) and then
// matched by identity, never by its text.
var errDBClosed = func() error {
	db, err := sql.Open("sqlite", "")
	if err != nil {
		return err
	}
	db.Close()
	_, err = db.Conn(context.Background())
	return err
}()

// sqliteMessage is SQLite's message without the driver's "(5)" and
// "(SQLITE_BUSY)" suffixes.
func sqliteMessage(se *sqlite.Error) string {
	m := se.Error()
	for strings.HasSuffix(m, ")") {
		i := strings.LastIndex(m, " (")
		if i <= 0 {
			break
		}
		m = m[:i]
	}
	return m
}

func busy(name, op string) error {
	return coding.Errorf(coding.KindBusy, op, "", "%s is in use by another program", name)
}

func notOurs(name, op, why string) error {
	if why != "" {
		return coding.Errorf(coding.KindDamaged, op, "", "%s is not a cmocoder project (%s)", name, why)
	}
	return coding.Errorf(coding.KindDamaged, op, "", "%s is not a cmocoder project", name)
}

func damaged(name, op, why string) error {
	return coding.Errorf(coding.KindDamaged, op, "", "%s is damaged: %s", name, why)
}

func notFound(op, what, id string) error {
	return coding.Errorf(coding.KindNotFound, op, id, "no such %s", what)
}
