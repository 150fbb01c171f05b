package refiqda

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// rawEntry is a ZIP entry written as given: its declared size may lie.
type rawEntry struct {
	name     string
	data     []byte // compressed with Deflate unless stored
	declared uint64 // 0: the real size
	stored   bool
}

func rawZip(t *testing.T, entries ...rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		var body bytes.Buffer
		method := zip.Store
		if e.stored {
			body.Write(e.data)
		} else {
			method = zip.Deflate
			fw, _ := flate.NewWriter(&body, flate.BestCompression)
			fw.Write(e.data)
			fw.Close()
		}
		size := e.declared
		if size == 0 {
			size = uint64(len(e.data))
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: method, CompressedSize64: uint64(body.Len()),
			UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const minimalQDE = `<Project name="p" origin="Tool"><Sources><PDFSource name="a" path="internal://a.pdf"/></Sources></Project>`

// TestQDPXLimits: a hostile .qdpx is refused with a clear error before it
// makes the reader allocate more than the file justifies.
func TestQDPXLimits(t *testing.T) {
	zeros := make([]byte, coding.ZipBombFloor+1<<20) // deflates 1000-fold
	for _, c := range []struct {
		name    string
		entries []rawEntry
		open    string // the file to Open after ReadQDPX
		want    string // in the error
	}{
		{"an entry larger than MaxEntrySize", []rawEntry{{name: "project.qde", data: []byte(minimalQDE)},
			{name: "sources/a.pdf", data: []byte("%PDF-1.4"), declared: 3 << 30}},
			"a.pdf", `entry "sources/a.pdf" inflates past 256 MB: refused as a possible zip bomb`},
		{"a ZIP bomb as a source", []rawEntry{{name: "project.qde", data: []byte(minimalQDE)},
			{name: "sources/a.pdf", data: zeros}},
			"a.pdf", `entry "sources/a.pdf" inflates more than 100-fold past 64 MB: refused as a possible zip bomb`},
		{"a ZIP bomb as the project", []rawEntry{{name: "project.qde", data: append([]byte(minimalQDE), zeros...)}},
			"", `entry "project.qde" inflates more than 100-fold past 64 MB: refused as a possible zip bomb`},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := ReadQDPX(rawZip(t, c.entries...))
			if err == nil && c.open != "" {
				_, _, err = a.Open(c.open)
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// TestQDPXTextReadOnce: one text named by many notes is read (and held)
// once, not once per note.
func TestQDPXTextReadOnce(t *testing.T) {
	text := strings.Repeat("memo ", MaxMemoSize/5) // 1 MB, the most a memo may hold
	var notes strings.Builder
	for i := range 20 {
		fmt.Fprintf(&notes, `<Note guid="e0000000-0000-0000-0000-%012d" plainTextPath="internal://memo.txt"/>`, i)
	}
	qde := `<Project name="p" origin="Tool"><Notes>` + notes.String() + `</Notes></Project>`
	a, err := ReadQDPX(rawZip(t, rawEntry{name: "project.qde", data: []byte(qde)}, rawEntry{name: "sources/memo.txt", data: []byte(text)}))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range a.Notes {
		got, ok, err := a.Text(&a.Notes[i])
		if err != nil || !ok || len(got) != len(text) {
			t.Fatalf("note %d: %d bytes, %v, %v", i, len(got), ok, err)
		}
	}
	runtime.ReadMemStats(&after)
	// Reading it once per note would be 20 times the text or more; once
	// takes about 3 (the inflated bytes, the string, the reader's
	// buffers), 3.06 under the race detector's own allocations.
	if n := after.TotalAlloc - before.TotalAlloc; n > 5*uint64(len(text)) {
		t.Errorf("reading one %d KB text for %d notes allocated %d KB", len(text)>>10, len(a.Notes), n>>10)
	}
}

// nested is a codebook of codes named name nested depth deep.
func nested(name string, depth int) string {
	return `<CodeBook><Codes>` + strings.Repeat(`<Code name="`+name+`">`, depth) +
		strings.Repeat(`</Code>`, depth) + `</Codes></CodeBook>`
}

// TestCodeDepth: codes nested deeper than MaxCodeDepth are refused (a
// label's qualified name repeats its parents, so depth costs its square).
func TestCodeDepth(t *testing.T) {
	if cs, err := ReadCodebook([]byte(nested("a", MaxCodeDepth))); err != nil || len(flatten(cs)) != MaxCodeDepth {
		t.Errorf("%d codes deep: %d codes, %v", MaxCodeDepth, len(flatten(cs)), err)
	}
	_, err := ReadCodebook([]byte(nested("a", MaxCodeDepth+1)))
	if want := "codes nested more than 100 deep"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%d codes deep: %v, want %q", MaxCodeDepth+1, err, want)
	}
	qde := `<Project>` + strings.TrimSuffix(strings.TrimPrefix(nested("a", MaxCodeDepth+1), "<CodeBook>"), "</CodeBook>")
	qde = `<Project><CodeBook>` + qde[len("<Project>"):] + `</CodeBook></Project>`
	if _, err := ReadProject([]byte(qde)); err == nil {
		t.Errorf("a project with codes %d deep was read", MaxCodeDepth+1)
	}
}

// TestMapCodesManySameName: codes of one name are numbered in one pass,
// not by trying every number taken before (quadratic in their count).
func TestMapCodesManySameName(t *testing.T) {
	const n = 2000
	cs := make([]Code, n)
	for i := range cs {
		cs[i] = Code{Name: "Theme"}
	}
	var labels []LabelDef
	allocs := testing.AllocsPerRun(1, func() { _, labels = MapCodes(cs) })
	if labels[0].Name != "Theme" || labels[1].Name != "Theme (2)" || labels[n-1].Name != fmt.Sprintf("Theme (%d)", n) {
		t.Errorf("names %q, %q, ..., %q", labels[0].Name, labels[1].Name, labels[n-1].Name)
	}
	// About 100 a code (role GUIDs are hashed for each); numbering by trial
	// made 3,800.
	if allocs > 400*n {
		t.Errorf("%d codes of one name: %.0f allocations", n, allocs)
	}
}
