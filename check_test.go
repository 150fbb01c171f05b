package main

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"os"
	"strings"
	"testing"
)

// Every verb opens a project after checking only its coding tables; the
// pages and PDFs, most of the file, are read whole by `check` (issue 14:
// opening a 500-paper project read all 486 MB each time).
func TestCheckVerb(t *testing.T) {
	p := projectWithPDFs(t, "bmc-jtmo-2010-datta-systematic-review.pdf")

	out := mustRun(t, "check", p)
	if want := "review.cmoproj: no problems found (1 document, 4 pages)\n"; !strings.HasSuffix(out, want) {
		t.Errorf("check printed %q, want …%q", out, want)
	}

	// The root page of the pages table overwritten with garbage.
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	var root int
	err = db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'pages'").Scan(&root)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	size := int(binary.BigEndian.Uint16(b[16:18]))
	copy(b[(root-1)*size:root*size], bytes.Repeat([]byte{0xA5, 0x5A, 0x13}, size))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, p)

	// Listing the documents does not read the pages.
	if out := mustRun(t, "docs", p); !strings.Contains(out, "deep venous thrombosis") {
		t.Errorf("docs printed %q", out)
	}
	r := run(t, "check", p)
	if r.code != 1 || !strings.Contains(r.stderr, "review.cmoproj is damaged") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("check on a damaged file: exit %d, stderr %q; want exit 1 and one line saying it is damaged", r.code, r.stderr)
	}
	if fileSum(t, p) != before {
		t.Error("check changed the file")
	}
	if r := run(t, "check"); r.code != 2 {
		t.Errorf("check without a project: exit %d", r.code)
	}
}
