package textdoc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b []byte
	if bom {
		if bigEndian {
			b = append(b, 0xfe, 0xff)
		} else {
			b = append(b, 0xff, 0xfe)
		}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestReadText(t *testing.T) {
	const want = "Interviewer: How did the programme start?\nP3: We met – every week, at the café.\n\nEnd."
	crlf := strings.ReplaceAll(want, "\n", "\r\n")
	tests := []struct {
		name     string
		data     []byte
		text     string
		encoding string
		ending   string
	}{
		{"utf-8", []byte(want), want, "UTF-8", "LF"},
		{"utf-8 bom crlf", append([]byte{0xef, 0xbb, 0xbf}, crlf...), want, "UTF-8 with BOM", "CRLF"},
		{"cr", []byte(strings.ReplaceAll(want, "\n", "\r")), want, "UTF-8", "CR"},
		{"mixed", []byte("a\r\nb\nc\rd"), "a\nb\nc\nd", "UTF-8", "mixed"},
		{"utf-16le bom", utf16Bytes(crlf, false, true), want, "UTF-16LE with BOM", "CRLF"},
		{"utf-16be bom", utf16Bytes(want, true, true), want, "UTF-16BE with BOM", "LF"},
		{"utf-16le no bom", utf16Bytes("plain ascii text\nline two", false, false), "plain ascii text\nline two", "UTF-16LE", "LF"},
		{"astral utf-16", utf16Bytes("emoji 😀 here", false, true), "emoji 😀 here", "UTF-16LE with BOM", ""},
		{"cp1252", []byte("caf\xe9 \x93quoted\x94 \x96 dash\r\n"), "café “quoted” – dash\n", "Windows-1252", "CRLF"},
		{"one line", []byte("just this"), "just this", "UTF-8", ""},
		{"form feed kept", []byte("page one\fpage two"), "page one\fpage two", "UTF-8", ""},
		{"trailing newline kept", []byte("a\n"), "a\n", "UTF-8", "LF"},
		{"stray control", []byte("a\x07b"), "a\uFFFDb", "UTF-8", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read("notes.txt", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Text(); got != tc.text {
				t.Errorf("text %q, want %q", got, tc.text)
			}
			if d.Encoding != tc.encoding || d.LineEnding != tc.ending {
				t.Errorf("encoding %q, line ending %q; want %q, %q", d.Encoding, d.LineEnding, tc.encoding, tc.ending)
			}
		})
	}
}

// TestReadBad: what is not a text document is refused with one line that
// says what.
func TestReadBad(t *testing.T) {
	binary := make([]byte, 2000)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	controls := bytes.Repeat([]byte("ab\x01\x02\x03\x04"), 100)
	tests := []struct {
		name, file string
		data       []byte
		kind       error
		msg        string
	}{
		{"binary as txt", "data.txt", binary, ErrNotText, "not a text file: binary bytes at byte 0"},
		{"controls as txt", "data.txt", controls, ErrNotText, "not a text file: control characters (binary bytes) by byte "},
		{"too large", "big.html", make([]byte, MaxInput+1), ErrTooLarge, "larger than 50 MB"},
		{"too large txt", "big.txt", bytes.Repeat([]byte("a"), MaxInput+1), ErrTooLarge, "larger than 50 MB"},
		{"docx not a zip", "report.docx", []byte("this is not a zip"), ErrNotText, "not a .docx file: not a zip archive"},
		{"odt not a zip", "report.odt", []byte("this is not a zip"), ErrNotText, "not an .odt file: not a zip archive"},
		{"old word", "dir/Interview.DOC", []byte("\xd0\xcf\x11\xe0"), ErrNotText, `not readable: "Interview.DOC" is an old Word file (.doc); save it as .docx`},
		{"unknown extension", "x.pdf", []byte("%PDF-1.4"), ErrNotText, `not a text document: "x.pdf" has no known extension`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.file, tc.data)
			if err == nil {
				t.Fatal("read without error")
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %v is not %v", err, tc.kind)
			}
			if !strings.HasPrefix(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line starting %q", err, tc.msg)
			}
		})
	}
}
