package refiqda

// The limits on what a .qdpx may make cmocoder read (issue 13): files come
// from anyone, and a ZIP bomb of a few MB inflates to gigabytes. Each
// bound is stated here once; README.md ("import") repeats them.

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"cmocoder.org/cmocoder/coding"
)

const (
	// MaxQDESize is the most the project document of a .qdpx may inflate
	// to: its texts are inside, and a long review's is tens of MB.
	MaxQDESize = 512 << 20
	// MaxEntrySize is the most any other file in a .qdpx may inflate to:
	// the PDFs and texts of sources, never larger than a PDF cmocoder reads.
	MaxEntrySize = coding.MaxPDFSize
)

// A file that inflates like a ZIP bomb (coding.ZipBomb) is refused, and so
// are all the files read together when they would inflate the .qdpx as
// much.

func bombError(name, why string) error { return &coding.ZipBombError{Entry: name, Why: why} }

// IsBomb reports whether err refuses a file of a .qdpx as a possible ZIP
// bomb.
func IsBomb(err error) bool { return errors.As(err, new(*coding.ZipBombError)) }

// entryBound is the most the entry may inflate to.
func (a *Archive) entryBound(f *zip.File) int64 {
	if f.Name == a.QDE {
		return MaxQDESize
	}
	return MaxEntrySize
}

// checkDeclared refuses an entry by what its header declares, before any
// of it is read: more than its bound, like a ZIP bomb (coding.ZipBomb),
// or more than what is left of the
// .qdpx's budget.
func (a *Archive) checkDeclared(f *zip.File) error {
	size, bound := f.UncompressedSize64, a.entryBound(f)
	switch {
	case size > uint64(bound):
		return bombError(f.Name, fmt.Sprintf("inflates past %d MB", bound>>20))
	case coding.ZipBomb(size, f.CompressedSize64):
		return bombError(f.Name, "inflates "+coding.ZipBombRatioLimit)
	case !a.read[f] && int64(size) > a.budget:
		return overBudget(f.Name)
	}
	return nil
}

// overBudget refuses the entry that would take what is read of the .qdpx
// past its budget.
func overBudget(name string) error {
	return bombError(name, "would inflate the .qdpx "+coding.ZipBombRatioLimit)
}

// checkSources refuses, by their headers and before anything is read, the
// files the sources and notes name (see checkDeclared; a note's file is
// its memo, held to MaxMemoSize): an import then stops before it has added
// any document, not half way.
func (a *Archive) checkSources() error {
	budget := a.budget
	seen := map[*zip.File]bool{}
	check := func(p string) error {
		f := a.find(p)
		if f == nil || seen[f] || a.read[f] {
			return nil
		}
		seen[f] = true
		if err := a.checkDeclared(f); err != nil {
			return err
		}
		if budget -= int64(f.UncompressedSize64); budget < 0 {
			return overBudget(f.Name)
		}
		return nil
	}
	for _, s := range a.Sources {
		if s.Kind == "PDFSource" {
			if err := check(s.Path); err != nil {
				return err
			}
		}
		if s.Text != nil {
			if err := check(s.Text.PlainTextPath); err != nil {
				return err
			}
		}
	}
	for _, n := range a.Notes {
		if f := a.find(n.PlainTextPath); f != nil && f.UncompressedSize64 > MaxMemoSize {
			return fmt.Errorf("entry %q, the memo of note %q, holds more than %d MB, the most a memo may hold: refused",
				f.Name, n.Name, MaxMemoSize>>20)
		}
		if err := check(n.PlainTextPath); err != nil {
			return err
		}
	}
	for f := range seen {
		if err := a.inflateAll(f); err != nil {
			return err
		}
	}
	return nil
}

// inflateAll reads f to the end without keeping it, to refuse a file whose
// header lies before anything else is read (archive/zip stops at the size
// a header declares, but half an import would be in by then). Inflating
// costs a fraction of what reading the PDFs costs; errors other than a
// bomb are left for the reading to report.
func (a *Archive) inflateAll(f *zip.File) error {
	rc, err := a.openLimited(f)
	if err != nil {
		return nil
	}
	defer rc.Close()
	if _, err := io.Copy(io.Discard, rc); IsBomb(err) {
		return err
	}
	return nil
}

// ReadArchive reads the .qdpx called name from the size bytes of r (see
// ReadQDPXAt), as Read reads one held in memory.
func ReadArchive(name string, r io.ReaderAt, size int64) (*Input, error) {
	a, err := ReadQDPXAt(r, size)
	if err != nil {
		return nil, err
	}
	return &Input{Name: name, Archive: a, File: a.File, Codes: a.File.Codes}, nil
}

// limitedEntry reads an entry counting what it inflates to, so that the
// bounds hold whatever its header says: archive/zip stops at the declared
// size today, and this does not rely on it.
type limitedEntry struct {
	r          io.Reader
	name       string
	n          int64 // bytes read so far
	bound      int64
	compressed int64
}

func (a *Archive) openLimited(f *zip.File) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	l := &limitedEntry{r: rc, name: f.Name, bound: a.entryBound(f),
		compressed: int64(min(f.CompressedSize64, 1<<62))}
	return struct {
		io.Reader
		io.Closer
	}{l, rc}, nil
}

func (l *limitedEntry) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	switch {
	case l.n > l.bound:
		return n, bombError(l.name, fmt.Sprintf("inflates past %d MB", l.bound>>20))
	case coding.ZipBomb(uint64(l.n), uint64(l.compressed)):
		return n, bombError(l.name, "inflates "+coding.ZipBombRatioLimit)
	case errors.Is(err, zip.ErrFormat): // archive/zip's word for more than declared
		return n, bombError(l.name, "inflates past the size its header declares")
	}
	return n, err
}
