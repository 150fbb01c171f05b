package session

import (
	"os"
	"path/filepath"
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
