package main

// These tests run the real cmocoder binary, as a reviewer's script would,
// on the real PDFs in ../shared/testdata/pdf.

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/app/cli"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testtools"
	"cmocoder.org/cmocoder/storage"
	_ "modernc.org/sqlite"
)

// bin is the cmocoder binary built for this test run.
var bin string

const pdfDir = "../shared/testdata/pdf"

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cmocoder-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "cmocoder")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building cmocoder: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	code           int
	stdout, stderr string
}

func run(t testing.TB, args ...string) result {
	t.Helper()
	return runCmd(t, exec.Command(bin, args...), args)
}

// runCmd runs cmd, the binary on args (or a shell that runs it), as the
// tester under C.UTF-8, the locale of CI runners and cron jobs: stderr
// must still hold only cmocoder's own lines under it.
func runCmd(t testing.TB, cmd *exec.Cmd, args []string) result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "CMOCODER_CODER=tester", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	code, err := exitCode(cmd.Run())
	if err != nil {
		t.Fatalf("cmocoder %v: %v", args, err)
	}
	return result{code, out.String(), errb.String()}
}

// exitCode is the exit status of a command that ran (0 when it
// succeeded), or the error that kept it from running.
func exitCode(err error) (int, error) {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), nil
	}
	return 0, err
}

// mustRun runs the binary and fails the test unless it exits 0.
func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	r := run(t, args...)
	if r.code != 0 {
		t.Fatalf("cmocoder %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// openStored opens a project file directly, to check what it holds; the
// caller closes it before the binary runs again.
func openStored(t testing.TB, path string) *storage.Project {
	t.Helper()
	p, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fragmentRow is a fragment as `fragments --json` prints it.
type fragmentRow = cli.FragmentJSON

func listFragments(t *testing.T, project string) []fragmentRow {
	t.Helper()
	var fs []fragmentRow
	if err := json.Unmarshal([]byte(mustRun(t, "fragments", project, "--json")), &fs); err != nil {
		t.Fatal(err)
	}
	return fs
}

func newProject(t testing.TB) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "review.cmoproj")
	mustRun(t, "new", p, "--title", "Test review", "--coder", "tester")
	return p
}

// newDemo makes the demo project in dir, as `cmocoder demo` does.
func newDemo(t testing.TB, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "demo.cmoproj")
	mustRun(t, "demo", p)
	return p
}

// projectWithPDFs is a new project holding the shared test PDFs named,
// each added by its own `add`, in that order.
func projectWithPDFs(t *testing.T, names ...string) string {
	t.Helper()
	needPDFs(t)
	p := newProject(t)
	for _, name := range names {
		mustRun(t, "add", p, filepath.Join(pdfDir, name))
	}
	return p
}

// addDoc adds file to project and is the new document's ID.
func addDoc(t *testing.T, project, file string) string {
	t.Helper()
	return strings.Split(mustRun(t, "add", project, file), "\t")[0]
}

// addText adds a plain-text document called name holding text to
// project and is the new document's ID.
func addText(t *testing.T, project, name, text string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return addDoc(t, project, f)
}

func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func needPDFs(t testing.TB) {
	if _, err := os.Stat(pdfDir); err != nil {
		t.Skip("shared test PDFs not found at", pdfDir)
	}
}

// pdfPages is pdfinfo's page count for each shared PDF (MANIFEST.md).
var pdfPages = map[string]int{
	"bmc-hsr-2014-agyeman-duah.pdf":                  10,
	"bmc-jtmo-2010-datta-systematic-review.pdf":      4,
	"hindawi-rrp-2010-tully.pdf":                     6,
	"peerj-2017-webb-vespa.pdf":                      16,
	"clinsci-2014-fragment-based-ace-inhibitors.pdf": 13,
	"intpsychogeriatr-2014-cc-by-nc-sa.pdf":          8,
	"naacl06-shinyama-dvipdfm.pdf":                   8,
	"dpr-emnlp2020-arxiv-twocolumn.pdf":              13,
	"cebaf-th-94-08-type3-dvips.pdf":                 18,
	"scanned-abstract-ccitt-no-text.pdf":             1,
	"layoutparser-aes128-empty-password.pdf":         2,
	"freeculture-lessig-352p.pdf":                    352,
	"kampo-japanese-gazette-rc4-empty-password.pdf":  1,
	"habibi-arabic-rotated-pages.pdf":                4,
	"clef2008-qa-overview-xref-offset0.pdf":          1,
}

// pdfinfoPages asks poppler's pdfinfo for a PDF's page count; 0 when
// pdfinfo is not installed or cannot tell.
func pdfinfoPages(t *testing.T, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 0
}

type docJSON struct {
	ID, FileName, Title string
	Pages, Chars        int
	NeedsOCR            bool `json:"needs_ocr"`
	Warnings            []string
}

func docs(t testing.TB, project string) []docJSON {
	t.Helper()
	var ds []struct {
		ID       string   `json:"id"`
		FileName string   `json:"file_name"`
		Title    string   `json:"title"`
		Pages    int      `json:"pages"`
		Chars    int      `json:"chars"`
		NeedsOCR bool     `json:"needs_ocr"`
		Warnings []string `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "docs", project, "--json")), &ds); err != nil {
		t.Fatal(err)
	}
	out := make([]docJSON, len(ds))
	for i, d := range ds {
		out[i] = docJSON{d.ID, d.FileName, d.Title, d.Pages, d.Chars, d.NeedsOCR, d.Warnings}
	}
	return out
}

// TestAddEveryPDF imports all the shared PDFs in one command: nothing
// crashes, each one is imported with pdfinfo's page count or reported in
// one line naming it, and the others still go in.
func TestAddEveryPDF(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	args := []string{"add", p}
	for name := range pdfPages {
		args = append(args, filepath.Join(pdfDir, name))
	}
	// A broken file among them must not stop the rest.
	broken := filepath.Join(t.TempDir(), "broken.pdf")
	os.WriteFile(broken, []byte("%PDF-1.4\nthis is not really a PDF\n"), 0o644)
	args = append(args, broken)
	r := run(t, args...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (broken.pdf is not readable)", r.code)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
		t.Fatalf("crashed:\n%s", r.stderr)
	}
	imported := map[string]docJSON{}
	for _, d := range docs(t, p) {
		imported[d.FileName] = d
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(imported) {
		t.Errorf("stdout has %d lines for %d documents:\n%s", len(lines), len(imported), r.stdout)
	}
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) != 3 {
			t.Errorf("stdout line %q is not DOC_ID<TAB>PAGES<TAB>TITLE", l)
		}
	}
	errLines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	for name, pages := range pdfPages {
		d, ok := imported[name]
		if !ok {
			n := 0
			for _, l := range errLines {
				if strings.Contains(l, name) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s neither imported nor reported in one line (stderr:\n%s)", name, r.stderr)
			}
			continue
		}
		if n := pdfinfoPages(t, filepath.Join(pdfDir, name)); n > 0 {
			pages = n
		}
		if d.Pages != pages {
			t.Errorf("%s: %d pages, want %d (pdfinfo)", name, d.Pages, pages)
		}
	}
	if _, ok := imported["broken.pdf"]; ok {
		t.Error("broken.pdf was imported")
	}
	if !strings.Contains(r.stderr, "broken.pdf") {
		t.Errorf("broken.pdf not reported:\n%s", r.stderr)
	}
	scan, ok := imported["scanned-abstract-ccitt-no-text.pdf"]
	if !ok || !scan.NeedsOCR {
		t.Errorf("the scan: imported %v, needs OCR %v; want it imported and marked", ok, scan.NeedsOCR)
	}
	if !strings.Contains(r.stderr, "needs OCR") {
		t.Errorf("no \"needs OCR\" warning on stderr:\n%s", r.stderr)
	}
	for _, name := range []string{"layoutparser-aes128-empty-password.pdf", "kampo-japanese-gazette-rc4-empty-password.pdf"} {
		if _, ok := imported[name]; !ok {
			t.Errorf("%s (empty user password) was not imported", name)
		}
	}
	// Every document's text has as many code points as docs says.
	for _, d := range imported {
		text := mustRun(t, "text", p, d.ID)
		if n := utf8.RuneCountInString(text); n != d.Chars {
			t.Errorf("%s: text has %d code points, docs says %d", d.FileName, n, d.Chars)
		}
		if n := strings.Count(text, "\f") + 1; n != d.Pages {
			t.Errorf("%s: text has %d pages, want %d", d.FileName, n, d.Pages)
		}
	}

	// Adding the same PDF again says so and adds nothing.
	before := fileSum(t, p)
	r = run(t, "add", p, filepath.Join(pdfDir, "bmc-hsr-2014-agyeman-duah.pdf"))
	if r.code != 1 || !strings.Contains(r.stderr, "already in the project") || r.stdout != "" {
		t.Errorf("re-adding: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if fileSum(t, p) != before {
		t.Error("re-adding a PDF changed the project file")
	}
}

// runeIndex returns the code-point offset of sub in s.
// quoteSpan is where quote stands in a document's text, in the code
// points the code verb takes; a quote not there fails the test.
func quoteSpan(t *testing.T, text, quote string) (start, end int) {
	t.Helper()
	start = runeIndex(text, quote)
	if start < 0 {
		t.Fatalf("%q not in the text", quote)
	}
	return start, start + utf8.RuneCountInString(quote)
}

func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

func TestCodeFragmentsCMOC(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	docID := addDoc(t, p, filepath.Join(pdfDir, "bmc-hsr-2014-agyeman-duah.pdf"))
	text := mustRun(t, "text", p, docID)
	const quote = "Communication in healthcare is very crucial"
	start, end := quoteSpan(t, text, quote)
	wantPage := strings.Count(string([]rune(text)[:start]), "\f") + 1
	pageText := mustRun(t, "text", p, docID[:8], "--page", strconv.Itoa(wantPage))
	if !strings.Contains(pageText, quote) {
		t.Errorf("text --page %d does not hold the quote", wantPage)
	}

	fragID := strings.TrimSpace(mustRun(t, "code", p, docID, strconv.Itoa(start), strconv.Itoa(end),
		"--role", "context", "--valence", "+", "--label", "Communication", "--memo", "SBAR", "--coder", "ana"))
	frags := listFragments(t, p)
	if len(frags) != 1 {
		t.Fatalf("%d fragments, want 1", len(frags))
	}
	f := frags[0]
	if f.ID != fragID || f.DocID != docID || f.Text != quote || f.Page != wantPage || f.Start != start || f.End != end ||
		f.Role != "context" || f.Valence != "+" || f.Coder != "ana" || f.Memo != "SBAR" || len(f.Labels) != 1 || f.Labels[0] != "Communication" {
		t.Errorf("fragment listed as %+v", f)
	}
	tsv := mustRun(t, "fragments", p, "--doc", docID)
	if !strings.HasPrefix(tsv, fragID+"\t"+docID+"\t") || !strings.Contains(tsv, quote) {
		t.Errorf("fragments --doc printed %q", tsv)
	}

	cmocID := strings.TrimSpace(mustRun(t, "cmoc", p, "--statement", "Talking helps", "--fragment", fragID[:8], "--theory", "Communicating"))
	if len(cmocID) != 36 {
		t.Errorf("cmoc printed %q, want a UUID", cmocID)
	}
	// The CMOC is stored with its fragment and theory.
	proj := openStored(t, p)
	cmocs, err := proj.CMOCs()
	proj.Close()
	if err != nil || len(cmocs) != 1 || cmocs[0].ID != cmocID || len(cmocs[0].Fragments) != 1 || cmocs[0].Fragments[0] != fragID || cmocs[0].TheoryID == "" {
		t.Errorf("CMOCs = %+v, %v", cmocs, err)
	}

	// Bad input: exit 1, one line naming what is wrong, file unchanged.
	before := fileSum(t, p)
	total := utf8.RuneCountInString(text)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"past the end", []string{"code", p, docID, "10", strconv.Itoa(total + 5), "--role", "context"}, "past the end"},
		{"empty span", []string{"code", p, docID, "10", "10", "--role", "outcome"}, "before the end"},
		{"negative", []string{"code", p, docID, "-3", "10", "--role", "outcome"}, "negative"},
		{"not a number", []string{"code", p, docID, "ten", "20", "--role", "outcome"}, "whole numbers"},
		{"unknown document", []string{"code", p, "no-such-doc", "1", "5", "--role", "context"}, "no-such-doc"},
		{"unknown role", []string{"code", p, docID, "1", "5", "--role", "mechanism"}, "unknown role"},
		{"unknown valence", []string{"code", p, docID, "1", "5", "--role", "outcome", "--valence", "x"}, "unknown valence"},
		{"unknown fragment", []string{"cmoc", p, "--statement", "s", "--fragment", "deadbeef"}, "deadbeef"},
		{"page out of range", []string{"text", p, docID, "--page", "11"}, "no page 11"},
		{"missing project", []string{"docs", filepath.Join(t.TempDir(), "nope.cmoproj")}, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			if r.code != 1 {
				t.Errorf("exit %d, want 1; stderr %q", r.code, r.stderr)
			}
			if lines := strings.Count(strings.TrimSpace(r.stderr), "\n") + 1; lines != 1 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr = %q, want one line containing %q", r.stderr, tc.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if fileSum(t, p) != before {
				t.Error("the project file changed")
			}
		})
	}
	for _, args := range [][]string{
		{"code", p, docID, "1"},
		{"code", p, docID, "1", "5", "9"}, // one number too many (without --role it would code an unclassified fragment)
		{"frobnicate", p},
		{"docs", p, "--bogus"},
		{"cmoc", p, "--statement", "s"},
	} {
		if r := run(t, args...); r.code != 2 {
			t.Errorf("cmocoder %v: exit %d, want 2 (usage)", args[:len(args)-1], r.code)
		}
	}
	if fileSum(t, p) != before {
		t.Error("a usage error changed the project file")
	}
}

// TestDamagedProjects opens what is not a sound project: one clear line,
// exit 1, nothing written.
func TestDamagedProjects(t *testing.T) {
	p := projectWithPDFs(t, "bmc-jtmo-2010-datta-systematic-review.pdf")
	data, _ := os.ReadFile(p)
	dir := t.TempDir()
	truncated := filepath.Join(dir, "truncated.cmoproj")
	os.WriteFile(truncated, data[:len(data)/2], 0o644)
	random := filepath.Join(dir, "random.cmoproj")
	os.WriteFile(random, bytes.Repeat([]byte("not a database "), 500), 0o644)
	other := filepath.Join(dir, "other.sqlite")
	makeOtherSQLite(t, other)
	for _, tc := range []struct{ path, want string }{
		{truncated, "damaged"},
		{random, "not a cmocoder project"},
		{other, "not a cmocoder project"},
	} {
		before := fileSum(t, tc.path)
		for _, args := range [][]string{{"docs", tc.path}, {"code", tc.path, "x", "0", "4", "--role", "context"}, {"add", tc.path, filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf")}} {
			r := run(t, args...)
			if r.code != 1 || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, filepath.Base(tc.path)) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("cmocoder %s %s: exit %d, stderr %q; want exit 1 and one line saying %q", args[0], filepath.Base(tc.path), r.code, r.stderr, tc.want)
			}
		}
		if fileSum(t, tc.path) != before {
			t.Errorf("%s changed", filepath.Base(tc.path))
		}
		for _, side := range []string{"-journal", "-wal", "-shm"} {
			if _, err := os.Stat(tc.path + side); err == nil {
				t.Errorf("%s%s left behind", filepath.Base(tc.path), side)
			}
		}
	}
}

// makeOtherSQLite creates a SQLite database of some other program.
func makeOtherSQLite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('hello')"); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringAdd kills `cmocoder add` of the 352-page book with SIGKILL
// at several moments, including while its transaction is being written;
// the project then opens, passes the integrity check and holds the whole
// book or none of it.
// addKilled runs `add PROJECT FILE` and kills it (kill -9) when, a
// duration or "journal" (the moment its write transaction has begun) or
// "finished" (not killed: it runs to its end); then it opens the project
// as the next program would, checks its integrity and reads its documents.
func addKilled(t *testing.T, file, when string) (*storage.Project, []coding.Document) {
	t.Helper()
	project := newProject(t)
	cmd := exec.Command(bin, "add", project, file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	switch when {
	case "finished":
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		done <- nil
	case "journal":
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := os.Stat(project + "-journal"); err == nil {
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
	default:
		d, err := time.ParseDuration(when)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(d)
	}
	cmd.Process.Kill()
	<-done
	proj, err := storage.Open(project)
	if err != nil {
		t.Fatalf("after kill at %s: %v", when, err)
	}
	t.Cleanup(func() { proj.Close() })
	if err := proj.Check(); err != nil {
		t.Fatalf("integrity after kill: %v", err)
	}
	ds, err := proj.Documents()
	if err != nil {
		t.Fatal(err)
	}
	return proj, ds
}

func TestKillDuringAdd(t *testing.T) {
	needPDFs(t)
	book := filepath.Join(pdfDir, "freeculture-lessig-352p.pdf")
	for _, when := range []string{"journal", "300ms", "1s", "2s"} {
		t.Run(when, func(t *testing.T) {
			proj, ds := addKilled(t, book, when)
			switch len(ds) {
			case 0:
				t.Logf("killed at %s: the book is not in (as it should be)", when)
			case 1:
				text, err := proj.Text(ds[0].ID)
				if err != nil || ds[0].Pages != 352 || len(text.Pages) != 352 || text.Len() != ds[0].Chars {
					t.Fatalf("half a book: pages %d, stored %d, err %v", ds[0].Pages, len(text.Pages), err)
				}
				t.Logf("killed at %s: the whole book is in", when)
			default:
				t.Fatalf("%d documents", len(ds))
			}
		})
	}
}

func TestExtract(t *testing.T) {
	needPDFs(t)
	out := mustRun(t, "extract", filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"))
	if n := strings.Count(out, "\f") + 1; n != 6 {
		t.Errorf("extract printed %d pages, want 6", n)
	}
	if !strings.Contains(strings.ToLower(out), "heart failure") {
		t.Error("extract text lacks \"heart failure\"")
	}
	r := run(t, "extract", filepath.Join(t.TempDir(), "missing.pdf"))
	if r.code != 1 || !strings.Contains(r.stderr, "missing.pdf") {
		t.Errorf("extract of a missing file: exit %d, %q", r.code, r.stderr)
	}
}

func TestDemoProject(t *testing.T) {
	p := newDemo(t, t.TempDir())
	var frags []struct {
		Role string `json:"role"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "fragments", p, "--json")), &frags); err != nil {
		t.Fatal(err)
	}
	roles := map[string]int{}
	for _, f := range frags {
		roles[f.Role]++
	}
	if len(frags) < 4 || roles["context"] == 0 || roles["resource"] == 0 || roles["reasoning"] == 0 || roles["outcome"] == 0 {
		t.Errorf("demo fragments: %v", roles)
	}
	for _, side := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(p + side); err == nil {
			t.Errorf("demo project left %s behind", side)
		}
	}
}

// BenchmarkAddBook times `cmocoder add` of the 352-page book (a fresh
// process each time, start-up included) against `pdftotext` of the same
// file in the same run, and reports the ratio.
func BenchmarkAddBook(b *testing.B) {
	needPDFs(b)
	book := filepath.Join(pdfDir, "freeculture-lessig-352p.pdf")
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	var ours, theirs time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p := filepath.Join(b.TempDir(), "bench.cmoproj")
		mustRun(b, "new", p)
		b.StartTimer()
		t0 := time.Now()
		mustRun(b, "add", p, book)
		ours += time.Since(t0)
		b.StopTimer()
		t0 = time.Now()
		if out, err := exec.Command("pdftotext", book, filepath.Join(b.TempDir(), "out.txt")).CombinedOutput(); err != nil {
			b.Fatalf("pdftotext: %v %s", err, out)
		}
		theirs += time.Since(t0)
		b.StartTimer()
	}
	b.ReportMetric(ours.Seconds()/float64(b.N), "s/add")
	b.ReportMetric(theirs.Seconds()/float64(b.N), "s/pdftotext")
	b.ReportMetric(float64(ours)/float64(theirs), "x_pdftotext")
}

// TestConcurrentWriters runs two streams of `code` commands on one
// project at once: every write lands (the second writer waits for the
// first), none is lost, and the file stays sound.
func TestConcurrentWriters(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	out := mustRun(t, "add", p, filepath.Join(pdfDir, "bmc-jtmo-2010-datta-systematic-review.pdf"))
	docID := strings.Split(out, "\t")[0]
	const perWriter = 8
	errs := make(chan string, 2*perWriter)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				start := 100*w + 10*i
				r := run(t, "code", p, docID, strconv.Itoa(start), strconv.Itoa(start+8), "--role", "outcome", "--coder", fmt.Sprintf("coder%d", w))
				if r.code != 0 {
					errs <- fmt.Sprintf("writer %d, write %d: exit %d: %s", w, i, r.code, r.stderr)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	var frags []struct{ Coder string }
	if err := json.Unmarshal([]byte(mustRun(t, "fragments", p, "--json")), &frags); err != nil {
		t.Fatal(err)
	}
	if len(frags) != 2*perWriter {
		t.Errorf("%d fragments stored, want %d", len(frags), 2*perWriter)
	}
	proj := openStored(t, p)
	defer proj.Close()
	if err := proj.Check(); err != nil {
		t.Error(err)
	}
}

// TestPasswordProtectedPDF: a PDF with a real user password is refused
// with "password required" unless --password gives it.
func TestPasswordProtectedPDF(t *testing.T) {
	needPDFs(t)
	testtools.Need(t, "qpdf")
	locked := filepath.Join(t.TempDir(), "locked.pdf")
	if out, err := exec.Command("qpdf", "--encrypt", "s3cret", "owner", "256", "--",
		filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"), locked).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	p := newProject(t)
	before := fileSum(t, p)
	r := run(t, "add", p, locked)
	if r.code != 1 || !strings.Contains(r.stderr, "locked.pdf") || !strings.Contains(r.stderr, "password required") {
		t.Errorf("add without password: exit %d, %q", r.code, r.stderr)
	}
	if fileSum(t, p) != before {
		t.Error("a refused PDF changed the project")
	}
	r = run(t, "extract", locked)
	if r.code != 1 || !strings.Contains(r.stderr, "password required") {
		t.Errorf("extract without password: exit %d, %q", r.code, r.stderr)
	}
	out := mustRun(t, "add", p, locked, "--password", "s3cret")
	if f := strings.Split(out, "\t"); len(f) != 3 || f[1] != "6" {
		t.Errorf("add with the password printed %q", out)
	}
	data, _ := os.ReadFile(p)
	if bytes.Contains(data, []byte("s3cret")) {
		t.Error("the password was stored in the project")
	}
}

// TestHelpAndNoDisplay: help is help, not a project to open; without a
// display the app says so in one line instead of crashing.
func TestHelpAndNoDisplay(t *testing.T) {
	for _, arg := range []string{"help", "--help", "-h"} {
		r := run(t, arg)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage:") || r.stderr != "" {
			t.Errorf("cmocoder %s: exit %d, stdout %.40q, stderr %q", arg, r.code, r.stdout, r.stderr)
		}
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return
	}
	for _, args := range [][]string{{}, {filepath.Join(t.TempDir(), "any.cmoproj")}} {
		cmd := exec.Command(bin, args...)
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if code, _ := exitCode(err); code != 1 || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "no display") {
			t.Errorf("cmocoder %v without a display: %v, stderr %q; want exit 1 and one line", args, err, stderr.String())
		}
	}
	// A display that cannot be opened: a message, not a stack trace.
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DISPLAY=:4242", "WAYLAND_DISPLAY=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if code, _ := exitCode(err); code != 1 || strings.Contains(stderr.String(), "goroutine") ||
		!strings.Contains(stderr.String(), "cannot open a window") {
		t.Errorf("cmocoder on an unreachable display: %v, stderr %q; want exit 1 and a message", err, stderr.String())
	}
}
