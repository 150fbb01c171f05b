// Package testfiles holds the file helpers that the tests of several
// packages share: copying a project as a reviewer copies it, and reading
// the parts of zip and gzip files. Each fails the test on any error, so a
// caller reads as the step it takes.
package testfiles

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

// Copy copies a closed file (a project, a fixture) to a new path, as a
// reviewer copies a project for a teammate.
func Copy(t testing.TB, from, to string) { CopyMode(t, from, to, 0o644) }

// CopyMode is Copy with the new file's permissions (0o755 for a binary).
func CopyMode(t testing.TB, from, to string, mode os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, mode); err != nil {
		t.Fatal(err)
	}
}

// ReadZipped is the uncompressed contents of one file of an open zip.
func ReadZipped(t testing.TB, f *zip.File) []byte {
	t.Helper()
	return readAll(t, f.Name, f.Open)
}

// ZipPart is the file called name in the zip archive (a .qdpx, an Office
// document) at path.
func ZipPart(t testing.TB, archive, name string) []byte {
	t.Helper()
	z, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	return readAll(t, name, func() (io.ReadCloser, error) { return z.Open(name) })
}

// Gunzip is the uncompressed contents of the gzipped file at path (a test
// fixture kept small in the repository).
func Gunzip(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, path, func() (io.ReadCloser, error) { return gzip.NewReader(bytes.NewReader(data)) })
}

// readAll opens a reader, reads it to the end and closes it, failing the
// test with name on any error.
func readAll(t testing.TB, name string, open func() (io.ReadCloser, error)) []byte {
	t.Helper()
	rc, err := open()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return data
}
