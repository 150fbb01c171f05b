package textdoc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedFiles adds the test files with the given extension to a fuzz corpus.
func seedFiles(f *testing.F, ext string, add func(data []byte)) {
	files, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

// checkRead asserts what every reader promises: an error is one line of a
// known kind; a document's text is valid, without '\r' or stray control
// characters, and lays out with every invariant kept.
func checkRead(t *testing.T, d *Doc, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrNotText) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrDamaged) {
			t.Fatalf("error of no known kind: %v", err)
		}
		if strings.Contains(err.Error(), "\n") || err.Error() == "" {
			t.Fatalf("error not one line: %q", err)
		}
		return
	}
	for _, b := range d.Blocks {
		if !utf8.ValidString(b.Text) {
			t.Fatalf("invalid UTF-8 in %q", b.Text)
		}
		for _, r := range b.Text {
			if r == '\f' && d.Format == Plain {
				continue
			}
			if badRune(r) {
				t.Fatalf("%U in the text of a %s block: %q", r, b.Kind, b.Text)
			}
		}
	}
	if text := d.Text(); len(text) < 50_000 {
		checkLayout(t, d, Lay(d))
	}
}

// fuzzReader fuzzes read with the test files of extension ext and seeds
// as its corpus: checkRead says what must hold.
func fuzzReader(f *testing.F, ext string, read func([]byte) (*Doc, error), seeds ...[]byte) {
	seedFiles(f, ext, func(b []byte) { f.Add(b) })
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := read(data)
		checkRead(t, d, err)
	})
}

func FuzzReadText(f *testing.F) {
	fuzzReader(f, ".txt", ReadText, utf16Bytes("Interviewer: hi\r\nP1: ok", false, true), []byte("caf\xe9\r\n\x0cnext page\ttab"))
}

func FuzzReadHTML(f *testing.F) {
	fuzzReader(f, ".html", ReadHTML, []byte(`<meta charset="windows-1251"><ol><li>\xcf<pre> a  b</pre><td>x<br>y`))
}

func FuzzReadMarkdown(f *testing.F) {
	fuzzReader(f, ".md", ReadMarkdown, []byte("> - 1. *a* `b`\n>   | x |\n>   |---|\n>   | y |\n\n    code\n"))
}

func FuzzReadRTF(f *testing.F) {
	fuzzReader(f, ".rtf", ReadRTF, []byte(`{\rtf1\ansi\ansicpg932{\*\x y}\u-10179\u-8704?\'82\'a0\bin2 xy\intbl a\cell\row}`))
}

// FuzzReadDOCX fuzzes whole archives and, since a mutated zip mostly
// fails its checksum, document.xml wrapped in a good one.
func FuzzReadDOCX(f *testing.F) {
	seedFiles(f, ".docx", func(b []byte) { f.Add(b, []byte(nil)) })
	f.Add([]byte(nil), []byte(`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>a</w:t><w:tab/><w:sym w:char="F04A"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, archive, body []byte) {
		d, err := ReadDOCX(archive)
		checkRead(t, d, err)
		d, err = ReadDOCX(docxOf(t, string(body)))
		checkRead(t, d, err)
	})
}

func FuzzReadODT(f *testing.F) {
	seedFiles(f, ".odt", func(b []byte) { f.Add(b, []byte(nil)) })
	f.Add([]byte(nil), []byte(`<text:h text:outline-level="12">h</text:h><text:list><text:list-item><text:number>1</text:number><text:p>a<text:s text:c="99999"/>b</text:p></text:list-item></text:list>`))
	f.Fuzz(func(t *testing.T, archive, body []byte) {
		d, err := ReadODT(archive)
		checkRead(t, d, err)
		d, err = ReadODT(odtOf(t, string(body)))
		checkRead(t, d, err)
	})
}
