package textdoc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ReadText reads a plain-text file: UTF-8 with or without a byte-order
// mark, UTF-16 with one (or without one, when every other byte is NUL as
// in ASCII text), and Windows-1252 when the bytes are not UTF-8, as
// Windows editors wrote them for decades. CRLF and CR become LF. Each line
// is a block; blank lines stay, since they are the file's own layout, and
// a form feed is a page break. Bytes that are no text (NULs, many control
// characters) are refused as "not a text file".
func ReadText(data []byte) (*Doc, error) {
	s, enc, err := decodePlain(data)
	if err != nil {
		return nil, err
	}
	d := PlainDoc(s)
	d.Encoding = enc
	return d, nil
}

// decodePlain decodes a plain-text file (or Markdown) and refuses what is
// too large or not text. It gives the text and the encoding's name.
func decodePlain(data []byte) (string, string, error) {
	if err := checkSize(data); err != nil {
		return "", "", err
	}
	s, enc, err := decodeText(data)
	if err != nil {
		return "", "", err
	}
	if err := checkText(s); err != nil {
		return "", "", err
	}
	return s, enc, nil
}

// PlainDoc makes a document of text that is already decoded (a REFI-QDA
// text source, say): CRLF and CR become LF, each line is a block, control
// characters other than tab, line feed and form feed become U+FFFD.
func PlainDoc(s string) *Doc {
	d := &Doc{Format: Plain, Encoding: "UTF-8", LineEnding: lineEnding(s)}
	s = normaliseLines(s)
	lines := strings.Split(s, "\n")
	d.Blocks = make([]Block, len(lines))
	for i, line := range lines {
		d.Blocks[i] = Block{Text: cleanPlain(line)}
	}
	return d
}

// decodeText finds the encoding of a plain-text file and decodes it.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD"), "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeUTF16(data[2:], false), "UTF-16LE with BOM", nil
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data[2:], true), "UTF-16BE with BOM", nil
	}
	if be, ok := bomlessUTF16(data); ok {
		name := "UTF-16LE"
		if be {
			name = "UTF-16BE"
		}
		return decodeUTF16(data, be), name, nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", "", notText(i)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", newError(ErrNotText, err, "not a text file: cannot decode it as Windows-1252")
	}
	return string(s), "Windows-1252", nil
}

func notText(at int) error {
	return newError(ErrNotText, nil, "not a text file: binary bytes at byte %d", at)
}

// bomlessUTF16 tells UTF-16 text without a byte-order mark by its NULs:
// mostly Latin text has a NUL in every other byte and in no other.
func bomlessUTF16(data []byte) (bigEndian, ok bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var evenNUL, oddNUL int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenNUL++
		}
		if data[i+1] == 0 {
			oddNUL++
		}
	}
	half := n / 2
	switch {
	case oddNUL*10 >= half*9 && evenNUL == 0:
		return false, true
	case evenNUL*10 >= half*9 && oddNUL == 0:
		return true, true
	}
	return false, false
}

// decodeUTF16 decodes UTF-16 without its byte-order mark; a lone
// surrogate or a half code unit at the end becomes U+FFFD.
func decodeUTF16(b []byte, bigEndian bool) string {
	order := unicode.LittleEndian
	if bigEndian {
		order = unicode.BigEndian
	}
	s, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(b)
	if err != nil { // the decoder replaces what it cannot read
		return strings.ToValidUTF8(string(s), "\uFFFD")
	}
	return string(s)
}

// checkText refuses decoded text that is not text: a NUL, or more than one
// control character in a hundred (tab, line breaks, form feed and the
// DOS end-of-file mark excepted).
func checkText(s string) error {
	bad, n := 0, 0
	for i, r := range s {
		n++
		switch {
		case r == 0:
			return notText(i)
		case r < 0x20 && !strings.ContainsRune("\t\n\r\f\v\x1a\x1b", r):
			bad++
			if bad > 8 && bad*100 > n {
				return newError(ErrNotText, nil, "not a text file: control characters (binary bytes) by byte %d", i)
			}
		}
	}
	if bad > 8 && bad*100 > n {
		return newError(ErrNotText, nil, "not a text file: %d control characters (binary bytes)", bad)
	}
	return nil
}

// lineEnding names the line-ending convention of s.
func lineEnding(s string) string {
	crlf := strings.Count(s, "\r\n")
	cr := strings.Count(s, "\r") - crlf
	lf := strings.Count(s, "\n") - crlf
	kinds := 0
	name := ""
	for _, k := range []struct {
		n    int
		name string
	}{{crlf, "CRLF"}, {lf, "LF"}, {cr, "CR"}} {
		if k.n > 0 {
			kinds++
			name = k.name
		}
	}
	if kinds > 1 {
		return "mixed"
	}
	return name
}

// normaliseLines turns CRLF and CR into LF.
func normaliseLines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// cleanPlain is cleanRunes keeping the form feed, a plain text's page
// break, and dropping the DOS end-of-file mark.
func cleanPlain(line string) string {
	if !strings.ContainsRune(line, '\f') {
		return cleanRunes(strings.ReplaceAll(line, "\x1a", ""))
	}
	parts := strings.Split(line, "\f")
	for i, p := range parts {
		parts[i] = cleanPlain(p)
	}
	return strings.Join(parts, "\f")
}

// String is a one-line description, for a log or a warning.
func (d *Doc) String() string {
	return fmt.Sprintf("%s (%s, %s line endings): %d blocks", d.Format, d.Encoding, d.LineEnding, len(d.Blocks))
}
