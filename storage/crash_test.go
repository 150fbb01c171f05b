package storage

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
)

const (
	crashPathEnv = "CMOCODER_STORAGE_CRASH_PROJECT"
	crashSeedEnv = "CMOCODER_STORAGE_CRASH_SEED"
	crashHookEnv = "CMOCODER_STORAGE_CRASH_IN_TX" // stop inside the transaction
)

// crashDocument is the big document the crash helper imports: 300 pages
// of about 3000 code points, with boxes, and a 12 MB PDF (more than
// SQLite's page cache holds, so that pages reach the file before the
// commit).
func crashDocument(seed uint64) (coding.Document, []byte, []coding.Page) {
	return synthDocument(seed, 300, 3000, 12<<20)
}

// TestHelperProcess is not a test: TestCrash runs the test binary again
// with it, to import big documents one after another until it is killed.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(crashPathEnv)
	if path == "" {
		t.Skip("the helper process of TestCrash")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	p, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	if os.Getenv(crashHookEnv) != "" {
		testHookAddDocument = func() {
			fmt.Println("in transaction")
			time.Sleep(time.Minute) // until killed
		}
	}
	type input struct {
		doc   coding.Document
		pdf   []byte
		pages []coding.Page
	}
	next := make(chan input, 2)
	go func() {
		for s := seed; ; s++ {
			d, pdf, pages := crashDocument(s)
			next <- input{d, pdf, pages}
		}
	}()
	in := <-next
	fmt.Println("ready")
	for {
		if _, err := p.AddDocument(in.doc, in.pdf, in.pages); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("added", in.doc.FileName)
		in = <-next
	}
}

// TestCrash kills (SIGKILL on Unix, TerminateProcess on Windows) a process
// in the middle of importing big documents, then opens the project: every
// document must be wholly there or wholly absent.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	path := filepath.Join(t.TempDir(), "crash test.cmoproj")
	p, err := Create(path, "Crash", "Ann")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	hot := 0
	// -1: kill inside the transaction, all written but not committed;
	// other delays land anywhere, in the commit too.
	delays := []time.Duration{-1, 0, 60 * time.Millisecond, 130 * time.Millisecond, 210 * time.Millisecond, 290 * time.Millisecond, 380 * time.Millisecond}
	for i, delay := range delays {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashPathEnv+"="+path, crashSeedEnv+"="+strconv.Itoa((i+1)*1000))
		if delay < 0 {
			cmd.Env = append(cmd.Env, crashHookEnv+"=1")
		}
		sumBefore := fileSum(t, path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 100)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		if l := <-lines; l != "ready" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("helper said %q", l)
		}
		if delay < 0 {
			if l := <-lines; l != "in transaction" {
				t.Fatalf("helper said %q", l)
			}
		} else {
			time.Sleep(delay)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		added := 0
		for l := range lines {
			if strings.HasPrefix(l, "error") {
				t.Fatalf("helper: %s", l)
			}
			added++
		}
		journal := len(sidecars(path)) > 0
		if journal {
			hot++
		}
		sumKilled := fileSum(t, path)
		if delay < 0 && !journal {
			t.Error("no journal left by a kill inside the transaction")
		}
		if delay < 0 && sumKilled == sumBefore {
			t.Error("the transaction had not reached the file: the test proves less than it should")
		}

		p, err := Open(path)
		if err != nil {
			t.Fatalf("after kill %d (%v): %v", i, delay, err)
		}
		if err := p.Check(); err != nil {
			t.Fatalf("after kill %d: %v", i, err)
		}
		docs, err := p.Documents()
		if err != nil {
			t.Fatal(err)
		}
		mine := 0
		for _, d := range docs {
			seed, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(d.FileName, "synthetic-"), ".pdf"), 10, 64)
			if seed/1000 == uint64(i+1) {
				mine++
			}
			if seed/1000 != uint64(i+1) {
				continue
			}
			_, pdf, pages := crashDocument(seed)
			text, err := p.Text(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := coding.NewText(stripBoxes(pages))
			if d.Pages != 300 || d.Chars != want.Len() || text.String() != want.String() {
				t.Errorf("%s: %d pages, %d chars: not whole", d.FileName, d.Pages, d.Chars)
			}
			for _, n := range []int{1, 150, 300} {
				pg, err := p.Page(d.ID, n)
				if err != nil || !reflect.DeepEqual(pg, pages[n-1]) {
					t.Errorf("%s page %d: %v", d.FileName, n, err)
				}
			}
			if b, err := p.PDF(d.ID); err != nil || len(b) != len(pdf) {
				t.Errorf("%s: PDF %d bytes, %v", d.FileName, len(b), err)
			}
		}
		if mine != added && mine != added+1 {
			t.Errorf("kill %d: %d documents imported, %d reported", i, mine, added)
		}
		t.Logf("kill after %v: %d documents reported added, %d in the project, journal left: %v", delay, added, mine, journal)
		p.Close()
		if s := sidecars(path); len(s) != 0 {
			b, _ := os.ReadFile(s[0])
			t.Errorf("sidecars after Close: %v (%d bytes, %x)", s, len(b), b[:min(len(b), 32)])
		}
		if delay < 0 && fileSum(t, path) != sumBefore {
			t.Error("the rolled-back file differs from the file before the transaction")
		}
	}
	t.Logf("%d of %d kills left a journal to roll back", hot, len(delays))
}
