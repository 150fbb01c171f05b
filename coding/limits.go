package coding

import "fmt"

// Bounds on what files from anyone may make cmocoder read (issue 13).
const (
	// MaxPDFSize is the largest PDF cmocoder reads, whether added from
	// disk or carried in a REFI-QDA project: PDFium holds the whole file
	// in its WebAssembly memory (pdfview caps that at twice this) beside
	// the page it reads, and a review's articles are a few MB, a scanned
	// book 100 or so.
	MaxPDFSize = 256 << 20

	// ZipBombRatio and ZipBombFloor: a file in an archive (.qdpx, .docx,
	// .odt) that inflates more than ZipBombRatio times its compressed size
	// once past ZipBombFloor is refused as a possible ZIP bomb. PDFs
	// barely compress, text and XML 3–20-fold, a bomb 1000-fold.
	ZipBombRatio = 100
	ZipBombFloor = 64 << 20
)

// ZipBomb reports whether a file inflating to inflated bytes from
// compressed ones looks like a ZIP bomb (see ZipBombRatio).
func ZipBomb(inflated, compressed uint64) bool {
	return inflated > ZipBombFloor && inflated/ZipBombRatio > compressed
}

// ZipBombError is a file of an archive refused as a possible ZIP bomb.
type ZipBombError struct {
	Entry string // its name in the archive
	Why   string // how it inflates: "inflates past 512 MB"
}

func (e *ZipBombError) Error() string {
	return fmt.Sprintf("entry %q %s: refused as a possible zip bomb", e.Entry, e.Why)
}

// ZipBombRatioLimit says what ZipBomb refuses, for messages.
var ZipBombRatioLimit = fmt.Sprintf("more than %d-fold past %d MB", ZipBombRatio, ZipBombFloor>>20)
