package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
	"cmocoder.org/cmocoder/internal/testtools"
)

// The project.qde as another tool reads it: local names, any namespace.
type rProject struct {
	Name             string  `xml:"name,attr"`
	Origin           string  `xml:"origin,attr"`
	CreatingUserGUID string  `xml:"creatingUserGUID,attr"`
	Users            []rUser `xml:"Users>User"`
	Codes            []rCode `xml:"CodeBook>Codes>Code"`
	Variables        []rUser `xml:"Variables>Variable"`
	PDFSources       []rSrc  `xml:"Sources>PDFSource"`
	TextSources      []rSrc  `xml:"Sources>TextSource"`
	Notes            []rText `xml:"Notes>Note"`
	Links            []rLink `xml:"Links>Link"`
	Sets             []rSet  `xml:"Sets>Set"`
}

type rUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type rCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	IsCodable   string  `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr"`
	Description string  `xml:"Description"`
	Codes       []rCode `xml:"Code"`
}

type rSrc struct {
	GUID           string     `xml:"guid,attr"`
	Name           string     `xml:"name,attr"`
	Path           string     `xml:"path,attr"`
	CurrentPath    string     `xml:"currentPath,attr"`
	PlainTextPath  string     `xml:"plainTextPath,attr"`
	Representation *rText     `xml:"Representation"`
	Selections     []rSel     `xml:"PlainTextSelection"`
	Values         []rVarVal  `xml:"VariableValue"`
	Description    string     `xml:"Description"`
	Codings        []rCoding  `xml:"Coding"`
	PDFSelections  []struct{} `xml:"PDFSelection"`
}

type rVarVal struct {
	Ref  rRef   `xml:"VariableRef"`
	Text string `xml:"TextValue"`
}

type rText struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	PlainTextPath string `xml:"plainTextPath,attr"`
	CreatingUser  string `xml:"creatingUser,attr"`
	Content       string `xml:"PlainTextContent"`
	Selections    []rSel `xml:"PlainTextSelection"`
}

type rSel struct {
	GUID         string    `xml:"guid,attr"`
	Name         string    `xml:"name,attr"`
	Start        int       `xml:"startPosition,attr"`
	End          int       `xml:"endPosition,attr"`
	CreatingUser string    `xml:"creatingUser,attr"`
	Created      string    `xml:"creationDateTime,attr"`
	Codings      []rCoding `xml:"Coding"`
	NoteRefs     []rRef    `xml:"NoteRef"`
}

type rCoding struct {
	GUID         string `xml:"guid,attr"`
	CreatingUser string `xml:"creatingUser,attr"`
	Code         rRef   `xml:"CodeRef"`
}

type rRef struct {
	Target string `xml:"targetGUID,attr"`
}

type rLink struct {
	GUID      string `xml:"guid,attr"`
	Name      string `xml:"name,attr"`
	Direction string `xml:"direction,attr"`
	Origin    string `xml:"originGUID,attr"`
	Target    string `xml:"targetGUID,attr"`
}

type rSet struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Description string `xml:"Description"`
	Members     []rRef `xml:"MemberNote"`
}

// allCodes flattens a code tree.
func allCodes(cs []rCode) []rCode { return preorder(cs, func(c rCode) []rCode { return c.Codes }) }

const xsd = "../../../shared/refi-qda/schema/Project-mrt2019.xsd"

// exported is a written .qdpx opened again.
type exported struct {
	raw      []byte
	files    map[string][]byte
	order    []string
	project  rProject
	warnings []string
}

func export(t *testing.T, p *Project) exported {
	t.Helper()
	var buf bytes.Buffer
	warnings, err := Write(&buf, p)
	if err != nil {
		t.Fatal(err)
	}
	e := exported{raw: buf.Bytes(), files: map[string][]byte{}, warnings: warnings}
	zr, err := zip.NewReader(bytes.NewReader(e.raw), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want Deflate", f.Name, f.Method)
		}
		e.files[f.Name] = testfiles.ReadZipped(t, f)
		e.order = append(e.order, f.Name)
	}
	qde, ok := e.files["project.qde"]
	if !ok {
		t.Fatalf("no project.qde in %v", e.order)
	}
	testtools.ValidateQDE(t, qde, xsd)
	if err := xml.Unmarshal(qde, &e.project); err != nil {
		t.Fatalf("project.qde does not parse: %v", err)
	}
	return e
}

// The fixture: text with two-byte, four-byte (astral) and CJK characters
// before the fragments, so that bytes, UTF-16 units and code points all
// differ; two pages.
const (
	page1 = "Café ☕ 😀 医院の改革. Hospital merger requires new leadership roles."
	page2 = "The chief executive openly addresses staff concerns; staff are reassured \x07 and stay."
)

var (
	t0  = time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	t1  = time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC)
	pdf = []byte("%PDF-1.4\n% not a real PDF, only bytes to carry\n%%EOF\n")
)

// span finds sub in the document text and returns its code-point span.
func span(text, sub string) (int, int) {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("fixture: " + sub + " not found")
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(sub)
}

func fixture() *Project {
	text := page1 + "\f" + page2
	doc := coding.Document{ID: "3f2a0c1e-1111-4222-8333-444455556666", FileName: "merger.pdf", Title: "Hospital mergers",
		Pages: 2, Chars: utf8.RuneCountInString(text), Authors: "Smith J; Jones K", Year: "2019", Study: coding.Study{Design: "Case study"},
		Added: t0, Modified: t0}
	noPDF := coding.Document{ID: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", Title: "Interview notes", Pages: 1,
		Chars: utf8.RuneCountInString("Notes: leaders listen."), Added: t0, Modified: t0}
	frag := func(id, docText, sub string, r coding.Role, v coding.Valence, labels []string, memo string) coding.Fragment {
		s, e := span(docText, sub)
		return coding.Fragment{ID: id, DocID: doc.ID, Start: s, End: e, Page: 1, Role: r, Valence: v, Labels: labels,
			Coder: "Ana", Memo: memo, Text: sub, Created: t0, Modified: t1}
	}
	ctx := frag("c0000000-0000-4000-8000-000000000001", text, "Hospital merger requires new leadership roles", coding.Context, coding.NoValence,
		[]string{"Leadership"}, "Memo with a bell \x07 and\ttab.")
	res := frag("c0000000-0000-4000-8000-000000000002", text, "The chief executive openly addresses staff concerns", coding.Resource, coding.Positive,
		[]string{"leadership", "Communication"}, "")
	res.Page, res.Coder = 2, "Bea"
	rea := frag("c0000000-0000-4000-8000-000000000003", text, "staff are reassured \x07 and", coding.Reasoning, coding.Negative, nil, "")
	rea.Page = 2
	across := frag("c0000000-0000-4000-8000-000000000004", text, "roles.\fThe chief", coding.Outcome, coding.NoValence, nil, "")
	note := coding.Fragment{ID: "c0000000-0000-4000-8000-000000000005", DocID: noPDF.ID, Start: 7, End: 21, Page: 1,
		Role: coding.Outcome, Valence: coding.Positive, Coder: "Ana", Text: "leaders listen", Created: t0, Modified: t0}
	theory := coding.Theory{ID: "d0000000-0000-4000-8000-000000000001", Name: "Being", Description: "Leaders who are present.",
		Kind: coding.Initial, Statement: "Effective leaders are seen, so that staff trust them.", Created: t0, Modified: t0}
	return &Project{
		Title: "Leadership \x01review", Origin: "cmocoder test", Created: t0, CreatedBy: "Ana",
		Coders: []coding.Coder{{ID: "e0000000-0000-4000-8000-00000000000a", Name: "Ana"}},
		Documents: []Document{
			{Document: doc, PDF: func() ([]byte, error) { return pdf, nil }, Text: func() (string, error) { return text, nil }},
			{Document: noPDF, Text: func() (string, error) { return "Notes: leaders listen.", nil }},
		},
		Fragments: []coding.Fragment{rea, ctx, res, across, note},
		Labels: []coding.Label{
			{ID: "b0000000-0000-4000-8000-000000000001", Name: "Communication", Definition: "Talking\x0b with staff.", Colour: "#d55e00"},
			{ID: "b0000000-0000-4000-8000-000000000002", Name: "Leadership", Definition: "Who leads.", Colour: "not a colour"},
		},
		CMOCs: []coding.CMOC{{ID: "f0000000-0000-4000-8000-000000000001", Statement: "Mergers (C) → open leaders (M+, Resource) → reassured staff",
			Narrative: "Staff trusted open leaders.", TheoryID: theory.ID, Coder: "Ana", Labels: []string{"Leadership"},
			Fragments: []string{ctx.ID, res.ID, rea.ID, "deadbeef-0000-4000-8000-000000000000"}, Created: t1, Modified: t1}},
		Theories: []coding.Theory{theory},
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	p := fixture()
	e := export(t, p)
	if len(e.project.PDFSources) != 1 {
		t.Fatalf("%d PDFSources, want 1", len(e.project.PDFSources))
	}
	src := e.project.PDFSources[0]
	if src.Representation == nil {
		t.Fatal("PDFSource has no Representation")
	}
	txtPath, ok := strings.CutPrefix(src.Representation.PlainTextPath, "internal://")
	if !ok {
		t.Fatalf("plainTextPath %q is not internal://", src.Representation.PlainTextPath)
	}
	txt, ok := e.files["sources/"+txtPath]
	if !ok {
		t.Fatalf("no sources/%s in %v", txtPath, e.order)
	}
	if bytes.HasPrefix(txt, []byte("\xef\xbb\xbf")) {
		t.Error("the .txt starts with a BOM")
	}
	text, _ := p.Documents[0].Text()
	if want := strings.ReplaceAll(text, "\f", "\n"); string(txt) != want {
		t.Errorf(".txt is not the document text with form feeds as line feeds:\n%q\n%q", txt, want)
	}
	runes := []rune(string(txt))
	want := map[string]coding.Fragment{}
	for _, f := range p.Fragments {
		if f.DocID == p.Documents[0].ID {
			want[f.ID] = f
		}
	}
	if len(src.Representation.Selections) != len(want) {
		t.Fatalf("%d selections, want %d", len(src.Representation.Selections), len(want))
	}
	last := -1
	for _, s := range src.Representation.Selections {
		f, ok := want[s.GUID]
		if !ok {
			t.Errorf("selection %s is no fragment", s.GUID)
			continue
		}
		if s.Start != f.Start || s.End != f.End {
			t.Errorf("selection %s: %d-%d, want %d-%d", s.GUID, s.Start, s.End, f.Start, f.End)
		}
		if got := string(runes[s.Start:s.End]); got != strings.ReplaceAll(f.Text, "\f", "\n") {
			t.Errorf("selection %s: the .txt holds %q there, the fragment %q", s.GUID, got, f.Text)
		}
		if s.Start < last {
			t.Errorf("selections not in document order")
		}
		last = s.Start
	}
	// The fixture really tells the units apart: bytes, UTF-16 units and
	// code points give three different starts for the first fragment.
	f := want["c0000000-0000-4000-8000-000000000001"]
	i := strings.Index(text, f.Text)
	if u16 := len(utf16.Encode([]rune(text[:i]))); i == f.Start || u16 == f.Start || u16 == i {
		t.Errorf("fixture: bytes %d, UTF-16 %d, code points %d should differ", i, u16, f.Start)
	}
	// Zip layout: project.qde first, then PDF and text of each document.
	wantFiles := []string{"project.qde", "sources/" + p.Documents[0].ID + ".pdf", "sources/" + txtPath,
		"sources/" + p.Documents[1].ID + ".txt"}
	if strings.Join(e.order, " ") != strings.Join(wantFiles, " ") {
		t.Errorf("zip holds %v, want %v", e.order, wantFiles)
	}
	if !bytes.Equal(e.files["sources/"+p.Documents[0].ID+".pdf"], pdf) {
		t.Error("the PDF in the zip is not the PDF given")
	}
	if src.Path != "internal://"+p.Documents[0].ID+".pdf" || src.CurrentPath != "merger.pdf" || src.Name != "Hospital mergers" {
		t.Errorf("PDFSource path %q currentPath %q name %q", src.Path, src.CurrentPath, src.Name)
	}
	// A document without a PDF is a TextSource holding its selections.
	if len(e.project.TextSources) != 1 {
		t.Fatalf("%d TextSources, want 1", len(e.project.TextSources))
	}
	ts := e.project.TextSources[0]
	tp, _ := strings.CutPrefix(ts.PlainTextPath, "internal://")
	nr := []rune(string(e.files["sources/"+tp]))
	if len(ts.Selections) != 1 || string(nr[ts.Selections[0].Start:ts.Selections[0].End]) != "leaders listen" {
		t.Errorf("TextSource selections %+v over %q", ts.Selections, string(nr))
	}
}

func TestCodings(t *testing.T) {
	p := fixture()
	e := export(t, p)
	codes := map[string]rCode{} // by GUID
	byName := map[string]rCode{}
	for _, c := range allCodes(e.project.Codes) {
		if _, dup := codes[c.GUID]; dup {
			t.Errorf("code GUID %s twice", c.GUID)
		}
		codes[c.GUID] = c
		byName[c.Name] = c
	}
	// The codebook's top level: four roles, then the labels folder.
	var top []string
	for _, c := range e.project.Codes {
		top = append(top, c.Name+":"+c.IsCodable+":"+c.Color)
	}
	if got := strings.Join(top, ", "); got != "Context:true:#56b4e9, Mechanism resource:true:#e69f00, Mechanism reasoning:true:#cc79a7, Outcome:true:#009e73, Labels:false:" {
		t.Errorf("top-level codes: %s", got)
	}
	for _, name := range []string{"Mechanism resource +", "Mechanism resource −", "Mechanism reasoning +", "Mechanism reasoning −", "Outcome +", "Outcome −"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("no code %q", name)
		}
	}
	if _, ok := byName["Context +"]; ok {
		t.Error("Context + written though no context fragment has a valence")
	}
	if c := byName["Communication"]; c.Color != "#d55e00" || c.Description != "Talking with staff." || c.GUID != "b0000000-0000-4000-8000-000000000001" {
		t.Errorf("label code %+v", c)
	}
	if c := byName["Leadership"]; c.Color != "" {
		t.Errorf("an invalid colour was written: %q", c.Color)
	}
	users := map[string]string{}
	for _, u := range e.project.Users {
		users[u.GUID] = u.Name
	}
	if users["e0000000-0000-4000-8000-00000000000a"] != "Ana" || users[CoderGUID("Bea")] != "Bea" || len(users) != 2 {
		t.Errorf("users %v", users)
	}
	if e.project.CreatingUserGUID != "e0000000-0000-4000-8000-00000000000a" {
		t.Errorf("creatingUserGUID %q", e.project.CreatingUserGUID)
	}
	sels := map[string]rSel{}
	for _, s := range e.project.PDFSources[0].Representation.Selections {
		sels[s.GUID] = s
	}
	for _, s := range e.project.TextSources[0].Selections {
		sels[s.GUID] = s
	}
	for _, tc := range []struct {
		frag  string
		codes []string
		user  string
		memo  string
	}{
		{"c0000000-0000-4000-8000-000000000001", []string{"Context", "Leadership"}, "Ana", "Memo with a bell  and\ttab."},
		{"c0000000-0000-4000-8000-000000000002", []string{"Mechanism resource +", "Leadership", "Communication"}, "Bea", ""},
		{"c0000000-0000-4000-8000-000000000003", []string{"Mechanism reasoning −"}, "Ana", ""},
		{"c0000000-0000-4000-8000-000000000004", []string{"Outcome"}, "Ana", ""},
		{"c0000000-0000-4000-8000-000000000005", []string{"Outcome +"}, "Ana", ""},
	} {
		s, ok := sels[tc.frag]
		if !ok {
			t.Errorf("fragment %s: no selection", tc.frag)
			continue
		}
		var got []string
		for _, c := range s.Codings {
			code, ok := codes[c.Code.Target]
			if !ok {
				t.Errorf("fragment %s: coding with unknown code %s", tc.frag, c.Code.Target)
			}
			got = append(got, code.Name)
			if users[c.CreatingUser] != tc.user {
				t.Errorf("fragment %s: coding by %q, want %s", tc.frag, users[c.CreatingUser], tc.user)
			}
			if c.GUID != CodingGUID(s.GUID, c.Code.Target) {
				t.Errorf("fragment %s: coding GUID %s not derived", tc.frag, c.GUID)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.codes, "|") {
			t.Errorf("fragment %s: coded %v, want %v", tc.frag, got, tc.codes)
		}
		if users[s.CreatingUser] != tc.user || s.Created != "2025-03-01T09:30:00Z" {
			t.Errorf("fragment %s: by %q at %q", tc.frag, users[s.CreatingUser], s.Created)
		}
		if tc.memo == "" {
			if len(s.NoteRefs) != 0 {
				t.Errorf("fragment %s: a note without a memo", tc.frag)
			}
			continue
		}
		if len(s.NoteRefs) != 1 || s.NoteRefs[0].Target != MemoGUID(tc.frag) {
			t.Fatalf("fragment %s: note refs %v", tc.frag, s.NoteRefs)
		}
		found := false
		for _, n := range e.project.Notes {
			if n.GUID == MemoGUID(tc.frag) {
				found = true
				if n.Content != tc.memo || !strings.HasPrefix(n.Name, "Memo: ") {
					t.Errorf("memo note %q: %q, want %q", n.Name, n.Content, tc.memo)
				}
			}
		}
		if !found {
			t.Errorf("fragment %s: memo note missing", tc.frag)
		}
	}
	// Study characteristics as variables on the source.
	vars := map[string]string{}
	for _, v := range e.project.Variables {
		vars[v.GUID] = v.Name
	}
	vals := map[string]string{}
	for _, v := range e.project.PDFSources[0].Values {
		vals[vars[v.Ref.Target]] = v.Text
	}
	if vals["Year"] != "2019" || vals["Design"] != "Case study" || vals["Authors"] != "Smith J; Jones K" || len(vals) != 3 {
		t.Errorf("variable values %v", vals)
	}
}

func TestCMOCsAndTheories(t *testing.T) {
	p := fixture()
	e := export(t, p)
	if len(e.warnings) != 1 || !strings.Contains(e.warnings[0], "deadbeef-0000-4000-8000-000000000000") ||
		!strings.Contains(e.warnings[0], p.CMOCs[0].ID) {
		t.Errorf("warnings %q, want one naming the CMOC and its deleted fragment", e.warnings)
	}
	var note *rText
	for i, n := range e.project.Notes {
		if n.GUID == p.CMOCs[0].ID {
			note = &e.project.Notes[i]
		}
	}
	if note == nil {
		t.Fatal("no note for the CMOC")
	}
	for _, want := range []string{p.CMOCs[0].Statement, "Configuration: Hospital merger requires new leadership roles (C) → ",
		"(M+, Resource)", "(M−, Reasoning) → … (O)", "Staff trusted open leaders.", "Programme theory: Being",
		"Labels: Leadership", "- Smith and Jones 2019, p. 1 (C): “Hospital merger requires new leadership roles”",
		"- Smith and Jones 2019, p. 2 (M res +)", "missing evidence: fragment deadbeef-0000-4000-8000-000000000000 was deleted"} {
		if !strings.Contains(note.Content, want) {
			t.Errorf("CMOC note lacks %q:\n%s", want, note.Content)
		}
	}
	if strings.ContainsRune(note.Content, '\x07') {
		t.Error("a control character reached the XML")
	}
	var got []string
	for _, l := range e.project.Links {
		if l.Origin != note.GUID || l.Direction != "OneWay" || l.GUID != LinkGUID(note.GUID, l.Target) {
			t.Errorf("link %+v", l)
		}
		got = append(got, l.Name+"="+l.Target)
	}
	want := "Context=c0000000-0000-4000-8000-000000000001 Mechanism resource=c0000000-0000-4000-8000-000000000002 Mechanism reasoning=c0000000-0000-4000-8000-000000000003"
	if strings.Join(got, " ") != want {
		t.Errorf("links %v, want %s", got, want)
	}
	if len(e.project.Sets) != 1 {
		t.Fatalf("sets %+v", e.project.Sets)
	}
	s := e.project.Sets[0]
	if s.GUID != p.Theories[0].ID || s.Name != "Being" || len(s.Members) != 1 || s.Members[0].Target != note.GUID ||
		!strings.Contains(s.Description, "Leaders who are present.") || !strings.Contains(s.Description, "so that staff trust them") {
		t.Errorf("set %+v", s)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := export(t, fixture()), export(t, fixture())
	if !bytes.Equal(a.raw, b.raw) {
		t.Error("two exports of the same project differ")
	}
	// The role codes have fixed GUIDs, whatever the project.
	empty := export(t, &Project{})
	for _, e := range []exported{a, empty} {
		guids := map[string]string{}
		for _, c := range allCodes(e.project.Codes) {
			guids[c.Name] = c.GUID
		}
		for name, want := range map[string]string{
			"Context":               "9347f532-9278-5606-a845-f385c219b6f5",
			"Mechanism resource":    "8e6c08db-a74b-531b-a228-0e7c744e7b79",
			"Mechanism resource −":  "6d02af43-5fd0-5d0d-9426-1293c34b84c8",
			"Mechanism reasoning +": "e34d6ca6-7aca-521a-8617-297ff086928d",
			"Outcome":               "3843b312-094e-5980-9682-a66448555e05",
		} {
			if guids[name] != want {
				t.Errorf("code %q has GUID %q, want %s", name, guids[name], want)
			}
		}
	}
	if g := GUID("x"); len(g) != 36 || g[14] != '5' || strings.ToLower(g) != g {
		t.Errorf("GUID %q is not a lower-case version-5 UUID", g)
	}
}

func TestInvalidXMLCharactersDropped(t *testing.T) {
	p := fixture()
	e := export(t, p)
	qde := e.files["project.qde"]
	for _, c := range []string{"\x01", "\x07", "\x0b", "&#x1;", "&#x7;", "&#xB;", "\uFFFD"} {
		if bytes.Contains(qde, []byte(c)) {
			t.Errorf("project.qde holds %q", c)
		}
	}
	if e.project.Name != "Leadership review" {
		t.Errorf("project name %q", e.project.Name)
	}
	// The text file keeps the document's exact text.
	txt, _ := strings.CutPrefix(e.project.PDFSources[0].Representation.PlainTextPath, "internal://")
	if !bytes.Contains(e.files["sources/"+txt], []byte("reassured \x07 and")) {
		t.Error("the .txt lost a control character of the document text")
	}
	if got := clean("a\x00b\x1fc\td\ne\rf\ufffeg\xffh😀"); got != "abc\td\ne\rfgh😀" {
		t.Errorf("clean: %q", got)
	}
}

func TestEmptyProject(t *testing.T) {
	e := export(t, &Project{})
	if len(e.order) != 1 {
		t.Errorf("an empty project's zip holds %v", e.order)
	}
	qde := string(e.files["project.qde"])
	for _, el := range []string{"<Users", "<Variables", "<Sources", "<Notes", "<Links", "<Sets"} {
		if strings.Contains(qde, el) {
			t.Errorf("empty project writes %s", el)
		}
	}
	if e.project.Name != "cmocoder project" || len(e.project.Codes) != 4 {
		t.Errorf("empty project: name %q, %d top-level codes", e.project.Name, len(e.project.Codes))
	}
}

func TestContextValenceKept(t *testing.T) {
	p := fixture()
	p.Fragments[1].Valence = coding.Negative // the context fragment
	e := export(t, p)
	var ctx rCode
	for _, c := range e.project.Codes {
		if c.Name == "Context" {
			ctx = c
		}
	}
	if len(ctx.Codes) != 2 || ctx.Codes[1].Name != "Context −" {
		t.Fatalf("Context children %+v", ctx.Codes)
	}
	for _, s := range e.project.PDFSources[0].Representation.Selections {
		if s.GUID == p.Fragments[1].ID && s.Codings[0].Code.Target != ValenceGUID(coding.Context, coding.Negative) {
			t.Errorf("context fragment with valence coded %s", s.Codings[0].Code.Target)
		}
	}
}

func TestBadFragmentsLeftOut(t *testing.T) {
	p := fixture()
	p.Fragments = append(p.Fragments,
		coding.Fragment{ID: "c0000000-0000-4000-8000-0000000000aa", DocID: p.Documents[0].ID, Start: 5, End: 10000, Role: coding.Context},
		coding.Fragment{ID: "c0000000-0000-4000-8000-0000000000bb", DocID: "gone", Start: 0, End: 1, Role: coding.Context})
	e := export(t, p)
	joined := strings.Join(e.warnings, "\n")
	for _, id := range []string{"c0000000-0000-4000-8000-0000000000aa", "c0000000-0000-4000-8000-0000000000bb"} {
		if !strings.Contains(joined, id) || strings.Contains(string(e.files["project.qde"]), id) {
			t.Errorf("fragment %s: not left out with a warning: %s", id, joined)
		}
	}
	// A text that does not have the code points the offsets count is an
	// error, not a wrong file.
	p = fixture()
	p.Documents[0].Chars++
	if _, err := Write(io.Discard, p); err == nil || !strings.Contains(err.Error(), "code points") {
		t.Errorf("text of the wrong length: %v", err)
	}
}

// TestSamples reads real exports of other tools with the same reader the
// tests use, to check the understanding of the format they share.
func TestSamples(t *testing.T) {
	dir := "../../../shared/refi-qda/samples"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("samples not found:", err)
	}
	for _, tc := range []struct {
		file              string
		pdfs, texts, sels int
		withSources       bool // the sample's zip holds its sources
	}{
		{"qc-1.3.2-demo.qdpx", 0, 2, 158, true},
		{"atlas-mac-8.4-refi-standard-project.qdpx", 2, 0, -1, false}, // "empty Sources/ (media not included)"
	} {
		t.Run(tc.file, func(t *testing.T) {
			zr, err := zip.OpenReader(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			files := map[string]*zip.File{}
			var qde []byte
			for _, f := range zr.File {
				files[strings.ToLower(f.Name)] = f
				if strings.HasSuffix(strings.ToLower(f.Name), ".qde") && !strings.Contains(f.Name, "/") {
					qde = testfiles.ReadZipped(t, f)
				}
			}
			var p rProject
			if err := xml.Unmarshal(qde, &p); err != nil {
				t.Fatal(err)
			}
			codes := map[string]bool{}
			for _, c := range allCodes(p.Codes) {
				codes[strings.ToUpper(c.GUID)] = true
			}
			var sels []rSel
			for _, s := range p.TextSources {
				sels = append(sels, s.Selections...)
				path := strings.TrimPrefix(s.PlainTextPath, "internal://")
				f := files["sources/"+strings.ToLower(path)]
				if f == nil {
					if tc.withSources {
						t.Errorf("text %s not in the zip", path)
					}
					continue
				}
				rc, _ := f.Open()
				data, _ := io.ReadAll(rc)
				rc.Close()
				n := utf8.RuneCount(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
				for _, sel := range s.Selections {
					if sel.Start < 0 || sel.End > n || sel.Start > sel.End {
						t.Errorf("%s: selection %d-%d outside %d code points", path, sel.Start, sel.End, n)
					}
				}
			}
			for _, s := range p.PDFSources {
				if s.Representation != nil {
					sels = append(sels, s.Representation.Selections...)
				}
			}
			if len(p.PDFSources) != tc.pdfs || len(p.TextSources) < tc.texts || len(codes) == 0 {
				t.Errorf("%d PDFSources, %d TextSources, %d codes", len(p.PDFSources), len(p.TextSources), len(codes))
			}
			if tc.sels >= 0 && len(sels) != tc.sels {
				t.Errorf("%d selections, want %d", len(sels), tc.sels)
			}
			for _, s := range sels {
				for _, c := range s.Codings {
					if !codes[strings.Trim(strings.ToUpper(c.Code.Target), "{}")] {
						t.Errorf("selection %s coded with unknown code %s", s.GUID, c.Code.Target)
					}
				}
			}
		})
	}
}
