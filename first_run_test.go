package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFirstRunSaysWhy: the first command on a computer (no compiled
// PDFium in the cache yet) takes seconds; on a terminal it says why, once,
// and still does its work. To a script (stderr not a terminal) it says
// nothing, so that scripts and logs get only what they asked for.
func TestFirstRunSaysWhy(t *testing.T) {
	needPDFs(t)
	if testing.Short() {
		t.Skip("compiling PDFium takes seconds")
	}
	script, err := exec.LookPath("script") // util-linux: runs a command on a pseudo-terminal
	if err != nil {
		t.Skip("script (util-linux) not installed")
	}
	pdf := filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf")
	const notice = "cmocoder: extract: preparing the PDF reader for this computer"

	// Not a terminal.
	cmd := exec.Command(bin, "extract", pdf)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || !strings.Contains(strings.ToLower(string(out)), "heart failure") {
		t.Fatalf("extract with an empty cache: %v, %d bytes out, %q", err, len(out), stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("not on a terminal, the first run said %q", stderr.String())
	}

	// A terminal: script's log file gets what the terminal showed.
	log := filepath.Join(t.TempDir(), "terminal.log")
	cmd = exec.Command(script, "-q", "-e", "-c", bin+" extract "+pdf+" >/dev/null", log)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("extract on a terminal: %v %s", err, out)
	}
	shown, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(shown), notice); n != 1 {
		t.Errorf("on a terminal the first run said %d times %q: %q", n, notice, shown)
	}
}
