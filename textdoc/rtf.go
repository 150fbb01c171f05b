package textdoc

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// ReadRTF reads an RTF file's text with a small reader of its own: there is
// no well-kept Go RTF library, and the text needs only part of the format.
// It follows groups and control words; \par, \line, \tab and \cell; \'hh
// bytes in the \ansicpg code page; \uN characters, skipping the \ucN
// fallback characters after them; list paragraphs (\ls, \ilvl, the
// \listtext marker) and headings (\outlinelevel). Destinations that are no
// text (\fonttbl, \colortbl, \stylesheet, \info but its \title, \pict,
// headers, footers, footnotes and every \*\ destination) are skipped, and
// \binN data jumped over.
func ReadRTF(data []byte) (*Doc, error) {
	if err := checkSize(data); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(`{\rtf`)) {
		return nil, newError(ErrNotText, nil, `not an RTF file: it does not start with {\rtf`)
	}
	r := &rtfReader{data: data, enc: charmap.Windows1252, encName: "Windows-1252"}
	r.stack = []rtfState{{uc: 1, outline: -1}}
	if err := r.read(); err != nil {
		return nil, err
	}
	r.endPara(false)
	return &Doc{Format: RTF, Encoding: r.encName, Title: strings.Join(strings.Fields(r.title.String()), " "),
		Blocks: r.out.blocks, Spaced: true}, nil
}

// rtfDest is where a group's text goes.
type rtfDest uint8

const (
	destText   rtfDest = iota
	destSkip           // not shown
	destInfo           // document information: only its title is kept
	destTitle          // the document's title
	destMarker         // a list item's marker (\listtext)
)

// rtfState is the state RTF scopes to a group.
type rtfState struct {
	dest    rtfDest
	uc      int // fallback characters after \uN
	outline int // \outlinelevel, -1 for none
	intbl   bool
	list    bool
	ilvl    int
	// uprDest is where text went outside a \upr group, whose \*\ud
	// destination holds the Unicode twin of its ANSI text.
	uprDest rtfDest
}

type rtfReader struct {
	data    []byte
	pos     int
	stack   []rtfState
	enc     encoding.Encoding
	encName string
	raw     []byte // bytes waiting to be decoded in the code page
	skip    int    // fallback characters still to skip
	high    rune   // a high surrogate waiting for its low half
	para    strings.Builder
	marker  strings.Builder
	title   strings.Builder
	out     blockList
	star    bool // \* seen: the next control word's group is skipped
}

func (r *rtfReader) st() *rtfState { return &r.stack[len(r.stack)-1] }

func (r *rtfReader) read() error {
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		r.pos++
		switch c {
		case '{':
			r.flushRaw()
			if len(r.stack) >= maxDepth {
				return newError(ErrDamaged, nil, "not a readable RTF file: groups nested deeper than %d at byte %d", maxDepth, r.pos-1)
			}
			r.stack = append(r.stack, *r.st())
			r.skip = 0
		case '}':
			r.flushRaw()
			if len(r.stack) > 1 {
				r.stack = r.stack[:len(r.stack)-1]
			}
			r.skip, r.star = 0, false
		case '\\':
			r.control()
		case '\r', '\n':
		default:
			r.byteChar(c)
		}
	}
	r.flushRaw()
	return nil
}

// byteChar takes a byte of text (literal or \'hh) in the code page.
func (r *rtfReader) byteChar(c byte) {
	if r.skip > 0 {
		r.skip--
		return
	}
	r.raw = append(r.raw, c)
}

// flushRaw decodes the bytes waiting in the code page.
func (r *rtfReader) flushRaw() {
	if len(r.raw) == 0 {
		return
	}
	s, err := r.enc.NewDecoder().Bytes(r.raw)
	if err != nil {
		s = bytes.ToValidUTF8(r.raw, []byte("\uFFFD"))
	}
	r.raw = r.raw[:0]
	r.text(string(s))
}

// text adds decoded text where the group's destination says.
func (r *rtfReader) text(s string) {
	if r.high != 0 {
		s = "\uFFFD" + s // a high surrogate without its low half
		r.high = 0
	}
	switch r.st().dest {
	case destText:
		r.para.WriteString(s)
	case destTitle:
		r.title.WriteString(s)
	case destMarker:
		r.marker.WriteString(s)
	}
}

// control reads a control word or symbol after its backslash.
func (r *rtfReader) control() {
	if r.pos >= len(r.data) {
		return
	}
	c := r.data[r.pos]
	if !isLetter(c) {
		r.pos++
		r.symbol(c)
		return
	}
	start := r.pos
	for r.pos < len(r.data) && isLetter(r.data[r.pos]) && r.pos-start < 32 {
		r.pos++
	}
	word := string(r.data[start:r.pos])
	num, hasNum := 0, false
	ns := r.pos
	if r.pos < len(r.data) && r.data[r.pos] == '-' {
		r.pos++
	}
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' && r.pos-ns < 11 {
		r.pos++
	}
	if n, err := strconv.Atoi(string(r.data[ns:r.pos])); err == nil {
		num, hasNum = n, true
	} else {
		r.pos = ns
	}
	if r.pos < len(r.data) && r.data[r.pos] == ' ' {
		r.pos++
	}
	r.word(word, num, hasNum)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// symbol handles a control symbol: \'hh, \\, \{, \}, \~, \-, \_, \*.
func (r *rtfReader) symbol(c byte) {
	switch c {
	case '\'':
		if r.pos+2 <= len(r.data) {
			if b, err := strconv.ParseUint(string(r.data[r.pos:r.pos+2]), 16, 8); err == nil {
				r.pos += 2
				r.byteChar(byte(b))
			}
		}
		return
	case '*':
		r.star = true
		return
	case '\r', '\n':
		r.flushRaw()
		r.endPara(false)
		return
	}
	if r.skip > 0 {
		r.skip--
		return
	}
	r.flushRaw()
	switch c {
	case '\\', '{', '}':
		r.text(string(c))
	case '~':
		r.text(" ")
	case '_':
		r.text("-")
	}
}

// rtfSkipped destinations hold no text the reader sees.
var rtfSkipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "pict": true, "object": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true,
	"footerl": true, "footerr": true, "footerf": true, "footnote": true, "annotation": true,
	"listtable": true, "listoverridetable": true, "pntext": true, "pntxta": true, "pntxtb": true,
	"rsidtbl": true, "themedata": true, "colorschememapping": true, "datastore": true,
	"latentstyles": true, "xmlnstbl": true, "fldinst": true, "revtbl": true, "filetbl": true,
	"generator": true, "nonshppict": true, "shpinst": true, "pgdsctbl": true, "userprops": true,
	"ftnsep": true, "ftnsepc": true, "aftnsep": true, "aftnsepc": true, "template": true,
	"fchars": true, "lchars": true, "author": true, "operator": true, "keywords": true,
	"subject": true, "doccomm": true, "comment": true, "company": true, "atnid": true,
	"atnauthor": true, "bkmkstart": true, "bkmkend": true,
}

// rtfChars are control words that stand for a character.
var rtfChars = map[string]string{
	"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“",
	"rdblquote": "”", "bullet": "•", "emspace": " ", "enspace": " ", "qmspace": " ", "tab": "\t",
	"line": "\n", "zwj": "", "zwnj": "",
}

func (r *rtfReader) word(word string, num int, hasNum bool) {
	st := r.st()
	if r.star {
		r.star = false
		if word != "ud" {
			r.flushRaw()
			st.dest = destSkip
			return
		}
	}
	if s, ok := rtfChars[word]; ok {
		if r.skip > 0 {
			r.skip--
			return
		}
		r.flushRaw()
		r.text(s)
		return
	}
	if word == "bin" && hasNum && num > 0 {
		r.pos = min(r.pos+num, len(r.data)) // binary data: jumped over
		return
	}
	r.flushRaw()
	switch {
	case rtfSkipped[word]:
		st.dest = destSkip
	case word == "upr":
		st.uprDest, st.dest = st.dest, destSkip
	case word == "ud":
		st.dest = st.uprDest
	case word == "info":
		st.dest = destInfo
	case word == "title" && st.dest == destInfo:
		st.dest = destTitle
	case word == "listtext":
		st.dest = destMarker
		r.marker.Reset()
	case word == "u" && hasNum:
		r.unicode(num)
		r.skip = st.uc
	case word == "uc" && hasNum:
		st.uc = max(num, 0)
	case word == "par" || word == "sect" || word == "page":
		r.endPara(false)
	case word == "cell" || word == "nestcell":
		r.endPara(true)
	case word == "pard":
		st.outline, st.intbl, st.list, st.ilvl = -1, false, false, 0
	case word == "outlinelevel" && hasNum && num >= 0 && num < 9:
		st.outline = num
	case word == "intbl":
		st.intbl = true
	case word == "ls":
		st.list = true
	case word == "ilvl" && hasNum && num >= 0 && num < 9:
		st.ilvl = num
	case word == "ansicpg" && hasNum:
		r.codePage(num)
	case word == "mac":
		r.enc, r.encName = charmap.Macintosh, "Macintosh"
	case word == "pc":
		r.enc, r.encName = charmap.CodePage437, "IBM437"
	case word == "pca":
		r.enc, r.encName = charmap.CodePage850, "IBM850"
	}
}

// unicode adds a \uN character (N is a signed 16-bit number), joining
// surrogate halves.
func (r *rtfReader) unicode(n int) {
	if n < 0 {
		n += 65536
	}
	c := rune(n)
	switch {
	case utf16.IsSurrogate(c) && c < 0xdc00:
		if r.high != 0 {
			r.text("") // the earlier high half alone: U+FFFD
		}
		r.high = c
		return
	case utf16.IsSurrogate(c):
		if r.high == 0 {
			r.text("\uFFFD")
			return
		}
		c = utf16.DecodeRune(r.high, c)
		r.high = 0
	}
	r.text(string(c))
}

// codePage chooses the decoder for \'hh and literal bytes.
func (r *rtfReader) codePage(cp int) {
	encs := map[int]encoding.Encoding{
		437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852,
		866: charmap.CodePage866, 874: charmap.Windows874, 1250: charmap.Windows1250,
		1251: charmap.Windows1251, 1252: charmap.Windows1252, 1253: charmap.Windows1253,
		1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256,
		1257: charmap.Windows1257, 1258: charmap.Windows1258, 10000: charmap.Macintosh,
		932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR, 950: traditionalchinese.Big5,
	}
	if e, ok := encs[cp]; ok {
		r.enc = e
		r.encName = "code page " + strconv.Itoa(cp)
		if cp == 1252 {
			r.encName = "Windows-1252"
		}
	}
}

// endPara ends the paragraph (or table cell) being read.
func (r *rtfReader) endPara(cell bool) {
	st := r.st()
	b := Block{Text: cleanRunes(r.para.String())}
	switch {
	case cell || st.intbl:
		b.Kind = TableCell
	case st.outline >= 0:
		b.Kind, b.Level = Heading, st.outline+1
	case st.list:
		b.Kind, b.Level = ListItem, st.ilvl+1
		b.Marker = strings.TrimSpace(r.marker.String())
		if b.Marker == "" {
			b.Marker = "•"
		}
	}
	r.out.add(b)
	r.para.Reset()
	r.marker.Reset()
}
