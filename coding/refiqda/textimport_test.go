package refiqda

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestAlign: cmocoder's stored text of another tool's plain text differs
// only by line breaks, page separators, U+FFFD for control characters and
// a dropped end-of-file mark; each code point of theirs maps to its place
// in ours. Any other difference gives nil.
func TestAlign(t *testing.T) {
	for _, c := range []struct {
		name, theirs, ours string
		want               []int
	}{
		{"same", "ab", "ab", []int{0, 1, 2}},
		{"CRLF is one LF", "a\r\nb", "a\nb", []int{0, 1, 1, 2, 3}},
		{"CR is LF", "a\rb", "a\nb", []int{0, 1, 2, 3}},
		{"line break ends a page", "a\nb", "a\fb", []int{0, 1, 2, 3}},
		{"CRLF ends a page", "a\r\nb", "a\fb", []int{0, 1, 1, 2, 3}},
		{"space ends a page", "a b", "a\fb", []int{0, 1, 2, 3}},
		{"separator added in a word", "abc", "ab\fc", []int{0, 1, 3, 4}},
		{"control character", "a\x01b", "a\ufffdb", []int{0, 1, 2, 3}},
		{"end-of-file mark dropped", "ab\x1a", "ab", []int{0, 1, 2, 2}},
		{"astral", "🦊\r\nx", "🦊\nx", []int{0, 1, 1, 2, 3}},
		{"different letter", "ab", "ac", nil},
		{"ours longer", "ab", "abc", nil},
		{"theirs longer", "abc", "ab", nil},
		{"a space is no line break", "a b", "a\nb", nil},
	} {
		if got := Align(c.theirs, c.ours); !slices.Equal(got, c.want) {
			t.Errorf("%s: Align(%q, %q) = %v, want %v", c.name, c.theirs, c.ours, got, c.want)
		}
	}
}

// TestTextSourceNames: a text source's title loses a document's
// extension; its document's file name is that title with ".txt".
func TestTextSourceNames(t *testing.T) {
	const guid = "d0000000-0000-0000-0000-000000000009"
	for _, c := range []struct {
		src         Source
		title, file string
	}{
		{Source{GUID: guid, Name: "Interview 3.docx"}, "Interview 3", "Interview 3.txt"},
		{Source{GUID: guid, Name: "Mabel.TXT"}, "Mabel", "Mabel.txt"},
		{Source{GUID: guid, Name: "Notes 1/2"}, "Notes 1/2", "Notes 1-2.txt"},
		{Source{GUID: guid, Name: ".txt"}, ".txt", ".txt.txt"},
		{Source{GUID: guid, Name: "report.odt"}, "report", "report.txt"},
		{Source{GUID: guid}, "", guid + ".txt"},
	} {
		if got := c.src.Title(); got != c.title {
			t.Errorf("%q: Title %q, want %q", c.src.Name, got, c.title)
		}
		if got := c.src.TextFileName(); got != c.file {
			t.Errorf("%q: TextFileName %q, want %q", c.src.Name, got, c.file)
		}
	}
}

// nvivoQdpx is a small .qdpx as NVivo for Windows writes one: a text
// source whose file (in "Sources/", a byte-order mark, CRLF, an emoji)
// its selections count in UTF-16 units, two coded Context (one of them
// with a label too) and one with a label only.
func nvivoQdpx(t *testing.T, text string, sels [][2]int) []byte {
	t.Helper()
	const (
		srcGUID = "5a000000-0000-4000-8000-000000000001"
		ctx     = "c0000000-0000-4000-8000-000000000001"
		label   = "c0000000-0000-4000-8000-000000000002"
	)
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="NVivo for Windows 12.6">
<CodeBook><Codes><Code guid="%s" name="Context" isCodable="true"/><Code guid="%s" name="Trust" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="%s" name="Interview 3.docx" plainTextPath="internal://%s.txt">`, ctx, label, srcGUID, srcGUID)
	for i, s := range sels {
		codes := []string{ctx, label}
		switch i {
		case 0:
			codes = codes[:1]
		case len(sels) - 1:
			codes = codes[1:]
		}
		fmt.Fprintf(&b, `<PlainTextSelection guid="5e000000-0000-4000-8000-00000000000%d" startPosition="%d" endPosition="%d">`, i+1, s[0], s[1])
		for _, c := range codes {
			fmt.Fprintf(&b, `<Coding guid="%s"><CodeRef targetGUID="%s"/></Coding>`, GUID(fmt.Sprint(i, c)), c)
		}
		b.WriteString("</PlainTextSelection>")
	}
	b.WriteString("</TextSource></Sources></Project>")
	return zipOf(t, map[string]string{"project.qde": b.String(), "Sources/" + srcGUID + ".txt": "\ufeff" + text})
}

// TestImportTextSource: an NVivo text source's passages, counted in
// UTF-16 units over its CRLF text, land on the same words of cmocoder's
// text of it (LF line ends, a page separator where a page ends); the one
// coded without a role is counted in the warning.
func TestImportTextSource(t *testing.T) {
	const text = "Interviewer: 🦊 How was it?\r\nP1: The clinic opened late.\r\nP1: 👍🏽 People came back.\r\n"
	units := func(quote string) [2]int { // the UTF-16 span of quote in text, as NVivo counts
		i := strings.Index(text, quote)
		return [2]int{len(utf16.Encode([]rune(text[:i]))), len(utf16.Encode([]rune(text[:i+len(quote)])))}
	}
	in, err := Read("nvivo.qdpx", nvivoQdpx(t, text, [][2]int{
		units("How was it?"), units("The clinic opened late.\r\nP1: 👍🏽 People"), units("came back."), units("P1"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	im := NewImport(in)
	srcs := im.TextSources()
	if len(srcs) != 1 || srcs[0].Title() != "Interview 3" {
		t.Fatalf("text sources %+v", srcs)
	}
	theirs, ok, err := im.Text(srcs[0])
	if err != nil || !ok || theirs != text {
		t.Fatalf("text %q %v %v, want %q", theirs, ok, err, text)
	}
	tx := newMemTx()
	// cmocoder's text: LF line ends, the second line break a page's end.
	tx.AddDoc("doc", "Interviewer: 🦊 How was it?\nP1: The clinic opened late.", "P1: 👍🏽 People came back.\n")
	if err := im.AddDocument(srcs[0], "doc"); err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(tx); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`context 15-26 "How was it?" [] ana`,
		`unclassified 27-29 "P1" [Trust] ana`,
		"context 31-68 \"The clinic opened late.\\fP1: 👍🏽 People\" [Trust] ana",
		`context 69-79 "came back." [Trust] ana`,
	}
	if got := tx.FragmentLines(); !slices.Equal(got, want) {
		t.Errorf("fragments\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if w := `source "Interview 3.docx": 1 coded passage without a Context/Mechanism/Outcome code came in unclassified`; len(im.Warnings) != 1 || !strings.Contains(im.Warnings[0], w) {
		t.Errorf("warnings %q, want one with %q", im.Warnings, w)
	}
}
