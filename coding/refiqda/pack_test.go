package refiqda

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

type zipFile struct {
	name string
	data []byte
}

// packFiles writes files with the packer.
func packFiles(t *testing.T, files []zipFile, mod time.Time) []byte {
	t.Helper()
	var out bytes.Buffer
	pk := newPacker(&out, mod)
	for _, f := range files {
		if err := pk.put(f.name, f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := pk.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// zipFiles writes files with archive/zip alone.
func zipFiles(t *testing.T, files []zipFile, mod time.Time) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func testFiles() []zipFile {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 3<<20) // like a PDF's deflated streams
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	var text []byte // words in a random order, as a paper's text
	words := []string{"staff", "felt", "listened", "to", "and", "trust", "grew", "the", "ward", "managers", "audit", "feedback", "quality", "improvement", "of", "care"}
	for len(text) < 1<<20 {
		text = append(text, words[rng.IntN(len(words))]...)
		text = append(text, " ,."[rng.IntN(3)])
	}
	pdf := append([]byte("%PDF-1.7\n"), append(text[:5000], random...)...)
	return []zipFile{
		{"project.qde", []byte("<?xml version=\"1.0\"?>\n<Project/>\n")},
		{"sources/a.pdf", pdf},
		{"sources/a.txt", text},
		{"sources/empty.txt", nil},
		{"sources/b.pdf", pdf[:1000]},
		{"sources/b.txt", text[:77]},
	}
}

// The packer's archive reads back whole, in order, and the same files
// give the same bytes. Files deflated at archive/zip's level (all but
// PDFs) come out as archive/zip alone writes them, byte for byte; a PDF is
// deflated at the fastest level, as its size in the archive shows.
func TestPackerWritesAZip(t *testing.T) {
	files := testFiles()
	mod := time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)
	got := packFiles(t, files, mod)
	if again := packFiles(t, files, mod); !bytes.Equal(again, got) {
		t.Errorf("the same files packed twice differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files) {
		t.Fatalf("%d files in the archive, want %d", len(zr.File), len(files))
	}
	for i, f := range zr.File {
		data, err := readAll(f) // checks the CRC too
		if err != nil || f.Name != files[i].name || !bytes.Equal(data, files[i].data) {
			t.Errorf("file %d reads back as %q, %d bytes (%v); want %q, %d bytes", i, f.Name, len(data), err, files[i].name, len(files[i].data))
		}
		level := zipFlateLevel
		if strings.HasSuffix(f.Name, ".pdf") {
			level = flate.BestSpeed
		}
		if want := deflatedSize(t, files[i].data, level); f.CompressedSize64 != want {
			t.Errorf("%s takes %d bytes, want %d (level %d)", f.Name, f.CompressedSize64, want, level)
		}
	}

	var notPDF []zipFile
	for _, f := range files {
		if !strings.HasSuffix(f.name, ".pdf") {
			notPDF = append(notPDF, f)
		}
	}
	if !bytes.Equal(packFiles(t, notPDF, mod), zipFiles(t, notPDF, mod)) {
		t.Errorf("the packer's archive of the texts is not archive/zip's")
	}
}

// Files larger than the packer may hold ahead are written one at a time:
// it never holds more than one file past its bound, however many cores.
func TestPackerBoundsWhatWaits(t *testing.T) {
	var out bytes.Buffer
	pk := newPacker(&out, time.Time{})
	pk.limit = 1000
	for i := range 5 {
		if err := pk.put(fmt.Sprintf("sources/%d.pdf", i), bytes.Repeat([]byte{byte(i)}, 600)); err != nil {
			t.Fatal(err)
		}
		if len(pk.ahead) > 1 && pk.bytes > pk.limit {
			t.Errorf("after file %d, %d files of %d bytes wait (bound %d)", i, len(pk.ahead), pk.bytes, pk.limit)
		}
	}
	if err := pk.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil || len(zr.File) != 5 {
		t.Fatalf("%v, %v", zr, err)
	}
}

func deflatedSize(t *testing.T, data []byte, level int) uint64 {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return uint64(buf.Len())
}

func readAll(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer r.Close()
	return io.ReadAll(r)
}
