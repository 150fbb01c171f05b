package storage

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
)

func TestCreateOpenClose(t *testing.T) {
	dir := t.TempDir()
	// Spaces, non-ASCII, and the characters a file: URI must escape.
	for _, name := range []string{"review.cmoproj", "Revue réaliste 𝑥 مراجعة.cmoproj", "a #1 ? 100% & b=c.cmoproj"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			p, err := Create(path, "Leadership & mergers", "Ann")
			if err != nil {
				t.Fatal(err)
			}
			if p.Path() != path {
				t.Errorf("Path %q", p.Path())
			}
			if title, err := p.Title(); err != nil || title != "Leadership & mergers" {
				t.Errorf("Title %q %v", title, err)
			}
			if _, err := p.Apply(coding.PutLabel{Label: coding.Label{Name: "Trust"}}); err != nil {
				t.Fatal(err)
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), name) && e.Name() != name {
					t.Errorf("left beside the project: %s", e.Name())
				}
			}
			if s := sidecars(path); len(s) != 0 {
				t.Errorf("sidecars after Close: %v", s)
			}

			// Create never overwrites.
			before := fileSum(t, path)
			_, err = Create(path, "other", "")
			wantKind(t, err, coding.KindExists, name)
			if fileSum(t, path) != before {
				t.Error("Create changed an existing file")
			}

			p, err = Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			ls, err := p.Labels()
			if err != nil || len(ls) != 1 || ls[0].Name != "Trust" {
				t.Errorf("labels %+v %v", ls, err)
			}
			coders, err := p.Coders()
			if err != nil || len(coders) != 1 || coders[0].Name != "Ann" {
				t.Errorf("coders %+v %v", coders, err)
			}
			if err := p.Check(); err != nil {
				t.Error(err)
			}
			var appID, version int
			p.db.QueryRow("PRAGMA application_id").Scan(&appID)
			p.db.QueryRow("PRAGMA user_version").Scan(&version)
			var mode string
			p.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
			var fk, sync int
			p.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
			p.db.QueryRow("PRAGMA synchronous").Scan(&sync)
			if appID != ApplicationID || version != schemaVersion() || mode != "delete" || fk != 1 || sync != 2 {
				t.Errorf("application_id %x user_version %d journal_mode %s foreign_keys %d synchronous %d", appID, version, mode, fk, sync)
			}
		})
	}
	_, err := Create(filepath.Join(dir, "no such folder", "x.cmoproj"), "", "")
	wantKind(t, err, coding.KindNotFound, "no such folder")
}

// realProject makes a closed project with some of everything in it and
// returns its path.
func realProject(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "real.cmoproj")
	p, err := Create(path, "Real", "Ann")
	if err != nil {
		t.Fatal(err)
	}
	doc, pdf, pages := synthDocument(1, 12, 3000, 300_000)
	d, err := p.AddDocument(doc, pdf, pages)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(coding.AddFragment{Fragment: coding.Fragment{DocID: d.ID, Start: 0, End: 20, Role: coding.Context, Labels: []string{"Trust"}}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	real := realProject(t, dir)
	realBytes, err := os.ReadFile(real)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.BigEndian.Uint16(realBytes[16:18]))

	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o666); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// execIn changes the database file at path with the driver directly.
	execIn := func(path string, sqls ...string) string {
		db := rawDB(t, path)
		for _, s := range sqls {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		return path
	}
	// withDB makes a project copy and changes it with the driver directly.
	withDB := func(name string, sqls ...string) string { return execIn(write(name, realBytes), sqls...) }
	random := make([]byte, 10000)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	otherSQLite := execIn(filepath.Join(dir, "other.db"), "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('someone else''s data')")
	otherWAL := execIn(filepath.Join(dir, "other-wal.db"), "PRAGMA journal_mode=WAL; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('x')")
	// A page overwritten with garbage inside a table is not looked for by
	// opening: the read that meets it and the first write say the file is
	// damaged (TestOpenChecksCodingNotBulk).
	cases := []struct {
		name string
		path string
		kind coding.Kind
		msg  string
	}{
		{"missing", filepath.Join(dir, "missing.cmoproj"), coding.KindNotFound, "missing.cmoproj: no such file"},
		{"random bytes", write("random.cmoproj", random), coding.KindDamaged, "random.cmoproj is not a cmocoder project"},
		{"empty", write("empty.cmoproj", nil), coding.KindDamaged, "empty.cmoproj is not a cmocoder project (the file is empty)"},
		{"short", write("short.cmoproj", []byte("SQLite format 3\x00")), coding.KindDamaged, "short.cmoproj is not a cmocoder project"},
		{"a folder", filepath.Join(dir, "folder.cmoproj"), coding.KindDamaged, "folder.cmoproj is not a cmocoder project (it is a folder)"},
		{"other SQLite", otherSQLite, coding.KindDamaged, "other.db is not a cmocoder project"},
		{"other SQLite in WAL mode", otherWAL, coding.KindDamaged, "other-wal.db is not a cmocoder project"},
		{"first half", write("half.cmoproj", realBytes[:len(realBytes)/2]), coding.KindDamaged, "half.cmoproj is damaged: the file is cut short"},
		{"last page missing", write("lastpage.cmoproj", realBytes[:len(realBytes)-pageSize]), coding.KindDamaged, "lastpage.cmoproj is damaged: the file is cut short"},
		{"extra bytes", write("long.cmoproj", append(bytes.Clone(realBytes), make([]byte, pageSize)...)), coding.KindDamaged, "long.cmoproj is damaged"},
		{"newer schema", withDB("newer.cmoproj", "PRAGMA user_version = 99"), coding.KindDamaged, "newer.cmoproj was made by a newer cmocoder (schema 99); please update"},
		{"no schema version", withDB("noversion.cmoproj", "PRAGMA user_version = 0"), coding.KindDamaged, "noversion.cmoproj is damaged"},
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.cmoproj"), 0o777); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := fileSum(t, c.path)
			beforeSide := sidecars(c.path)
			p, err := Open(c.path)
			if err == nil {
				p.Close()
				t.Fatal("opened")
			}
			wantKind(t, err, c.kind, c.msg)
			if fileSum(t, c.path) != before {
				t.Error("the file changed")
			}
			if got := sidecars(c.path); !reflect.DeepEqual(got, beforeSide) {
				t.Errorf("sidecars %v, before %v", got, beforeSide)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.cmoproj")); !os.IsNotExist(err) {
		t.Error("Open created a missing file")
	}

	// The file vanishing between Open's look at it and SQLite's opening:
	// the data source name says mode=rw, so SQLite does not create it.
	gone := filepath.Join(dir, "gone é #?.cmoproj")
	p := connect(gone, gone, time.Second)
	err = p.validate("open", false)
	p.db.Close()
	if err == nil {
		t.Error("opened a missing file")
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Error("SQLite created a missing file")
	}
}

func TestOpenWALFile(t *testing.T) {
	path := realProject(t, t.TempDir())
	db := rawDB(t, path)
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode); err != nil || mode != "wal" {
		t.Fatal(mode, err)
	}
	db.Close()
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(coding.PutLabel{Label: coding.Label{Name: "after WAL"}}); err != nil {
		t.Fatal(err)
	}
	p.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	p.Close()
	if mode != "delete" {
		t.Errorf("journal_mode %s", mode)
	}
	if s := sidecars(path); len(s) != 0 {
		t.Errorf("sidecars %v", s)
	}
}

func TestClosed(t *testing.T) {
	p := newProject(t)
	p.Close()
	_, err := p.Documents()
	wantKind(t, err, coding.KindInvalid, "review.cmoproj is closed")
	_, err = p.Apply(coding.PutLabel{Label: coding.Label{Name: "x"}})
	wantKind(t, err, coding.KindInvalid, "review.cmoproj is closed")
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestOpenUpToDateWritesNothing(t *testing.T) {
	path := realProject(t, t.TempDir())
	before := fileSum(t, path)
	fi, _ := os.Stat(path)
	time.Sleep(20 * time.Millisecond) // so that a write would show in the modification time
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.Documents()
	if err != nil || len(docs) != 1 {
		t.Fatal(docs, err)
	}
	p.SetCoder("Reader")
	for _, f := range []func() error{
		func() error { _, err := p.Text(docs[0].ID); return err },
		func() error { _, err := p.Page(docs[0].ID, 3); return err },
		func() error { _, err := p.PDF(docs[0].ID); return err },
		func() error { _, err := p.Fragments(""); return err },
		func() error { _, err := p.CMOCs(); return err },
		func() error { _, err := p.Labels(); return err },
		func() error { _, err := p.Theories(); return err },
		func() error { _, err := p.Coders(); return err },
		func() error { _, err := p.Title(); return err },
		func() error { _, _, err := p.HasPDF(docs[0].SHA256); return err },
		p.Check,
		p.Close,
	} {
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
	if fileSum(t, path) != before {
		t.Error("opening and reading changed the file")
	}
	if fi2, _ := os.Stat(path); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("opening and reading touched the file")
	}
	if s := sidecars(path); len(s) != 0 {
		t.Errorf("sidecars %v", s)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	path := realProject(t, t.TempDir())
	// Break the rules behind storage's back: a fragment of a document
	// that does not exist, and a page gone.
	db := rawDB(t, path)
	if _, err := db.Exec(`PRAGMA foreign_keys = OFF;
		UPDATE fragments SET doc_id = 'gone';`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Check()
	wantKind(t, err, coding.KindDamaged, "real.cmoproj is damaged", "fragments", "documents")
	p.Close()

	db = rawDB(t, path)
	if _, err := db.Exec(`PRAGMA foreign_keys = OFF; UPDATE fragments SET doc_id = (SELECT id FROM documents);
		DELETE FROM pages WHERE number = 5`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	wantKind(t, p.Check(), coding.KindDamaged, "has 11 of its 12 pages")
	docs, _ := p.Documents()
	_, err = p.Text(docs[0].ID)
	wantKind(t, err, coding.KindDamaged, "real.cmoproj is damaged")
}

var updateFixtures = flag.Bool("update-fixtures", false, "rewrite testdata/v1.cmoproj.gz")

// Fixed IDs of the v1 fixture.
const (
	fixtureDoc      = "00000000-0000-4000-8000-000000000001"
	fixtureFragment = "00000000-0000-4000-8000-000000000002"
	fixtureCMOC     = "00000000-0000-4000-8000-000000000003"
	fixtureGone     = "00000000-0000-4000-8000-000000000004"
)

// TestV1Fixture opens a project written by the first schema (kept in
// testdata, made by -update-fixtures when the schema was version 1) with
// the current code: every later migration must carry it forward intact.
func TestV1Fixture(t *testing.T) {
	const fixture = "testdata/v1.cmoproj.gz"
	if *updateFixtures {
		if schemaVersion() != 1 {
			t.Fatal("the v1 fixture can only be made by schema 1")
		}
		path := filepath.Join(t.TempDir(), "v1.cmoproj")
		p, err := Create(path, "Fixture v1", "Ann")
		if err != nil {
			t.Fatal(err)
		}
		d, err := p.AddDocument(coding.Document{ID: fixtureDoc, FileName: "merger.pdf", Title: "Merger"}, []byte("%PDF-fixture"), threePages())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []coding.Change{
			coding.AddFragment{Fragment: coding.Fragment{ID: fixtureFragment, DocID: d.ID, Start: 0, End: 10, Role: coding.Context, Valence: coding.Positive, Labels: []string{"Trust"}, Memo: "m"}},
			coding.AddFragment{Fragment: coding.Fragment{ID: fixtureGone, DocID: d.ID, Start: 11, End: 13, Role: coding.Outcome}},
			coding.AddCMOC{TheoryName: "Being", CMOC: coding.CMOC{ID: fixtureCMOC, Statement: "s", Fragments: []string{fixtureFragment, fixtureGone}, Labels: []string{"Trust"}}},
			coding.DeleteFragment{ID: fixtureGone},
		} {
			if _, err := p.Apply(c); err != nil {
				t.Fatal(err)
			}
		}
		p.Close()
		raw, _ := os.ReadFile(path)
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(raw)
		zw.Close()
		if err := os.WriteFile(fixture, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw := testfiles.Gunzip(t, fixture)
	if v := binary.BigEndian.Uint32(raw[60:64]); v != 1 {
		t.Fatalf("the fixture has schema %d", v)
	}
	p := openCopy(t, raw, "v1 copy.cmoproj")
	path := p.Path()
	fr, err := p.Fragment(fixtureFragment)
	if err != nil || fr.Text != "Leadership" || fr.Valence != coding.Positive || !reflect.DeepEqual(fr.Labels, []string{"Trust"}) || fr.Coder != "Ann" {
		t.Errorf("fragment %+v %v", fr, err)
	}
	c, err := p.CMOC(fixtureCMOC)
	if err != nil || !reflect.DeepEqual(c.Fragments, []string{fixtureFragment, fixtureGone}) || c.TheoryID == "" {
		t.Errorf("CMOC %+v %v", c, err)
	}
	if !deletions(t, p)["fragment "+fixtureGone] {
		t.Error("deletion lost")
	}
	if pg, err := p.Page(fixtureDoc, 2); err != nil || !reflect.DeepEqual(pg, threePages()[1]) {
		t.Errorf("page 2: %v", err)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
	var v int
	p.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != schemaVersion() {
		t.Errorf("user_version %d after open, want %d", v, schemaVersion())
	}
	p.Close()
	if sum := sha256.Sum256(raw); schemaVersion() == 1 && fileSum(t, path) != hex.EncodeToString(sum[:]) {
		t.Error("opening an up-to-date v1 file changed it")
	}
}

// TestMigration runs a made-up second migration on a v1 file.
func TestMigration(t *testing.T) {
	path := realProject(t, t.TempDir())
	saved := migrations
	t.Cleanup(func() { migrations = saved })

	// A migration that fails rolls back: the file is unchanged and the
	// project does not open.
	migrations = append(saved[:len(saved):len(saved)],
		execAll("CREATE TABLE appraisals (doc_id TEXT PRIMARY KEY REFERENCES documents(id)) STRICT"),
		func(q querier) error { return fmt.Errorf("disk on fire") })
	before := fileSum(t, path)
	_, err := Open(path)
	wantKind(t, err, coding.KindOther, "disk on fire")
	if fileSum(t, path) != before {
		t.Error("a failed migration changed the file")
	}

	// A migration that works: the tables are there, the data kept.
	migrations = append(saved[:len(saved):len(saved)],
		execAll(`CREATE TABLE appraisals (doc_id TEXT PRIMARY KEY REFERENCES documents(id), relevance TEXT NOT NULL) STRICT;
			INSERT INTO appraisals SELECT id, 'high' FROM documents;`))
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var v, n int
	p.db.QueryRow("PRAGMA user_version").Scan(&v)
	p.db.QueryRow("SELECT count(*) FROM appraisals WHERE relevance = 'high'").Scan(&n)
	if v != len(saved)+1 || n != 1 {
		t.Errorf("user_version %d, %d appraisals", v, n)
	}
	if fs, err := p.Fragments(""); err != nil || len(fs) != 1 {
		t.Errorf("fragments %v %v", fs, err)
	}
	p.Close()
	// Now up to date: opening writes nothing.
	before = fileSum(t, path)
	p, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	if fileSum(t, path) != before {
		t.Error("opening a migrated file changed it")
	}
	// And the older code refuses it.
	migrations = saved
	_, err = Open(path)
	wantKind(t, err, coding.KindDamaged, fmt.Sprintf("newer cmocoder (schema %d)", len(saved)+1))
}

// otherWriter is another program's connection to the file at path, in the
// write transaction that begin starts.
func otherWriter(t *testing.T, path, begin string) *sql.Conn {
	t.Helper()
	conn, err := rawDB(t, path).Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.ExecContext(context.Background(), begin); err != nil {
		t.Fatal(err)
	}
	return conn
}

func TestBusy(t *testing.T) {
	path := realProject(t, t.TempDir())
	// Another program holds the write lock.
	conn := otherWriter(t, path, "BEGIN IMMEDIATE")

	// Reading still works while the other program writes.
	p, err := open(path, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Documents(); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)
	start := time.Now()
	_, err = p.Apply(coding.PutLabel{Label: coding.Label{Name: "Waited"}})
	waited := time.Since(start)
	wantKind(t, err, coding.KindBusy, "real.cmoproj is in use by another program")
	if waited < 250*time.Millisecond || waited > 3*time.Second {
		t.Errorf("gave up after %v, want about 300ms", waited)
	}
	if fileSum(t, path) != before {
		t.Error("the file changed")
	}

	// A write that waits, then goes through when the lock is released in time.
	p2, err := open(path, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer p2.Close()
	released := make(chan error)
	go func() {
		time.Sleep(200 * time.Millisecond)
		_, err := conn.ExecContext(context.Background(), "INSERT INTO meta (key, value) VALUES ('other', 'was here'); COMMIT")
		released <- err
	}()
	start = time.Now()
	if _, err := p2.Apply(coding.PutLabel{Label: coding.Label{Name: "Waited"}}); err != nil {
		t.Fatal(err)
	}
	if err := <-released; err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Errorf("did not wait: %v", waited)
	}
	// Both writes are there.
	var other2 string
	p2.db.QueryRow("SELECT value FROM meta WHERE key = 'other'").Scan(&other2)
	ls, _ := p2.Labels()
	if other2 != "was here" || len(ls) != 2 {
		t.Errorf("meta %q labels %+v", other2, ls)
	}
}

func TestStaleJournal(t *testing.T) {
	path := realProject(t, t.TempDir())
	before := fileSum(t, path)

	// A journal whose header was never completed, as a process killed
	// at the start of a transaction leaves: not hot, so SQLite ignores it,
	// and Open removes it.
	if err := os.WriteFile(path+"-journal", make([]byte, 4096), 0o666); err != nil {
		t.Fatal(err)
	}
	p, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s := sidecars(path); len(s) != 0 {
		t.Errorf("stale journal kept: %v", s)
	}
	p.Close()
	if fileSum(t, path) != before {
		t.Error("the project changed")
	}

	// The journal of another program's transaction under way is left alone,
	// and Open does not wait for it.
	conn := otherWriter(t, path, "BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('other', 'writing')")
	if len(sidecars(path)) != 1 {
		t.Fatal("the other program's transaction has no journal")
	}
	start := time.Now()
	p, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Open waited %v", d)
	}
	if len(sidecars(path)) != 1 {
		t.Error("Open removed the journal of a transaction under way")
	}
	if _, err := conn.ExecContext(context.Background(), "COMMIT"); err != nil {
		t.Fatal(err)
	}
	var v string
	p.db.QueryRow("SELECT value FROM meta WHERE key = 'other'").Scan(&v)
	if v != "writing" {
		t.Errorf("the other program's write: %q", v)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
	p.Close()
	if s := sidecars(path); len(s) != 0 {
		t.Errorf("sidecars %v", s)
	}
}
