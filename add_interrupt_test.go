package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptAdd: Ctrl-C during `add` of several PDFs ends it with one
// line that counts the files not added, and every file is either in the
// project or counted there (a file whose extraction was stopped is not
// also reported as failed).
func TestInterruptAdd(t *testing.T) {
	needPDFs(t)
	files := []string{
		filepath.Join(pdfDir, "freeculture-lessig-352p.pdf"),
		filepath.Join(pdfDir, "bmc-hsr-2014-agyeman-duah.pdf"),
		filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"),
		filepath.Join(pdfDir, "peerj-2017-webb-vespa.pdf"),
	}
	p := newProject(t)
	cmd := exec.Command(bin, append([]string{"add", p}, files...)...)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = new(bytes.Buffer), &errb
	cmd.Env = append(os.Environ(), "CMOCODER_CODER=tester", "LANG=C.UTF-8", "LC_ALL=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The book alone takes over a second to read: stop it on the way.
	time.Sleep(500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, err := exitCode(cmd.Wait())
	if err != nil {
		t.Fatal(err)
	}
	added := len(docs(t, p))
	if added == len(files) {
		t.Skip("every file was added before the interrupt")
	}
	want := fmt.Sprintf("cmocoder: add: interrupted; %d files not added", len(files)-added)
	if len(files)-added == 1 {
		want = "cmocoder: add: interrupted; 1 file not added"
	}
	if lines := strings.Split(strings.TrimSpace(errb.String()), "\n"); code != 1 || len(lines) != 1 || lines[0] != want {
		t.Errorf("exit %d, stderr %q with %d of %d files added\nwant one line %q", code, errb.String(), added, len(files), want)
	}
}
