// Package codingfile reads and writes a coding file: one project's coding
// (documents' metadata and digests, fragments, CMOCs, theories, labels,
// coders and deletions) without the documents' files, text or boxes. It
// is what a teammate sends back by e-mail: a few hundred kilobytes where
// the project holds hundreds of megabytes of PDFs. A coding file merges
// exactly as a whole project does (coding.PlanMerge), except that a
// document only it names cannot be added: its file is not there.
//
// The file is gzip-compressed JSON: one object with a format name and
// version, who wrote it and when, and the coding as coding.MergeSide
// holds it. Documents are named by their ID and by the SHA-256 of their
// original file and of their stored text, so a merge finds them in the
// receiving project and refuses fragments whose offsets would not fit.
package codingfile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// Format names a coding file in its first field; Version is the version
// this cmocoder writes and the newest it reads.
const (
	Format  = "cmocoder coding"
	Version = 1
)

// MaxSize bounds a coding file's JSON once decompressed: 20,000 fragments
// take about 10 MB, so a file past this is not one (or is a gzip bomb).
const MaxSize = 256 << 20

// maxSize is MaxSize, smaller in tests.
var maxSize int64 = MaxSize

// File is a coding file's content.
type File struct {
	Project string    // the title of the project it was written from
	Coder   string    // who wrote it
	Written time.Time // when
	Coding  coding.MergeSide
}

// wire is the file's JSON. Coding holds the domain types as they are: a
// new field of a fragment travels without a change here, and an older
// reader ignores it.
type wire struct {
	Format  string           `json:"format"`
	Version int              `json:"version"`
	Project string           `json:"project"`
	Coder   string           `json:"coder"`
	Written time.Time        `json:"written"`
	Coding  coding.MergeSide `json:"coding"`
}

// Write writes f to w as a coding file.
func Write(w io.Writer, f File) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Name = "coding.json"
	zw.ModTime = f.Written
	enc := json.NewEncoder(zw)
	err = enc.Encode(wire{Format, Version, f.Project, f.Coder, f.Written.UTC(), f.Coding})
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	return err
}

// gzipMagic starts every gzip stream (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// Sniff reports whether the file starting with head is a coding file
// rather than a project: a coding file is gzip, a project SQLite.
func Sniff(head []byte) bool { return bytes.HasPrefix(head, gzipMagic) }

// Read reads a coding file. name says which file in errors, all of Kind
// KindDamaged (not a coding file, cut short, too big) or KindInvalid
// (from a newer cmocoder). The coding it returns is checked only as JSON:
// the merge checks each entity by the rules every change obeys.
func Read(r io.Reader, name string) (File, error) {
	const op = "read coding file"
	bad := func(format string, args ...any) error {
		return coding.Errorf(coding.KindDamaged, op, "", "%s is not a cmocoder coding file ("+format+")", append([]any{name}, args...)...)
	}
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); !Sniff(head) {
		return File{}, bad("it is not compressed with gzip")
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return File{}, bad("%v", err)
	}
	zr.Multistream(false)
	limited := &io.LimitedReader{R: zr, N: maxSize + 1}
	dec := json.NewDecoder(limited)
	var w wire
	err = dec.Decode(&w)
	switch {
	case limited.N <= 0:
		return File{}, coding.Errorf(coding.KindDamaged, op, "", "%s holds more than %d MB of coding once decompressed: refused as a possible zip bomb", name, maxSize>>20)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return File{}, coding.Errorf(coding.KindDamaged, op, "", "%s is damaged: the file is cut short", name)
	case err != nil:
		return File{}, bad("%v", err)
	case w.Format != Format:
		return File{}, bad("it says it is %q", coding.Clip(w.Format, 40))
	case w.Version > Version:
		return File{}, coding.Errorf(coding.KindInvalid, op, "", "%s was written by a newer cmocoder (coding file version %d); please update", name, w.Version)
	case w.Version < 1:
		return File{}, bad("version %d", w.Version)
	}
	// The rest of the stream must end cleanly: a file cut short after the
	// JSON fails gzip's checksum.
	if _, err := io.Copy(io.Discard, limited); err != nil {
		return File{}, coding.Errorf(coding.KindDamaged, op, "", "%s is damaged: %v", name, err)
	}
	if limited.N <= 0 {
		return File{}, coding.Errorf(coding.KindDamaged, op, "", "%s holds more than %d MB of coding once decompressed: refused as a possible zip bomb", name, maxSize>>20)
	}
	w.Coding.WithoutFiles = true
	return File{Project: w.Project, Coder: w.Coder, Written: w.Written, Coding: w.Coding}, nil
}
