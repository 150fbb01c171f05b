package refiqda

// Fuzz tests of everything that reads another tool's bytes. The seeds are
// in testdata/fuzz/<Name>/ (small samples of ../../../shared/refi-qda and
// hand-made files with every element); they run in every `go test`.
// `make fuzz` runs each target for a while:
//
//	go test ./coding/refiqda -run '^$' -fuzz '^FuzzReadQDPX$' -fuzztime 60s -parallel 1

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxFuzzInput bounds the files fuzzed: the readers' cost grows with
// them, and what goes wrong shows in small files.
const maxFuzzInput = 1 << 20

// fuzzPages is the document every fuzzed file's PDF sources become:
// the text of the export fixture, so that its passages are found.
var fuzzPages = []string{page1, page2}

// importInto applies what in holds to a project of one document, as the
// import does (every PDF source becomes that document), and checks that
// the undo leaves the project as it was. Errors are allowed (a change
// may be refused); panics and a bad undo are not.
func importInto(t *testing.T, in *Input) {
	tx := newMemTx()
	tx.AddDoc("doc", fuzzPages...)
	im := NewImport(in)
	pdfs, _ := im.PDFSources()
	for _, src := range pdfs {
		im.AddDocument(src, "doc")
	}
	undo, err := im.Apply(tx)
	if err != nil {
		return
	}
	for _, f := range tx.Frags {
		if err := f.Check(); err != nil {
			t.Errorf("fragment %s: %v", f.ID, err)
		}
		if text := tx.Texts["doc"]; f.Text != text.Slice(f.Start, f.End) {
			t.Errorf("fragment %s: text %q, span %d-%d", f.ID, f.Text, f.Start, f.End)
		}
	}
	if _, err := undo.Apply(tx); err != nil {
		t.Fatalf("undo: %v", err)
	}
	if len(tx.Frags) != 0 || len(tx.Codebook) != 0 || len(tx.CMOCs) != 0 || len(tx.Theories) != 0 {
		t.Fatalf("after undo: %d fragments, %d labels, %d CMOCs, %d theories", len(tx.Frags), len(tx.Codebook), len(tx.CMOCs), len(tx.Theories))
	}
}

// FuzzReadCodebook reads .qdc codebooks and maps their codes.
func FuzzReadCodebook(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, err := ReadCodebook(data)
		if err != nil {
			return
		}
		uses, labels := MapCodes(cs)
		seen := map[string]bool{}
		for _, l := range labels {
			key := strings.ToLower(l.Name)
			if seen[key] {
				t.Fatalf("two labels named %q", l.Name)
			}
			seen[key] = true
		}
		for _, c := range flatten(cs) {
			if _, ok := uses[c.GUID]; c.GUID != "" && !ok {
				t.Fatalf("code %q (%s) has no use", c.Name, c.GUID)
			}
		}
		importInto(t, &Input{Name: "fuzz.qdc", Codes: cs})
	})
}

// FuzzReadProject reads .qde project documents and imports them.
func FuzzReadProject(f *testing.F) { fuzzRead(f, "fuzz.qde", importInto) }

// FuzzReadQDPX reads .qdpx archives, every file their sources and notes
// name, and imports them.
func FuzzReadQDPX(f *testing.F) {
	fuzzRead(f, "fuzz.qdpx", func(t *testing.T, in *Input) {
		a := in.Archive
		for _, src := range a.Sources {
			if b, ok, err := a.Open(src.Path); err == nil && ok && len(b) > MaxEntrySize {
				t.Fatalf("%s: %d bytes", src.Path, len(b))
			}
			if s, ok, err := a.Text(src.Text); err == nil && ok && !utf8.ValidString(s) {
				t.Fatalf("%s: text not UTF-8", src.Name)
			}
		}
		importInto(t, in)
	})
}

// fuzzRead has Read read fuzzed bytes as the file name (up to
// maxFuzzInput of them) and hands what it read to check.
func fuzzRead(f *testing.F, name string, check func(t *testing.T, in *Input)) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		in, err := Read(name, data)
		if err != nil {
			return
		}
		check(t, in)
	})
}

// FuzzQDPXFiles reads .qdpx archives made of a fuzzed project document
// and fuzzed texts, stored uncompressed: mutated ZIPs rarely pass their
// checksums, so FuzzReadQDPX seldom reaches the files inside.
func FuzzQDPXFiles(f *testing.F) {
	f.Fuzz(func(t *testing.T, qde, text, memo []byte) {
		if len(qde)+len(text)+len(memo) > maxFuzzInput {
			return
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, file := range []struct {
			name string
			data []byte
		}{{"project.qde", qde}, {"Sources/D1.txt", text}, {"sources/n.txt", memo}, {"sources/d1.pdf", []byte("%PDF-1.4")}} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: file.name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(file.data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		in, err := Read("fuzz.qdpx", buf.Bytes())
		if err != nil {
			return
		}
		for _, src := range in.File.Sources {
			if s, ok, err := in.Text(src.Text); err == nil && ok && !utf8.ValidString(s) {
				t.Fatalf("%s: text not UTF-8", src.Name)
			}
		}
		importInto(t, in)
	})
}

// FuzzPassages places passages of one text in another: a placed passage
// lies in cmocoder's text and holds the same words as the passage.
func FuzzPassages(f *testing.F) {
	f.Fuzz(func(t *testing.T, ours, theirs string, start, end int, utf16Units bool) {
		if len(ours)+len(theirs) > maxFuzzInput {
			return
		}
		if utf16Units && 0 <= start && start <= end {
			if offs := UTF16Offsets(theirs); offs(start) > offs(end) {
				t.Fatalf("UTF16Offsets: %d -> %d but %d -> %d", start, offs(start), end, offs(end))
			}
		}
		p := NewPassages(ours, theirs, true, utf16Units)
		s, e, err := p.Place(start, end)
		if err != nil || p.direct {
			return // direct offsets are checked by coding.CheckSpan
		}
		if n := utf8.RuneCountInString(ours); s < 0 || s >= e || e > n {
			t.Fatalf("Place(%d, %d) = %d-%d, outside 0-%d", start, end, s, e, n)
		}
		start, end = p.conv(start), p.conv(end)
		want, _ := normalise(SliceRunes(theirs, start, end))
		if got, _ := normalise(SliceRunes(ours, s, e)); got != want {
			t.Fatalf("Place(%d, %d) = %d-%d: %q, want %q", start, end, s, e, got, want)
		}
	})
}
