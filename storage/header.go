package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"cmocoder.org/cmocoder/coding"
)

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// checkHeader reads the 100-byte SQLite header of the file at abs and
// refuses, naming the file as name, anything that is not a cmocoder
// project. With sizeToo it also checks that the file is as long as the
// header says (page count × page size), which catches a truncated copy;
// the caller must then hold a read lock on the file, as the header and the
// size change together only inside a commit. It only reads.
func checkHeader(abs, name, op string, sizeToo bool) error {
	f, err := os.Open(abs)
	if err != nil {
		return coding.E(coding.KindOther, op, name, coding.PathCause(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return coding.E(coding.KindOther, op, name, coding.PathCause(err))
	}
	size := fi.Size()
	if size == 0 {
		return notOurs(name, op, "the file is empty")
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		if err == io.ErrUnexpectedEOF || err == io.EOF {
			return notOurs(name, op, "")
		}
		return coding.E(coding.KindOther, op, name, err)
	}
	if !bytes.Equal(h[:16], []byte(sqliteMagic)) {
		return notOurs(name, op, "")
	}
	if id := binary.BigEndian.Uint32(h[68:72]); id != ApplicationID {
		return notOurs(name, op, "")
	}
	if !sizeToo {
		return nil
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return damaged(name, op, fmt.Sprintf("its header gives an impossible page size (%d)", pageSize))
	}
	// The page count in the header is valid when the change counter
	// (24–27) equals the version-valid-for number (92–95).
	if !bytes.Equal(h[24:28], h[92:96]) {
		return nil
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	want := pages * pageSize
	switch {
	case pages == 0:
		return damaged(name, op, "its header gives no pages")
	case size < want:
		return damaged(name, op, fmt.Sprintf("the file is cut short (%d of %d bytes)", size, want))
	case size > want:
		return damaged(name, op, fmt.Sprintf("the file is %s longer than its header says", coding.Count(int(size-want), "byte")))
	}
	return nil
}
