package refiqda

import (
	"archive/zip"
	"fmt"
	"io/fs"
)

// checkEntry refuses an entry of a .qdpx that is not a file or a folder:
// a symbolic link (a ZIP made on Unix can hold one, its target as its
// data) or a device. REFI-QDA archives hold only files, and such an entry
// is a hostile file's, so the whole .qdpx is refused, naming the entry.
func checkEntry(f *zip.File) error {
	mode := f.Mode()
	switch {
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("not read: its entry %q is a symbolic link, and a .qdpx holds only files", f.Name)
	case mode&fs.ModeType&^fs.ModeDir != 0:
		return fmt.Errorf("not read: its entry %q is not a file (%v), and a .qdpx holds only files", f.Name, mode.Type())
	}
	return nil
}
