package session

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// CheckPDFSize refuses a PDF larger than coding.MaxPDFSize before its
// bytes are read into memory (`add`, `extract`); a file that is not
// there is left for the reading to report.
func CheckPDFSize(op, path string) error {
	return checkFileSize(op, path, coding.MaxPDFSize, "PDFs")
}

// checkREFISize refuses a bare project document or codebook larger than
// refiqda.MaxQDESize, the most a .qdpx's may inflate to.
func checkREFISize(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qde", ".qdc":
		return checkFileSize("import", path, refiqda.MaxQDESize, "project documents and codebooks")
	}
	return nil
}

func checkFileSize(op, path string, most int64, what string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() <= most {
		return nil
	}
	return coding.Errorf(coding.KindInvalid, op, filepath.Base(path), "too large: %d MB; %s over %d MB are not read",
		fi.Size()>>20, what, most>>20)
}

// readArchive reads a .qdpx (any ZIP) from its file as it is needed,
// never whole: a .qdpx of many PDFs, or of gigabytes of nothing, would
// otherwise be in memory all at once. ok is false for a file that is not
// a ZIP or is a codebook (.qdc), left to ReadREFI. The file stays open while the Input is in use
// (its files are read during the import) and is closed once it is not.
func readArchive(p string) (in *refiqda.Input, ok bool, err error) {
	if strings.EqualFold(filepath.Ext(p), ".qdc") {
		return nil, false, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false, nil
	}
	head := make([]byte, 4)
	fi, err := f.Stat()
	if _, rerr := io.ReadFull(f, head); err != nil || rerr != nil || !bytes.Equal(head, []byte("PK\x03\x04")) {
		f.Close()
		return nil, false, nil
	}
	name := filepath.Base(p)
	in, err = refiqda.ReadArchive(name, f, fi.Size())
	if err != nil {
		f.Close()
		return nil, true, coding.E(coding.KindInvalid, "import", name, err)
	}
	runtime.AddCleanup(in, func(f *os.File) { f.Close() }, f)
	return in, true, nil
}
