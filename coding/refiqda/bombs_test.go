package refiqda

import (
	"encoding/xml"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestQDPXBombs: a file of a .qdpx is refused as a possible ZIP bomb, by
// its header before anything is read or by what it inflates to, with one
// line naming it.
func TestQDPXBombs(t *testing.T) {
	zeros := make([]byte, coding.ZipBombFloor/2-1) // under the floor alone, past it in threes
	pdfSources := `<Project name="p"><Sources><PDFSource name="a" path="internal://a.pdf"/>` +
		`<PDFSource name="b" path="internal://b.pdf"/><PDFSource name="c" path="internal://c.pdf"/></Sources></Project>`
	for _, c := range []struct {
		name    string
		entries []rawEntry
		want    string
	}{
		{"a project document declared past its bound", []rawEntry{{name: "project.qde", data: []byte(minimalQDE), declared: MaxQDESize + 1}},
			`entry "project.qde" inflates past 512 MB: refused as a possible zip bomb`},
		{"a project document inflating past its header", []rawEntry{{name: "project.qde", data: append([]byte(minimalQDE), zeros...), declared: uint64(len(minimalQDE))}},
			`entry "project.qde" inflates past the size its header declares: refused as a possible zip bomb`},
		{"a source inflating past its header, refused before it is opened", []rawEntry{{name: "project.qde", data: []byte(minimalQDE)},
			{name: "sources/a.pdf", data: zeros, declared: 1 << 10}},
			`entry "sources/a.pdf" inflates past the size its header declares: refused as a possible zip bomb`},
		{"a source declared past its bound, refused before it is opened", []rawEntry{{name: "project.qde", data: []byte(minimalQDE)},
			{name: "sources/a.pdf", data: []byte("%PDF-1.4"), declared: MaxEntrySize + 1}},
			`entry "sources/a.pdf" inflates past 256 MB: refused as a possible zip bomb`},
		{"three sources inflating the .qdpx past its budget together", []rawEntry{{name: "project.qde", data: []byte(pdfSources)},
			{name: "sources/a.pdf", data: zeros}, {name: "sources/b.pdf", data: zeros}, {name: "sources/c.pdf", data: zeros}},
			`entry "sources/c.pdf" would inflate the .qdpx more than 100-fold past 64 MB: refused as a possible zip bomb`},
		{"a memo file of a note of 1 MB and a byte", []rawEntry{{name: "project.qde",
			data: []byte(`<Project><Notes><Note name="n" plainTextPath="internal://m.txt"/></Notes></Project>`)},
			{name: "sources/m.txt", data: make([]byte, MaxMemoSize+1)}},
			`entry "sources/m.txt", the memo of note "n", holds more than 1 MB, the most a memo may hold: refused`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadQDPX(rawZip(t, c.entries...))
			if err == nil || err.Error() != c.want || IsBomb(err) != strings.HasSuffix(c.want, "zip bomb") {
				t.Errorf("error %v,\nwant %s", err, c.want)
			}
		})
	}
}

// TestXMLSizes: a name longer than MaxNameLength characters or a memo or
// value larger than MaxMemoSize is refused, saying where and the limit;
// the plain text of a text source may be larger.
func TestXMLSizes(t *testing.T) {
	name := func(n int) string { return strings.Repeat("é", n) }
	memo := strings.Repeat("m", MaxMemoSize+1)
	for _, c := range []struct {
		name, xml, want string // want "": read
	}{
		{"a code name of 1,000 characters", `<Project><CodeBook><Codes><Code guid="a" name="` + name(MaxNameLength) + `"/></Codes></CodeBook></Project>`, ""},
		{"a code name with entities of 1,000 characters", `<Project><CodeBook><Codes><Code guid="a" name="` + strings.Repeat("&amp;", MaxNameLength) + `"/></Codes></CodeBook></Project>`, ""},
		{"a code name of 1,001 characters", "<Project>\n<CodeBook><Codes><Code guid=\"a\" name=\"" + name(MaxNameLength+1) + `"/></Codes></CodeBook></Project>`,
			"line 2: the name of <Code> is longer than 1,000 characters, the most a name may have: refused"},
		{"a source name of 1,001 characters", `<Project><Sources><TextSource name='` + name(MaxNameLength+1) + `'/></Sources></Project>`,
			"line 1: the name of <TextSource> is longer than 1,000 characters, the most a name may have: refused"},
		{"an element name of 1,001 characters", `<Project><` + name(MaxNameLength+1) + `/></Project>`,
			"line 1: an element's name is longer than 1,000 characters, the most a name may have: refused"},
		{"a code's description of 1 MB and a byte", `<Project><CodeBook><Codes><Code guid="a" name="c"><Description>` + memo + `</Description></Code></Codes></CodeBook></Project>`,
			"line 1: <Description> holds more than 1 MB, the most a memo or value may hold: refused"},
		{"a description split by comments", `<Project><CodeBook><Codes><Code guid="a" name="c"><Description>` + memo[:MaxMemoSize/2] + `<!-- -->` + memo[MaxMemoSize/2:] + `</Description></Code></Codes></CodeBook></Project>`,
			"line 1: <Description> holds more than 1 MB, the most a memo or value may hold: refused"},
		{"a memo in CDATA", `<Project><Notes><Note guid="n"><PlainTextContent><![CDATA[` + memo + `]]></PlainTextContent></Note></Notes></Project>`,
			"line 1: <PlainTextContent> holds more than 1 MB, the most a memo or value may hold: refused"},
		{"an attribute of 1 MB and a byte", `<Project><Users><User guid="` + memo + `" name="u"/></Users></Project>`,
			"line 1: guid of <User> holds more than 1 MB, the most a value may hold: refused"},
		{"the text of a text source of 2 MB", `<Project><Sources><TextSource guid="a" name="t"><PlainTextContent>` + memo + memo + `</PlainTextContent></TextSource></Sources></Project>`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadProject([]byte(c.xml))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || err.Error() != c.want):
				t.Errorf("error %v,\nwant %s", err, c.want)
			}
		})
	}
}

// FuzzXMLSizes: the scan never fails on what it cannot parse, and never
// refuses a small document encoding/xml reads (every value in it is far
// under the limits).
func FuzzXMLSizes(f *testing.F) {
	for _, s := range []string{minimalQDE, `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "b">]><p a='>' b="&amp;"><![CDATA[<x>]]><!-- <y> --></p>`,
		`<Project><Notes><Note><PlainTextContent>m</PlainTextContent></Note></Notes></Project>`, `<a`, `<a b="`, `</a>`, `<a/ b>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := checkXMLSizes(data)
		if err != nil && len(data) <= MaxNameLength && xml.Unmarshal(data, new(struct{})) == nil {
			t.Errorf("a document of %d bytes encoding/xml reads was refused: %v", len(data), err)
		}
	})
}
