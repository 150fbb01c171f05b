package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runLimited runs the binary with a file size limit of kib KiB (ulimit -f):
// every write past it fails, as on a full disk (Go ignores SIGXFSZ, so the
// write returns an error instead of killing the process). Its output goes
// to pipes, which the limit does not cover.
func runLimited(t *testing.T, kib int, args ...string) result {
	t.Helper()
	sh := exec.Command("bash", append([]string{"-c", `ulimit -f "$0" && exec "$@"`, strconv.Itoa(kib), bin}, args...)...)
	var out, errb bytes.Buffer
	sh.Stdout, sh.Stderr = &out, &errb
	sh.Env = append(os.Environ(), "CMOCODER_CODER=tester", "LANG=C.UTF-8")
	code, err := exitCode(sh.Run())
	if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// TestFullDisk: a write that fails half way (the disk fills up while a
// 352-page book is added; no room even for the journal of one coding)
// leaves the project byte for byte as it was, and says so in one line.
func TestFullDisk(t *testing.T) {
	needPDFs(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash for ulimit")
	}
	project := newDemo(t, t.TempDir())
	fi, err := os.Stat(project)
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Fields(mustRun(t, "docs", project))[0]
	before := fileSum(t, project)
	book := filepath.Join(pdfDir, "freeculture-lessig-352p.pdf")
	for _, tc := range []struct {
		name string
		kib  int
		args []string
	}{
		{"the disk fills while a book is added", int(fi.Size()/1024) + 512, []string{"add", project, book}},
		{"no room for the journal of one coding", 0, []string{"code", project, doc, "100", "140", "--role", "context"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runLimited(t, tc.kib, tc.args...)
			if r.code != 1 || strings.Count(r.stderr, "\n") != 1 ||
				!strings.Contains(r.stderr, "demo.cmoproj: writing to the disk failed (is it full?); the project is as it was before") {
				t.Errorf("exit %d, stderr %q", r.code, r.stderr)
			}
			if fileSum(t, project) != before {
				t.Error("the project file changed")
			}
			if _, err := os.Stat(project + "-journal"); err == nil {
				t.Error("a journal was left behind")
			}
		})
	}
	// With room again, the same work goes in.
	mustRun(t, "add", project, book)
	if n := len(docs(t, project)); n != 2 {
		t.Errorf("%d documents after adding with room", n)
	}
}
