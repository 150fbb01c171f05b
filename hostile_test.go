//go:build linux

package main

// Hostile inputs (issue 13, items 2 and 5): decompression bombs in a
// .qdpx, a .docx and a PDF's content stream, and huge names and memos,
// each made on the fly (a few MB on disk at most) and given to the real
// binary, with and without an address-space limit. Each must end with
// exit 1 and one line naming the file and what is wrong, leave the
// project byte for byte as it was, and stay under 1 GB of memory.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// deflated is a raw DEFLATE stream of prefix, unit repeated and suffix,
// made without compressing all of it: once the compressor has seen a
// chunk of units, its stream for the same chunk again reaches back at
// most 32 KB, into a copy of that chunk, so the one stream is written as
// often as needed. Gigabytes cost a few MB and a moment.
type deflated struct {
	head, chunk, tail []byte
	repeats           int64
	size              int64 // bytes it inflates to
}

func deflateRepeated(prefix, unit, suffix []byte, size int64) deflated {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	flush := func() []byte {
		fw.Flush()
		b := bytes.Clone(buf.Bytes())
		buf.Reset()
		return b
	}
	chunk := bytes.Repeat(unit, (1<<20)/max(len(unit), 1))
	fw.Write(prefix)
	fw.Write(chunk)
	d := deflated{head: flush(), size: int64(len(prefix) + len(chunk) + len(suffix))}
	if len(chunk) > 0 && size > d.size {
		fw.Write(chunk)
		d.chunk = flush()
		d.repeats = (size - d.size + int64(len(chunk)) - 1) / int64(len(chunk))
		d.size += d.repeats * int64(len(chunk))
	}
	fw.Write(suffix)
	fw.Close()
	d.tail = bytes.Clone(buf.Bytes())
	return d
}

func (d deflated) compressedSize() int64 {
	return int64(len(d.head)+len(d.tail)) + d.repeats*int64(len(d.chunk))
}

func (d deflated) writeTo(w io.Writer) error {
	if _, err := w.Write(d.head); err != nil {
		return err
	}
	for range d.repeats {
		if _, err := w.Write(d.chunk); err != nil {
			return err
		}
	}
	_, err := w.Write(d.tail)
	return err
}

// zipEntry is a file of a hostile ZIP: data as it is, or a bomb written
// raw with the size its header declares (0: the true one). A bomb's CRC
// is left 0: cmocoder must refuse it long before the end, where the CRC
// is checked.
type zipEntry struct {
	name     string
	data     string
	bomb     *deflated
	declared int64
}

func writeBombZip(t *testing.T, path string, entries ...zipEntry) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	zw := zip.NewWriter(bw)
	for _, e := range entries {
		if e.bomb == nil {
			w, err := zw.Create(e.name)
			if err == nil {
				_, err = io.WriteString(w, e.data)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		size := e.declared
		if size == 0 {
			size = e.bomb.size
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate,
			CompressedSize64: uint64(e.bomb.compressedSize()), UncompressedSize64: uint64(size)})
		if err == nil {
			err = e.bomb.writeTo(w)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
}

// writeBombPDF writes a PDF of pages pages sharing one content stream
// that inflates to size bytes of path operators (its Adler-32 is left 0,
// as PDFium must give up long before the end).
func writeBombPDF(t *testing.T, path string, pages int, size int64) {
	t.Helper()
	d := deflateRepeated(nil, []byte("0 0 m 1 1 l\n"), nil, size)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	var offsets []int64
	pos := int64(0)
	put := func(s string) {
		n, _ := w.WriteString(s)
		pos += int64(n)
	}
	object := func(s string) {
		offsets = append(offsets, pos)
		put(s)
	}
	put("%PDF-1.4\n")
	object("1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n")
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf("%d 0 R ", 4+i)
	}
	object(fmt.Sprintf("2 0 obj <</Type/Pages/Kids[%s]/Count %d>> endobj\n", kids, pages))
	zlibHead, adler := "\x78\xda", "\x00\x00\x00\x00"
	object(fmt.Sprintf("3 0 obj <</Length %d/Filter/FlateDecode>>\nstream\n%s", int64(len(zlibHead)+len(adler))+d.compressedSize(), zlibHead))
	if err := d.writeTo(w); err != nil {
		t.Fatal(err)
	}
	pos += d.compressedSize()
	put(adler + "\nendstream\nendobj\n")
	for i := range pages {
		object(fmt.Sprintf("%d 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 3 0 R>> endobj\n", 4+i))
	}
	xref := pos
	put(fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1))
	for _, o := range offsets {
		put(fmt.Sprintf("%010d 00000 n \n", o))
	}
	put(fmt.Sprintf("trailer <</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

// hostileRun is what one run of the binary on a hostile input did.
type hostileRun struct {
	result
	maxRSS int64 // bytes
}

// runHostile runs the binary within 60 s, under an address-space limit of
// asLimit bytes when it is not 0 (ulimit -v), and measures its peak
// resident memory.
func runHostile(t *testing.T, asLimit int64, args ...string) hostileRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	if asLimit > 0 {
		cmd = exec.CommandContext(ctx, "bash", append([]string{"-c", `ulimit -v "$0" && exec "$@"`, fmt.Sprint(asLimit >> 10), bin}, args...)...)
	}
	r := hostileRun{result: runCmd(t, cmd, args)}
	if ctx.Err() != nil {
		t.Fatalf("cmocoder %v: still running after 60 s", args)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // KiB on Linux
	}
	return r
}

const (
	hostileMemory  = 1 << 30 // the most any run may hold
	hostileASLimit = 2 << 30 // the address-space limit of the second run
)

// checkHostile runs args twice, as they are and under the address-space
// limit, and checks what each run did: want is its one line on stderr,
// with any page number where it says "page N".
func checkHostile(t *testing.T, project, want string, args ...string) {
	t.Helper()
	line := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(want), "page N", `page \d+`) + "\n$")
	before := fileSum(t, project)
	for _, limit := range []int64{0, hostileASLimit} {
		r := runHostile(t, limit, args...)
		what := "cmocoder " + strings.Join(args[:1], " ")
		if limit > 0 {
			what += fmt.Sprintf(" (ulimit -v %d MB)", limit>>20)
		}
		if r.code != 1 || !line.MatchString(r.stderr) {
			t.Errorf("%s: exit %d, stderr:\n%.2000s\nwant exit 1 and:\n%s", what, r.code, r.stderr, want)
		}
		if r.maxRSS >= hostileMemory {
			t.Errorf("%s: peak memory %d MB, want under %d MB", what, r.maxRSS>>20, hostileMemory>>20)
		}
		t.Logf("%s: peak memory %d MB", what, r.maxRSS>>20)
		if fileSum(t, project) != before {
			t.Errorf("%s: the project changed", what)
		}
	}
}

const hostileGUID = "a0000000-0000-0000-0000-00000000000%d"

// TestHostileQdpx: ZIP bombs and huge values in a .qdpx are refused by
// `import` before anything goes in.
func TestHostileQdpx(t *testing.T) {
	const gb = 1 << 30
	textSources := `<Project name="p" origin="Tool"><Sources>`
	for i := 1; i <= 3; i++ {
		textSources += fmt.Sprintf(`<TextSource guid="`+hostileGUID+`" name="t%d" plainTextPath="internal://t%d.txt"/>`, i, i, i)
	}
	textSources += `</Sources></Project>`
	codeHead := `<Project name="p" origin="Tool"><CodeBook><Codes><Code guid="` + fmt.Sprintf(hostileGUID, 1) + `" name="`
	code := func(name, description string) string {
		return codeHead + name + `" isCodable="true"><Description>` + description + `</Description></Code></Codes></CodeBook></Project>`
	}
	bomb := func(prefix, unit, suffix string, size int64) *deflated {
		d := deflateRepeated([]byte(prefix), []byte(unit), []byte(suffix), size)
		return &d
	}
	for _, c := range []struct {
		name    string
		entries []zipEntry
		want    string // after "cmocoder: import: FILE: "
	}{
		{"a project document inflating to 4 GB", []zipEntry{{name: "project.qde", bomb: bomb(`<Project name="p"><Description>`, "a", "", 4*gb)}},
			`entry "project.qde" inflates past 512 MB: refused as a possible zip bomb`},
		{"a project document inflating to 4 GB past the 1 KB its header declares", []zipEntry{
			{name: "project.qde", bomb: bomb(`<Project name="p"><Description>`, "a", "", 4*gb), declared: 1 << 10}},
			`entry "project.qde" inflates past the size its header declares: refused as a possible zip bomb`},
		{"a project document inflating 1000-fold to 400 MB", []zipEntry{{name: "project.qde", bomb: bomb(`<Project name="p"><Description>`, "a", "", 400<<20)}},
			`entry "project.qde" inflates more than 100-fold past 64 MB: refused as a possible zip bomb`},
		{"a text source inflating to 4 GB after two that are fine", []zipEntry{{name: "project.qde", data: textSources},
			{name: "sources/t1.txt", data: "The first text."}, {name: "sources/t2.txt", data: "The second text."},
			{name: "sources/t3.txt", bomb: bomb("", "a", "", 4*gb)}},
			`entry "sources/t3.txt" inflates past 256 MB: refused as a possible zip bomb`},
		{"a text source inflating to 4 GB past the 1 KB its header declares, after two that are fine", []zipEntry{{name: "project.qde", data: textSources},
			{name: "sources/t1.txt", data: "The first text."}, {name: "sources/t2.txt", data: "The second text."},
			{name: "sources/t3.txt", bomb: bomb("", "a", "", 4*gb), declared: 1 << 10}},
			`entry "sources/t3.txt" inflates past the size its header declares: refused as a possible zip bomb`},
		{"a label name of 300 MB", []zipEntry{{name: "project.qde", bomb: bomb(codeHead, "n", strings.TrimPrefix(code("", ""), codeHead), 300<<20)}},
			`entry "project.qde" inflates more than 100-fold past 64 MB: refused as a possible zip bomb`},
		{"a label name of 1,001 characters", []zipEntry{{name: "project.qde", data: code(strings.Repeat("n", 1001), "")}},
			`project.qde: line 1: the name of <Code> is longer than 1,000 characters, the most a name may have: refused`},
		{"a label memo of 5 MB", []zipEntry{{name: "project.qde", data: code("Barriers", strings.Repeat("memo ", 1<<20))}},
			`project.qde: line 1: <Description> holds more than 1 MB, the most a memo or value may hold: refused`},
		{"a note's memo file of 5 MB", []zipEntry{{name: "project.qde",
			data: `<Project name="p" origin="Tool"><Notes><Note guid="` + fmt.Sprintf(hostileGUID, 1) + `" name="Memo" plainTextPath="internal://memo.txt"/></Notes></Project>`},
			{name: "sources/memo.txt", data: strings.Repeat("memo ", 1<<20)}},
			`entry "sources/memo.txt", the memo of note "Memo", holds more than 1 MB, the most a memo may hold: refused`},
	} {
		t.Run(c.name, func(t *testing.T) {
			project := newProject(t)
			file := filepath.Join(t.TempDir(), "bomb.qdpx")
			writeBombZip(t, file, c.entries...)
			checkHostile(t, project, "cmocoder: import: bomb.qdpx: "+c.want, "import", project, file)
		})
	}
}

// TestHostilePDF: a PDF whose content stream inflates to 1.5 GB fails on
// its page for want of memory, in `add` and in `extract`, within the
// bound and without a runtime crash under an address-space limit; so does
// one of eight such pages, read by several workers at once.
func TestHostilePDF(t *testing.T) {
	for _, pages := range []int{1, 8} {
		project := newProject(t)
		file := filepath.Join(t.TempDir(), "bomb.pdf")
		writeBombPDF(t, file, pages, 1536<<20)
		for _, verb := range []string{"add", "extract"} {
			t.Run(fmt.Sprintf("%s %d pages", verb, pages), func(t *testing.T) {
				args := []string{verb, project, file}
				if verb == "extract" {
					args = []string{verb, file}
				}
				checkHostile(t, project, "cmocoder: "+verb+": bomb.pdf: page N needs more memory than allowed (512 MB)", args...)
			})
		}
	}
}

// TestHostileDocx: a .docx whose document inflates past the 100 MB a
// member may hold, or like a ZIP bomb within it (95 MB of text from
// 150 KB: laying it out drove `add` past 6 GB), or to more text than a
// document may have (40 MB from 60 KB took 4.5 GB), is refused by `add`
// and `extract`.
func TestHostileDocx(t *testing.T) {
	const types = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="xml" ContentType="application/xml"/></Types>`
	const head = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:body><w:p><w:r><w:t>`
	const tail = `</w:t></w:r></w:p></w:body></w:document>`
	for _, c := range []struct {
		name string
		size int64
		want string // after "cmocoder: VERB: bomb.docx: "
	}{
		{"a document of 4 GB", 4 << 30, "too large: word/document.xml unpacks to more than 100 MB"},
		{"a document of 95 MB from 150 KB", 95 << 20, `entry "word/document.xml" inflates more than 100-fold past 64 MB: refused as a possible zip bomb`},
		{"a document of 40 MB from 60 KB", 40 << 20, "too long: more than 8 million characters of text, the most a document may have"},
	} {
		t.Run(c.name, func(t *testing.T) {
			project := newProject(t)
			file := filepath.Join(t.TempDir(), "bomb.docx")
			d := deflateRepeated([]byte(head), []byte("word "), []byte(tail), c.size)
			writeBombZip(t, file, zipEntry{name: "[Content_Types].xml", data: types}, zipEntry{name: "word/document.xml", bomb: &d})
			checkHostile(t, project, "cmocoder: add: bomb.docx: "+c.want, "add", project, file)
			checkHostile(t, project, "cmocoder: extract: bomb.docx: "+c.want, "extract", file)
		})
	}
}

// TestHostileLargeFiles: a PDF over the 256 MB cmocoder reads, or a bare
// project document over the 512 MB a .qdpx's may inflate to, is refused
// before it is read (sparse files: they take no room on disk).
func TestHostileLargeFiles(t *testing.T) {
	sparse := func(name, head string, size int64) string {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(head), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
		return path
	}
	project := newProject(t)
	pdf := sparse("big.pdf", "%PDF-1.4\n", 300<<20)
	qde := sparse("big.qde", `<Project name="p">`, 600<<20)
	checkHostile(t, project, "cmocoder: add: big.pdf: too large: 300 MB; PDFs over 256 MB are not read", "add", project, pdf)
	checkHostile(t, project, "cmocoder: extract: big.pdf: too large: 300 MB; PDFs over 256 MB are not read", "extract", pdf)
	checkHostile(t, project, "cmocoder: import: big.qde: too large: 600 MB; project documents and codebooks over 512 MB are not read", "import", project, qde)
}

// TestAddressSpaceLimit: under `ulimit -v` of 2 GB ordinary work goes
// through (a text of 7.9 million characters, the most a document may have
// but a little, took the Go runtime down with a stack dump there).
func TestAddressSpaceLimit(t *testing.T) {
	project := newProject(t)
	file := filepath.Join(t.TempDir(), "long.txt")
	line := strings.Repeat("word ", 14) + "\n"
	if err := os.WriteFile(file, []byte(strings.Repeat(line, 7_900_000/len(line))), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runHostile(t, hostileASLimit, "add", project, file)
	if r.code != 0 || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("add under ulimit -v %d MB: exit %d, stderr:\n%.1500s", hostileASLimit>>20, r.code, r.stderr)
	}
	t.Logf("peak memory %d MB", r.maxRSS>>20)
}

// sparseWriter writes runs of zeros as holes (a seek), so that a ZIP
// holding gigabytes of nothing takes no room on disk.
type sparseWriter struct{ f *os.File }

func (w sparseWriter) Write(p []byte) (int, error) {
	if len(p) >= 4096 && bytes.Count(p, []byte{0}) == len(p) {
		_, err := w.f.Seek(int64(len(p)), io.SeekCurrent)
		return len(p), err
	}
	return w.f.Write(p)
}

// TestHostileLargeQdpx: a .qdpx of 3 GB (a file stored in it, of nothing)
// is read as it is needed, not into memory whole, and what it holds is
// imported within the bound.
func TestHostileLargeQdpx(t *testing.T) {
	file := filepath.Join(t.TempDir(), "large.qdpx")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(sparseWriter{f})
	w, err := zw.Create("project.qde")
	if err == nil {
		_, err = io.WriteString(w, `<Project name="p" origin="Tool"><CodeBook><Codes><Code guid="`+fmt.Sprintf(hostileGUID, 1)+`" name="Barriers" isCodable="true"/></Codes></CodeBook></Project>`)
	}
	if err == nil {
		w, err = zw.CreateRaw(&zip.FileHeader{Name: "sources/video.mp4", Method: zip.Store, CompressedSize64: 3 << 30, UncompressedSize64: 3 << 30})
	}
	zeros := make([]byte, 1<<20)
	for i := 0; err == nil && i < 3<<10; i++ {
		_, err = w.Write(zeros)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	project := newProject(t)
	r := runHostile(t, 0, "import", project, file)
	if r.code != 0 || !strings.Contains(r.stdout, "1 label") {
		t.Errorf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r.maxRSS >= hostileMemory {
		t.Errorf("import: peak memory %d MB, want under %d MB", r.maxRSS>>20, hostileMemory>>20)
	}
	t.Logf("import: peak memory %d MB", r.maxRSS>>20)
}
