package refiqda

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"cmocoder.org/cmocoder/coding"
)

const samples = "../../../shared/refi-qda/samples"

func flatten(cs []Code) []Code { return preorder(cs, func(c Code) []Code { return c.Children }) }

// preorder lists a tree's nodes, each before its children.
func preorder[T any](nodes []T, children func(T) []T) []T {
	var out []T
	for _, n := range nodes {
		out = append(out, n)
		out = append(out, preorder(children(n), children)...)
	}
	return out
}

func codeNamed(t *testing.T, cs []Code, name string) Code {
	t.Helper()
	for _, c := range flatten(cs) {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no code %q", name)
	return Code{}
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samples, name))
	if err != nil {
		t.Skipf("sample %s not found: %v", name, err)
	}
	return b
}

// TestReadSamples reads every shared sample, each tool's own flavour of
// REFI-QDA, and spot-checks what it found.
func TestReadSamples(t *testing.T) {
	type want struct {
		codes, users, sources int
		origin                string
		qde                   string
	}
	for name, w := range map[string]want{
		"atlas-mac-8.4-refi-standard-project.qdpx": {0, 3, 12, "ATLAS.ti 8.4.0", "Project.qde"},
		"atlas-win-23.2-target-project.qdpx":       {3, 2, 0, "ATLAS.ti for Windows", "project.qde"},
		"nvivo-mac-15.0-project.qdpx":              {262, 0, 2, "NVivo for Mac", "project.qde"},
		"nvivo-win-12.6-hu-youtube-comments.qdpx":  {0, 2, 2, "NVivo for Windows 12.6", "project.qde"},
		"qc-1.3.2-demo.qdpx":                       {262, 1, 2, "qc 1.3.2", "project.qde"},
	} {
		t.Run(name, func(t *testing.T) {
			a, err := ReadQDPX(readSample(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if a.QDE != w.qde {
				t.Errorf("project document %q, want %q", a.QDE, w.qde)
			}
			if !strings.HasPrefix(a.Origin, w.origin) {
				t.Errorf("origin %q, want %q...", a.Origin, w.origin)
			}
			if n := len(flatten(a.Codes)); w.codes > 0 && n != w.codes {
				t.Errorf("%d codes, want %d", n, w.codes)
			} else if n == 0 {
				t.Error("no codes")
			}
			if w.users > 0 && len(a.Users) != w.users {
				t.Errorf("%d users, want %d", len(a.Users), w.users)
			}
			if len(a.Sources) != w.sources {
				t.Errorf("%d sources, want %d", len(a.Sources), w.sources)
			}
			for _, c := range flatten(a.Codes) {
				if c.GUID != strings.ToLower(c.GUID) || strings.ContainsAny(c.GUID, "{}") || !ValidGUID(c.GUID) {
					t.Fatalf("code %q: GUID %q not normalised", c.Name, c.GUID)
				}
				if c.Colour != "" && (c.Colour != strings.ToLower(c.Colour) || len(c.Colour) != 7) {
					t.Fatalf("code %q: colour %q not #rrggbb", c.Name, c.Colour)
				}
			}
		})
	}

	// ATLAS.ti: upper-case GUIDs and colours, a capitalised Project.qde
	// and Sources/ folder without the media it names.
	a, err := ReadQDPX(readSample(t, "atlas-mac-8.4-refi-standard-project.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	happy := codeNamed(t, a.Codes, "happiness")
	if happy.GUID != "85d17f60-7bb0-481e-b742-b4861dd669df" || happy.Colour != "#f00082" || !happy.Codable {
		t.Errorf("happiness = %+v", happy)
	}
	kinds := map[string]int{}
	sels, areas := 0, 0
	for _, s := range a.Sources {
		kinds[s.Kind]++
		if s.Kind == "PDFSource" {
			if _, ok, err := a.Open(s.Path); ok || err != nil {
				t.Errorf("%s: the PDF is not in the sample, got ok=%v err=%v", s.Name, ok, err)
			}
			if s.Text == nil {
				t.Errorf("%s: no representation", s.Name)
				continue
			}
			sels += len(s.Text.Selections)
			areas += s.PDFSelections
		}
	}
	if sels != 2 || areas != 4 {
		t.Errorf("PDF sources: %d text selections, %d area selections; want 2 and 4", sels, areas)
	}
	if kinds["PDFSource"] != 2 || kinds["TextSource"] != 6 || kinds["PictureSource"] != 1 || kinds["AudioSource"] != 1 || kinds["VideoSource"] != 2 {
		t.Errorf("source kinds %v", kinds)
	}
	if len(a.Notes) == 0 || len(a.Links) == 0 || len(a.Sets) == 0 {
		t.Errorf("%d notes, %d links, %d sets", len(a.Notes), len(a.Links), len(a.Sets))
	}

	// qc: a bare plainTextPath ("board_2017.txt") in sources/.
	q, err := ReadQDPX(readSample(t, "qc-1.3.2-demo.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range q.Sources {
		text, ok, err := q.Text(s.Text)
		if !ok || err != nil || len(text) < 1000 {
			t.Errorf("qc source %s: text %d bytes, ok=%v, err=%v", s.Path, len(text), ok, err)
		}
	}

	// MAXQDA: a bare project document, lower-case colours, long
	// descriptions, Sets of sources.
	m, err := ReadProject(readSample(t, "maxqda-24.7-project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(flatten(m.Codes)); n != 307 {
		t.Errorf("MAXQDA: %d codes, want 307", n)
	}
	theme := codeNamed(t, m.Codes, "Additional Themes and Ideas")
	if theme.Colour != "#ef8256" || len(theme.Description) < 100 || theme.GUID != "c9e3d7e0-4dbf-46e2-96ef-14574ecd3b90" {
		t.Errorf("MAXQDA code = %+v", theme)
	}
	sets := 0
	for _, s := range m.Sets {
		sets += len(s.Sources)
	}
	if sets == 0 {
		t.Error("MAXQDA: no set members")
	}

	// Taguette: a flat codebook with upper-case uuid5 GUIDs and an empty
	// <Sets/> (invalid against the XSD, read all the same).
	cs, err := ReadCodebook(readSample(t, "taguette-1.4.1-codebook.qdc"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 || cs[0].Name != "xsd:element name" || cs[0].GUID != "098ac082-a9c7-50f4-9728-48730081a95e" || cs[0].Colour != "" {
		t.Errorf("Taguette codes %+v", cs)
	}
}

// TestReadNVivoOffsets checks UTF16Offsets on NVivo for Windows' own
// export: its selections, counted in UTF-16 units of a text full of emoji,
// fall on word boundaries once converted, and far less often read as code
// points (NOTES.md pitfall 1). The text file starts with a byte-order mark.
func TestReadNVivoOffsets(t *testing.T) {
	a, err := ReadQDPX(readSample(t, "nvivo-win-12.6-hu-youtube-comments.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	boundary := func(r []rune, i int) bool {
		word := func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }
		return i <= 0 || i >= len(r) || !word(r[i-1]) || !word(r[i])
	}
	total, asUnits, asPoints := 0, 0, 0
	for _, s := range a.Sources {
		text, ok, err := a.Text(s.Text)
		if !ok || err != nil {
			t.Fatalf("%s: no text (%v)", s.Name, err)
		}
		if strings.HasPrefix(text, "\ufeff") {
			t.Fatalf("%s: byte-order mark kept", s.Name)
		}
		r := []rune(text)
		conv := UTF16Offsets(text)
		for _, sel := range s.Text.Selections {
			total++
			if boundary(r, conv(sel.Start)) && boundary(r, conv(sel.End)) {
				asUnits++
			}
			if boundary(r, sel.Start) && boundary(r, sel.End) {
				asPoints++
			}
		}
	}
	t.Logf("%d selections: %d on word boundaries as UTF-16 units, %d as code points", total, asUnits, asPoints)
	if total != 303 || asUnits < 280 || asPoints > 100 {
		t.Errorf("%d selections: %d on boundaries as UTF-16 units, %d as code points", total, asUnits, asPoints)
	}
}

// TestReadVariants: namespaces of other versions (or none), GUIDs in
// braces and upper case, #RGB colours, byte-order marks and UTF-16.
func TestReadVariants(t *testing.T) {
	for _, ns := range []string{"urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:1:0", ""} {
		x := `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="` + ns + `" origin="x"><Codes>` +
			`<Code guid="{0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D}" name="Trust" isCodable="true" color="#ABC"><Description>Def</Description>` +
			`<Code guid="0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5e" name="Low trust" isCodable="false" color="#A0B0C0"/></Code></Codes>` +
			`<Sets><Set guid="11111111-2222-3333-4444-555555555555" name="S"><MemberCode guid="0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D"/></Set></Sets></CodeBook>`
		if ns == "" {
			x = strings.Replace(x, ` xmlns=""`, "", 1)
		}
		cs, err := ReadCodebook([]byte(x))
		if err != nil {
			t.Fatalf("namespace %q: %v", ns, err)
		}
		if len(cs) != 1 || cs[0].GUID != "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d" || cs[0].Colour != "#aabbcc" ||
			cs[0].Description != "Def" || len(cs[0].Children) != 1 || cs[0].Children[0].Codable || cs[0].Children[0].Colour != "#a0b0c0" {
			t.Errorf("namespace %q: %+v", ns, cs)
		}
	}
	for _, ns := range []string{"urn:QDA-XML:project:1.0", "urn:QDA-XML:project:1:0"} {
		x := "\ufeff" + `<Project xmlns="` + ns + `" name="p" origin="Tool"><Users><User guid="{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}" name="Ann"/></Users>` +
			`<Sources><TextSource guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000001" name="t"><PlainTextContent>` + "\ufeff" + `Hello world</PlainTextContent>` +
			`<PlainTextSelection guid="{AAAAAAAA-BBBB-CCCC-DDDD-000000000002}" startPosition="0" endPosition="5" creatingUser="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee">` +
			`<Coding guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000003"><CodeRef targetGUID="{AAAAAAAA-BBBB-CCCC-DDDD-000000000004}"/></Coding></PlainTextSelection></TextSource></Sources></Project>`
		f, err := ReadProject([]byte(x))
		if err != nil {
			t.Fatalf("namespace %q: %v", ns, err)
		}
		src := f.Sources[0]
		if f.Users[0].GUID != "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" || src.Kind != "TextSource" || src.Text.Content != "Hello world" ||
			src.Text.Selections[0].GUID != "aaaaaaaa-bbbb-cccc-dddd-000000000002" || src.Text.Selections[0].Codes[0] != "aaaaaaaa-bbbb-cccc-dddd-000000000004" ||
			src.Text.Selections[0].CreatingUser != f.Users[0].GUID {
			t.Errorf("namespace %q: %+v", ns, f)
		}
	}
	// UTF-16 with a byte-order mark and a declaration saying so.
	x := `<?xml version="1.0" encoding="utf-16"?><CodeBook><Codes><Code guid="0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d" name="Ünïcode 😀" isCodable="true"/></Codes></CodeBook>`
	u := utf16.Encode([]rune(x))
	b := []byte{0xff, 0xfe}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	cs, err := ReadCodebook(b)
	if err != nil || len(cs) != 1 || cs[0].Name != "Ünïcode 😀" {
		t.Errorf("UTF-16: %+v, %v", cs, err)
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadQDPXFiles(t *testing.T) {
	qde := `<Project name="p"><Sources><PDFSource guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000001" name="a.pdf" path="internal://AAAAAAAA-BBBB-CCCC-DDDD-000000000001.pdf">` +
		`<Representation guid="AAAAAAAA-BBBB-CCCC-DDDD-000000000002" plainTextPath="internal://AAAAAAAA-BBBB-CCCC-DDDD-000000000002.txt"/></PDFSource></Sources></Project>`
	a, err := ReadQDPX(zipOf(t, map[string]string{
		"My project.qde": qde,
		"SOURCES/aaaaaaaa-bbbb-cccc-dddd-000000000001.pdf": "%PDF-1.4",
		"Sources/AAAAAAAA-BBBB-CCCC-DDDD-000000000002.txt": "\ufeffText\r\n",
		"sources/.root": "",
	}))
	if err != nil {
		t.Fatal(err)
	}
	src := a.Sources[0]
	if pdf, ok, err := a.Open(src.Path); !ok || err != nil || string(pdf) != "%PDF-1.4" {
		t.Errorf("PDF: %q %v %v", pdf, ok, err)
	}
	if text, ok, err := a.Text(src.Text); !ok || err != nil || text != "Text\r\n" {
		t.Errorf("text: %q %v %v", text, ok, err)
	}
	if _, ok, _ := a.Open("relative:///x.pdf"); ok {
		t.Error("a relative path found in the archive")
	}

	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("%PDF-1.4 not a zip"), "not a ZIP"},
		{"no qde", zipOf(t, map[string]string{"sources/a.txt": "x", "sub/project.qde": qde}), "no .qde file"},
		{"two qde", zipOf(t, map[string]string{"a.qde": qde, "b.qde": qde}), "2 .qde files"},
		{"malformed", zipOf(t, map[string]string{"project.qde": "<Project name='p'><Users></Project>"}), "malformed XML: line 1"},
		{"empty", zipOf(t, map[string]string{"project.qde": ""}), "empty"},
		{"codebook", zipOf(t, map[string]string{"project.qde": "<CodeBook><Codes/></CodeBook>"}), "not a REFI-QDA project"},
		{"bad position", zipOf(t, map[string]string{"project.qde": `<Project name="p"><Notes><Note guid="a"><PlainTextSelection guid="b" startPosition="x" endPosition="1"/></Note></Notes></Project>`}), "not whole numbers"},
	} {
		_, err := ReadQDPX(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line with %q", c.name, err, c.want)
		}
	}
	if _, err := ReadCodebook([]byte(qde)); err == nil || !strings.Contains(err.Error(), "not a REFI-QDA codebook") {
		t.Errorf("a project read as a codebook: %v", err)
	}
	if _, err := ReadCodebook([]byte("<CodeBook><Codes>")); err == nil || !strings.Contains(err.Error(), "malformed XML") {
		t.Errorf("truncated codebook: %v", err)
	}
}

// TestReadOwnExport reads back what Write writes: the role codes and
// labels, fragments' selections, and each CMOC's note (statement,
// narrative, labels) and theory set (kind, what it refines).
func TestReadOwnExport(t *testing.T) {
	p := fixture()
	refined := coding.Theory{ID: "d0000000-0000-4000-8000-000000000002", Name: `Being "refined"`, Kind: coding.Refined,
		Refines: p.Theories[0].ID, Description: "Second look.\n\nWith two paragraphs.", Created: t0, Modified: t0}
	p.Theories = append(p.Theories, refined)
	p.CMOCs = append(p.CMOCs, coding.CMOC{ID: "f0000000-0000-4000-8000-000000000002", Statement: "  Open leaders reassure  ",
		Narrative: "Line one.\n\nProgramme theory: not a line of its own\nLabels: nor this", TheoryID: refined.ID, Coder: "Bea",
		Labels: []string{"Communication", "Leadership"}, Fragments: []string{"c0000000-0000-4000-8000-000000000002"}, Created: t1, Modified: t1},
		coding.CMOC{ID: "f0000000-0000-4000-8000-000000000003", Statement: "Bare", Coder: "Ana",
			Fragments: []string{"c0000000-0000-4000-8000-000000000003"}, Created: t1, Modified: t1})
	qde, _, err := ProjectXML(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ReadProject(qde)
	if err != nil {
		t.Fatal(err)
	}
	uses, labels := MapCodes(f.Codes)
	for _, r := range coding.Roles {
		if uses[RoleGUID(r)] != (CodeUse{Role: r}) {
			t.Errorf("role %s: %+v", r, uses[RoleGUID(r)])
		}
	}
	if uses[ValenceGUID(coding.Resource, coding.Negative)] != (CodeUse{Role: coding.Resource, Valence: coding.Negative}) {
		t.Error("M res − not recognised")
	}
	if len(labels) != 2 || labels[0].Name != "Communication" || labels[0].GUID != "b0000000-0000-4000-8000-000000000001" ||
		labels[0].Colour != "#d55e00" || labels[1].Name != "Leadership" || labels[1].Definition != "Who leads." {
		t.Errorf("labels %+v", labels)
	}
	var sels int
	for _, s := range f.Sources {
		if s.Text != nil {
			sels += len(s.Text.Selections)
		}
	}
	if sels != 5 {
		t.Errorf("%d selections, want 5", sels)
	}
	notes := map[string]TextSource{}
	for _, n := range f.Notes {
		notes[n.GUID] = n
	}
	for _, c := range []struct {
		id, theory, statement, narrative, labels string
	}{
		{"f0000000-0000-4000-8000-000000000001", "Being", p.CMOCs[0].Statement, "Staff trusted open leaders.", "Leadership"},
		{"f0000000-0000-4000-8000-000000000002", `Being "refined"`, "Open leaders reassure", p.CMOCs[1].Narrative, "Communication|Leadership"},
		{"f0000000-0000-4000-8000-000000000003", "", "Bare", "", ""},
	} {
		n, ok := notes[c.id]
		if !ok {
			t.Fatalf("no note %s", c.id)
		}
		s, narr, ls := ParseCMOCNote(n.Content, n.Name, c.theory)
		if s != c.statement || narr != c.narrative || strings.Join(ls, "|") != c.labels {
			t.Errorf("CMOC %s: %q / %q / %q", c.id, s, narr, ls)
		}
	}
	if s, narr, ls := ParseCMOCNote("not our note", "Its name", ""); s != "Its name" || narr != "" || ls != nil {
		t.Errorf("a foreign note: %q %q %q", s, narr, ls)
	}
	kinds := map[string]string{}
	for _, s := range f.Sets {
		kind, refines, desc := ParseTheoryDescription(s.Description)
		kinds[s.Name] = fmt.Sprintf("%s|%s|%s|%d", kind, refines, desc, len(s.Notes))
	}
	if got := kinds["Being"]; got != "initial||Leaders who are present.\n\nEffective leaders are seen, so that staff trust them.|1" {
		t.Errorf("Being: %q", got)
	}
	if got := kinds[`Being "refined"`]; got != "refined|Being|Second look.\n\nWith two paragraphs.|1" {
		t.Errorf("refined: %q", got)
	}
}
