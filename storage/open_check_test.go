package storage

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// corruptRoot writes a copy of the project at path named name with the
// root page of table overwritten by garbage, its size intact.
func corruptRoot(t *testing.T, path, name, table string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.BigEndian.Uint16(b[16:18]))
	db := rawDB(t, path)
	var root int
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", table).Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b = bytes.Clone(b)
	copy(b[(root-1)*pageSize:root*pageSize], bytes.Repeat([]byte{0xA5, 0x5A, 0x13}, pageSize))
	out := filepath.Join(filepath.Dir(path), name)
	if err := os.WriteFile(out, b, 0o666); err != nil {
		t.Fatal(err)
	}
	return out
}

// Opening checks the documents, codebook, theories and CMOCs, not the
// pages, PDFs and fragments that make up most of the file (issue 14: a verb on a 500-paper project paid a read
// of the whole file). Check and an open after a crash still look at all.
func TestOpenChecksCodingNotBulk(t *testing.T) {
	dir := t.TempDir()
	real := realProject(t, dir)

	cases := []struct {
		table      string
		crashed    bool // a journal lies beside the file
		openDamage bool
	}{
		{"labels", false, true},
		{"documents", false, true},
		{"cmocs", false, true},
		{"fragments", false, false},
		{"pages", false, false},
		{"pdfs", false, false},
		{"search_index_data", false, false},
		{"search_index_data", true, true},
		{"fragments", true, true},
		{"pages", true, true},
		{"pdfs", true, true},
	}
	for _, c := range cases {
		name := c.table
		if c.crashed {
			name += "-crashed"
		}
		t.Run(name, func(t *testing.T) {
			path := corruptRoot(t, real, name+".cmoproj", c.table)
			if c.crashed {
				// A journal whose header was never written: SQLite ignores
				// it, but it says the last writer did not finish.
				if err := os.WriteFile(path+"-journal", make([]byte, 4096), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			p, err := Open(path)
			if c.openDamage {
				if err == nil {
					p.Close()
					t.Fatal("opened a file whose " + c.table + " table is damaged")
				}
				wantKind(t, err, coding.KindDamaged, "is damaged")
				return
			}
			if err != nil {
				t.Fatalf("open read the %s table: %v", c.table, err)
			}
			defer p.Close()
			wantKind(t, p.Check(), coding.KindDamaged, "is damaged")
		})
	}
}
