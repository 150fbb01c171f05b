package storage

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// samePages fails unless each page of a document reads back (with its
// boxes) as want has it.
func samePages(t *testing.T, p *Project, docID string, want []coding.Page) {
	t.Helper()
	for i, w := range want {
		got, err := p.Page(docID, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("page %d differs:\n got %+v\nwant %+v", i+1, got, w)
		}
	}
}

// openCopy writes raw (a project file's bytes) to a file named name in
// a fresh folder and opens it, migrating it, until the test ends.
func openCopy(t *testing.T, raw []byte, name string) *Project {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o666); err != nil {
		t.Fatal(err)
	}
	return mustOpen(t, path)
}

// reopen closes p and opens its file again, as the next session does.
func reopen(t *testing.T, p *Project) *Project {
	t.Helper()
	path := p.Path()
	p.Close()
	return mustOpen(t, path)
}

// newProject creates a project in a fresh temporary folder.
func newProject(t testing.TB) *Project {
	t.Helper()
	p, err := Create(filepath.Join(t.TempDir(), "review.cmoproj"), "Leadership review", "Ann")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// mergerProject is a new project holding one three-page document,
// "Merger".
func mergerProject(t testing.TB) (*Project, coding.Document) {
	t.Helper()
	p := newProject(t)
	doc, err := p.AddDocument(coding.Document{FileName: "merger.pdf", Title: "Merger"}, []byte("%PDF-merger"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	return p, doc
}

// createWith creates a project at path holding one document, added from
// its original file raw and its pages; the caller closes it.
func createWith(t testing.TB, path, title, coder string, doc coding.Document, raw []byte, pages []coding.Page) (*Project, coding.Document) {
	t.Helper()
	p, err := Create(path, title, coder)
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.AddDocument(doc, raw, pages)
	if err != nil {
		t.Fatal(err)
	}
	return p, d
}

// fileSum is the SHA-256 of a file, "" when it does not exist.
func fileSum(t testing.TB, path string) string {
	t.Helper()
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "folder"
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// sidecars lists the files SQLite may leave beside a database.
func sidecars(path string) []string {
	var out []string
	for _, s := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(path + s); err == nil {
			out = append(out, path+s)
		}
	}
	return out
}

// wantKind fails the test unless err is a *coding.Error of kind k whose
// message contains all of parts.
func wantKind(t testing.TB, err error, k coding.Kind, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want kind %d", k)
	}
	if got := coding.KindOf(err); got != k {
		t.Fatalf("error %q has kind %d, want %d", err, got, k)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error message is not one line: %q", msg)
	}
	for _, s := range parts {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q does not mention %q", msg, s)
		}
	}
}

// rawDB opens a file with the driver directly, bypassing every check.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// widths gives each rune a stable, glyph-like advance (in PDF points at
// 10 pt), so that synthetic boxes have float noise like real ones.
func width(r rune) float32 {
	return 2.2 + float32(r%11)*0.37
}

// synthPage lays out text like a page of an article: lines of words, left
// to right, top to bottom, with "\r\n" at line ends getting zero-area
// boxes where the previous glyph ends, as PDFium reports them.
func synthPage(n int, text string) coding.Page {
	pg := coding.Page{Number: n, Text: text, X0: 0, Y0: 0, X1: 595.276, Y1: 841.89}
	x, y := float32(56.6929), float32(780.5)
	const lineHeight, size = 11.955, 9.4760
	for _, r := range text {
		switch {
		case r == '\r' || r == '\n':
			pg.Boxes = append(pg.Boxes, coding.Box{X0: x, Y0: y + 2.1, X1: x, Y1: y + 2.1})
			if r == '\n' {
				x, y = 56.6929, y-lineHeight
			}
		case unicode.IsSpace(r):
			pg.Boxes = append(pg.Boxes, coding.Box{X0: x, Y0: y, X1: x + 2.5, Y1: y + size})
			x += 2.5
		default:
			w := width(r)
			pg.Boxes = append(pg.Boxes, coding.Box{X0: x, Y0: y, X1: x + w, Y1: y + size})
			x += w
		}
	}
	return pg
}

var words = strings.Fields(`the chief executive openly addresses staff concerns so that staff are
	reassured hospital merger requires new leadership roles team leader asks for suggestions
	programme theory mechanism resource reasoning outcome context évaluation réaliste Zürich
	naïve coöperation Ωμέγα сотрудничество 𝑥 𝑦² مرحبا بالعالم 協力 leadership`)

// synthText makes a page of about chars code points from seed: lines of
// words ending in "\r\n".
func synthText(seed uint64, chars int) string {
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	n, line := 0, 0
	for n < chars {
		w := words[r.IntN(len(words))]
		b.WriteString(w)
		k := len([]rune(w))
		n += k
		line += k
		if line > 70 {
			b.WriteString("\r\n")
			n += 2
			line = 0
		} else {
			b.WriteByte(' ')
			n++
			line++
		}
	}
	return b.String()
}

// synthDocument makes a document of pages pages of about chars code points
// each, and fake PDF bytes of pdfSize bytes; seed makes it unique.
func synthDocument(seed uint64, pages, chars, pdfSize int) (coding.Document, []byte, []coding.Page) {
	ps := make([]coding.Page, pages)
	for i := range ps {
		ps[i] = synthPage(i+1, synthText(seed*100000+uint64(i), chars))
	}
	pdf := make([]byte, pdfSize)
	r := rand.New(rand.NewPCG(seed, 11))
	for i := range pdf {
		pdf[i] = byte(r.Uint32())
	}
	copy(pdf, "%PDF-1.7\n")
	doc := coding.Document{
		FileName: fmt.Sprintf("synthetic-%d.pdf", seed),
		Title:    fmt.Sprintf("Synthetic study %d", seed),
		Authors:  "Ann Example; Bob Sample",
		Year:     "2014",
	}
	return doc, pdf, ps
}

// threePages is the document the round-trip tests code: non-ASCII text,
// astral characters (two UTF-16 units, one code point) and Arabic, so that
// code-point offsets are exercised.
func threePages() []coding.Page {
	return []coding.Page{
		synthPage(1, "Leadership in a hospital merger\r\nÉvaluation réaliste: 𝑥 + 𝑦 = 𝑧\r\nThe chief executive openly addresses staff concerns."),
		synthPage(2, "مرحبا بالعالم — staff are reassured\r\nTeam members are upset (O−) 協力\x02\r\n"),
		synthPage(3, "Outcome: better integration of departments. 🙂 End\x00of text."),
	}
}

// state is everything a change can touch, for before/after comparisons.
type state struct {
	Fragments []coding.Fragment
	CMOCs     []coding.CMOC
	Theories  []coding.Theory
	Labels    []coding.Label
}

func snapshot(t testing.TB, p *Project) state {
	t.Helper()
	var s state
	var err error
	if s.Fragments, err = p.Fragments(""); err != nil {
		t.Fatal(err)
	}
	if s.CMOCs, err = p.CMOCs(); err != nil {
		t.Fatal(err)
	}
	if s.Theories, err = p.Theories(); err != nil {
		t.Fatal(err)
	}
	if s.Labels, err = p.Labels(); err != nil {
		t.Fatal(err)
	}
	return s
}

func sameState(t testing.TB, what string, got, want state) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: state differs\n got %+v\nwant %+v", what, got, want)
	}
}

// deletions reads the deletions table as "entity id" strings.
func deletions(t testing.TB, p *Project) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	rows, err := p.db.Query("SELECT entity, id FROM deletions")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e, id string
		if err := rows.Scan(&e, &id); err != nil {
			t.Fatal(err)
		}
		out[e+" "+id] = true
	}
	return out
}
