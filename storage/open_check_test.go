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

// Opening checks nothing but the header and schema (issue 14: a verb on a
// 500-paper project paid a read of the whole file, then 4 ms of its 40
// for the coding tables). The first write checks the documents, codebook,
// theories and CMOCs, not the pages, PDFs and fragments that make up most
// of the file, and writes nothing into a damaged one. Check and an open
// after a crash still look at all.
func TestOpenChecksCodingNotBulk(t *testing.T) {
	dir := t.TempDir()
	real := realProject(t, dir)

	cases := []struct {
		table       string
		crashed     bool // a journal lies beside the file
		openDamage  bool
		writeDamage bool // the first write refuses
	}{
		{"labels", false, false, true},
		{"documents", false, false, true},
		{"cmocs", false, false, true},
		{"theories", false, false, true},
		{"fragments", false, false, false},
		{"pages", false, false, false},
		{"pdfs", false, false, false},
		{"search_index_data", false, false, false},
		{"search_index_data", true, true, true},
		{"fragments", true, true, true},
		{"pages", true, true, true},
		{"pdfs", true, true, true},
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
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if c.table == "documents" {
				_, err := p.Documents()
				wantKind(t, err, coding.KindDamaged, "is damaged")
			}
			// A label touches none of the damaged tables but labels.
			_, err = p.Apply(coding.PutLabel{Label: coding.Label{Name: "Trust in the team"}})
			if c.writeDamage {
				wantKind(t, err, coding.KindDamaged, "is damaged")
				if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
					t.Error("a write went into the damaged file")
				}
			} else if err != nil {
				t.Fatalf("a label not written with the %s table damaged: %v", c.table, err)
			}
			wantKind(t, p.Check(), coding.KindDamaged, "is damaged")
		})
	}
}
