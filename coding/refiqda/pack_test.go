package refiqda

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"
)

// The packer's archive is the one archive/zip writes alone, byte for
// byte, whatever the files' sizes and however many wait to be written,
// and it reads back whole.
func TestPackerWritesWhatZipWrites(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 3<<20) // like a PDF's compressed streams
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	var text []byte // words in a random order, as a paper's text
	words := []string{"staff", "felt", "listened", "to", "and", "trust", "grew", "the", "ward", "managers", "audit", "feedback", "quality", "improvement", "of", "care"}
	for len(text) < 1<<20 {
		text = append(text, words[rng.IntN(len(words))]...)
		text = append(text, " ,."[rng.IntN(3)])
	}
	files := []struct {
		name string
		data []byte
	}{
		{"project.qde", []byte("<?xml version=\"1.0\"?>\n<Project/>\n")},
		{"sources/a.pdf", random},
		{"sources/a.txt", text},
		{"sources/empty.txt", nil},
		{"sources/b.pdf", random[:1000]},
		{"sources/b.txt", text[:77]},
	}
	mod := time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)
	var want bytes.Buffer
	zw := zip.NewWriter(&want)
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
	var got bytes.Buffer
	pk := newPacker(&got, mod)
	for _, f := range files {
		if err := pk.put(f.name, f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := pk.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("the packer wrote %d bytes unlike archive/zip's %d", got.Len(), want.Len())
	}
	zr, err := zip.NewReader(bytes.NewReader(got.Bytes()), int64(got.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		data, err := readAll(f)
		if err != nil || f.Name != files[i].name || !bytes.Equal(data, files[i].data) {
			t.Errorf("file %d reads back as %q, %d bytes (%v); want %q, %d bytes", i, f.Name, len(data), err, files[i].name, len(files[i].data))
		}
	}
}

func readAll(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer r.Close()
	return io.ReadAll(r)
}
