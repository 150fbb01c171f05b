package refiqda

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// GUIDs of the test files' codes, users, notes and selections.
const (
	trustCode = "c0000000-0000-0000-0000-000000000001"
	themeCode = "c0000000-0000-0000-0000-000000000002"
	userBea   = "a0000000-0000-0000-0000-000000000001"
	userTool  = "a0000000-0000-0000-0000-000000000002"
	memoNote  = "e0000000-0000-0000-0000-000000000001"
	linkNote  = "e0000000-0000-0000-0000-000000000002"
	sel1      = "f0000000-0000-0000-0000-000000000001"
	sel2      = "f0000000-0000-0000-0000-000000000002"
)

var (
	contextCode  = RoleGUID(coding.Context)
	outcomeMinus = ValenceGUID(coding.Outcome, coding.Negative)
)

// ourPages is cmocoder's text of the test document, two pages.
var ourPages = []string{"The quick brown fox", "jumps over the lazy dog."}

// testFile is a project of one PDF source whose text (theirs, when
// hasText) holds sels.
func testFile(origin, theirs string, hasText bool, sels ...Selection) *Input {
	codes := []Code{
		{GUID: contextCode, Name: "Context", Codable: true},
		{GUID: RoleGUID(coding.Outcome), Name: "Outcome", Codable: true, Children: []Code{
			{GUID: outcomeMinus, Name: "Outcome −", Codable: true}}},
		{GUID: trustCode, Name: "Trust", Codable: true, Description: "Believing staff", Colour: "#123456"},
		{GUID: themeCode, Name: "Theme", Codable: true},
	}
	text := &TextSource{GUID: "d0000000-0000-0000-0000-000000000002", Selections: sels}
	if hasText {
		text.Content, text.HasContent = theirs, true
	}
	f := &File{Origin: origin, Codes: codes,
		Users: []User{{GUID: userBea, Name: "Bea"}, {GUID: userTool, Name: origin}},
		Sources: []Source{
			{Kind: "PDFSource", GUID: "d0000000-0000-0000-0000-000000000001", Name: "Fox study", Text: text},
			{Kind: "PictureSource", Name: "Figure"},
		},
		Notes: []TextSource{
			{GUID: memoNote, Content: "A memo.", HasContent: true},
			{GUID: linkNote, Content: "A linked memo.", HasContent: true},
		},
		Links: []Link{{Origin: linkNote, Target: sel2}},
	}
	return &Input{Name: "test.qde", Codes: codes, File: f}
}

func sel(guid string, start, end int, codes ...string) Selection {
	return Selection{GUID: guid, Start: start, End: end, Codes: codes}
}

// TestImport applies the mapping of small files to a project of one
// document and lists the fragments it made and what it warned about.
func TestImport(t *testing.T) {
	ours := strings.Join(ourPages, "\n") // cmocoder's text as its export writes it
	for _, c := range []struct {
		name    string
		in      *Input
		have    []coding.Fragment // already in the project
		want    []string          // memTx.FragmentLines
		warning string            // in one of the warnings
		added   Counts
		here    Counts
	}{{
		name:  "cmocoder's own text: offsets carry over",
		in:    testFile("cmocoder 1.0", ours, true, sel(sel1, 4, 9, contextCode)),
		want:  []string{`context 4-9 "quick" [] ana`},
		added: Counts{Fragments: 1, Labels: 2},
	}, {
		name:  "valence child and labels",
		in:    testFile("QualCoder 3.6", ours, true, sel(sel1, 20, 25, outcomeMinus, trustCode, themeCode)),
		want:  []string{`outcome- 20-25 "jumps" [Trust Theme] ana`},
		added: Counts{Fragments: 1, Labels: 2},
	}, {
		name:  "two roles: two fragments",
		in:    testFile("QualCoder 3.6", ours, true, sel(sel1, 4, 9, contextCode, outcomeMinus)),
		want:  []string{`context 4-9 "quick" [] ana`, `outcome- 4-9 "quick" [] ana`},
		added: Counts{Fragments: 2, Labels: 2},
	}, {
		name: "another tool's text: found by its words, nearest its place",
		in: testFile("ATLAS.ti 8.4", "Title\r\n\r\nThe quick  brown\r\nfox jumps over the lazy dog. The quick", true,
			sel(sel1, 13, 30, contextCode)),
		want:  []string{`context 4-19 "quick brown fox" [] ana`},
		added: Counts{Fragments: 1, Labels: 2},
	}, {
		name: "NVivo counts UTF-16 units",
		in: testFile("NVivo for Windows 12.6", "\U0001F98A The quick brown fox\njumps over the lazy dog.", true,
			sel(sel1, 7, 12, contextCode)),
		want:  []string{`context 4-9 "quick" [] ana`},
		added: Counts{Fragments: 1, Labels: 2},
	}, {
		name:    "without a role: unclassified, with its codes as labels",
		in:      testFile("QualCoder 3.6", ours, true, sel(sel1, 4, 9, trustCode)),
		want:    []string{`unclassified 4-9 "quick" [Trust] ana`},
		warning: `source "Fox study": 1 coded passage without a Context/Mechanism/Outcome code came in unclassified, their codes as labels`,
		added:   Counts{Fragments: 1, Labels: 2},
	}, {
		name:    "words not in cmocoder's text",
		in:      testFile("MAXQDA 24", "A  different   text altogether", true, sel(sel1, 3, 12, contextCode)),
		warning: `1 coded passage was not found in cmocoder's text of the PDF and was skipped (the first: "different")`,
		added:   Counts{Labels: 2},
	}, {
		name:    "no text to find it by",
		in:      testFile("MAXQDA 24", "", false, sel(sel1, 3, 12, contextCode)),
		warning: `the text its passages count in is not in test.qde; 1 coded passage skipped`,
		added:   Counts{Labels: 2},
	}, {
		name:    "white space or outside the text",
		in:      testFile("cmocoder 1.0", ours, true, sel(sel1, 3, 4, contextCode), sel(sel2, 40, 90, contextCode)),
		warning: `2 coded passages held only white space or lay outside the text; skipped`,
		added:   Counts{Labels: 2},
	}, {
		name:  "already here by GUID: the same passage, another coder since",
		in:    testFile("cmocoder 1.0", ours, true, sel(sel1, 4, 9, contextCode), sel(sel2, 10, 15, contextCode)),
		have:  []coding.Fragment{{ID: sel1, DocID: "doc", Start: 4, End: 9, Role: coding.Context, Coder: "Bea"}},
		want:  []string{`context 10-15 "brown" [] ana`},
		added: Counts{Fragments: 1, CMOCs: 1, Labels: 2}, // the note linked to sel2: a CMOC in cmocoder's export
		here:  Counts{Fragments: 1},
	}, {
		// Another passage with the GUID is not this one (issue 12).
		name:    "a GUID another passage has: a new ID",
		in:      testFile("cmocoder 1.0", ours, true, sel(sel1, 4, 9, contextCode), sel(sel2, 10, 15, contextCode)),
		have:    []coding.Fragment{{ID: sel1, DocID: "doc", Start: 0, End: 3, Role: coding.Outcome}},
		want:    []string{`context 4-9 "quick" [] ana`, `context 10-15 "brown" [] ana`},
		warning: `source "Fox study": 1 coded passage had the ID of another passage of the project; imported with a new ID`,
		added:   Counts{Fragments: 2, CMOCs: 1, Labels: 2},
	}, {
		name: "coder, memo by NoteRef and by Link",
		in: testFile("ATLAS.ti 8.4", ours, true,
			Selection{GUID: sel1, Start: 4, End: 9, Codes: []string{contextCode}, CreatingUser: userBea, Notes: []string{memoNote}},
			Selection{GUID: sel2, Start: 10, End: 15, Codes: []string{contextCode}, CodingUser: userTool}),
		want:  []string{`context 4-9 "quick" [] Bea memo="A memo."`, `context 10-15 "brown" [] ana memo="A linked memo."`},
		added: Counts{Fragments: 2, Labels: 2},
	}} {
		t.Run(c.name, func(t *testing.T) {
			tx := newMemTx()
			tx.AddDoc("doc", ourPages...)
			for _, f := range c.have {
				if _, err := (coding.AddFragment{Fragment: f}).Apply(tx); err != nil {
					t.Fatal(err)
				}
			}
			before := tx.FragmentLines()
			im := NewImport(c.in)
			srcs, _ := im.PDFSources()
			for _, src := range srcs {
				if err := im.AddDocument(src, "doc"); err != nil {
					t.Fatal(err)
				}
			}
			undo, err := im.Apply(tx)
			if err != nil {
				t.Fatal(err)
			}
			got := slices.DeleteFunc(tx.FragmentLines(), func(f string) bool { return slices.Contains(before, f) })
			if !slices.Equal(got, c.want) {
				t.Errorf("fragments\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if c.warning != "" && !slices.ContainsFunc(im.Warnings, func(w string) bool { return strings.Contains(w, c.warning) }) {
				t.Errorf("warnings %q, want one with %q", im.Warnings, c.warning)
			}
			if im.Added != c.added || im.Here != c.here {
				t.Errorf("added %v, here %v; want %v, %v", im.Added, im.Here, c.added, c.here)
			}
			if _, err := undo.Apply(tx); err != nil {
				t.Fatal(err)
			}
			if after := tx.FragmentLines(); !slices.Equal(after, before) || len(tx.Codebook) != 0 {
				t.Errorf("after undo: fragments %q, %d labels", after, len(tx.Codebook))
			}
		})
	}
}

// TestImportLabels: a code becomes a new label with its GUID, definition
// and colour; a label of the same name is kept as it is, its definition
// filled in only when it has none.
func TestImportLabels(t *testing.T) {
	tx := newMemTx()
	tx.Codebook["l1"] = coding.Label{ID: "l1", Name: "theme", Colour: "#000000"}
	im := NewImport(testFile("QualCoder 3.6", "", false))
	if _, err := im.Apply(tx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range tx.Codebook {
		got = append(got, fmt.Sprintf("%s %s %s %q", l.ID, l.Name, l.Colour, l.Definition))
	}
	slices.Sort(got)
	want := []string{trustCode + ` Trust #123456 "Believing staff"`, `l1 theme #000000 ""`}
	if !slices.Equal(got, want) {
		t.Errorf("labels\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if im.Added.Labels != 1 || im.Here.Labels != 1 {
		t.Errorf("added %v, here %v", im.Added, im.Here)
	}
}

// TestImportPlan: who the file's people are (not the tool's own user),
// and which sources are left out.
func TestImportPlan(t *testing.T) {
	im := NewImport(testFile("ATLAS.ti 8.4", "", false))
	if got := im.Users(); !slices.Equal(got, []string{"Bea"}) {
		t.Errorf("users %q", got)
	}
	pdfs, warnings := im.PDFSources()
	if len(pdfs) != 1 || pdfs[0].Name != "Fox study" {
		t.Errorf("PDF sources %+v", pdfs)
	}
	if want := []string{"left out: 1 picture (cmocoder codes text and PDFs only)"}; !slices.Equal(warnings, want) {
		t.Errorf("warnings %q, want %q", warnings, want)
	}
}

func TestPseudoUser(t *testing.T) {
	for _, c := range []struct {
		name, origin string
		want         bool
	}{
		{"ATLAS.ti", "ATLAS.ti 8.4.0", true},
		{"atlas.ti", " ATLAS.ti", true},
		{"NVivo", "NVivo for Windows", true},
		{"Ana", "Anaconda 2", false}, // a prefix of a word is not the tool
		{"Al", "Al 1.0", false},      // too short to tell
		{"Bea", "ATLAS.ti 8.4.0", false},
	} {
		if got := pseudoUser(c.name, c.origin); got != c.want {
			t.Errorf("pseudoUser(%q, %q) = %v", c.name, c.origin, got)
		}
	}
}

func TestSourceNames(t *testing.T) {
	const guid = "d0000000-0000-0000-0000-000000000001"
	for _, c := range []struct {
		src                  Source
		display, file, title string
	}{
		{Source{GUID: guid, Name: "Fox study", CurrentPath: `C:\Papers\fox.pdf`}, "Fox study", "fox.pdf", "Fox study"},
		{Source{GUID: guid, Name: "Fox study", CurrentPath: "/home/ana/fox.PDF"}, "Fox study", "fox.PDF", "Fox study"},
		{Source{GUID: guid, Name: "fox.pdf"}, "fox.pdf", "fox.pdf", "fox"},
		{Source{GUID: guid, Name: "Fox study", CurrentPath: "/"}, "Fox study", "Fox study.pdf", "Fox study"},
		{Source{GUID: guid, Name: "{" + strings.ToUpper(guid) + "}"}, "{" + strings.ToUpper(guid) + "}", "{" + strings.ToUpper(guid) + "}.pdf", ""},
		{Source{GUID: guid}, guid, guid + ".pdf", ""},
	} {
		if got := c.src.DisplayName(); got != c.display {
			t.Errorf("%+v: DisplayName %q, want %q", c.src, got, c.display)
		}
		if got := c.src.FileName(); got != c.file {
			t.Errorf("%+v: FileName %q, want %q", c.src, got, c.file)
		}
		if got := c.src.Title(); got != c.title {
			t.Errorf("%+v: Title %q, want %q", c.src, got, c.title)
		}
	}
}

// TestSetStudy: the export's variables come back as study
// characteristics, in any case; a judgement that cannot be read is left
// out with a warning.
func TestSetStudy(t *testing.T) {
	for _, c := range []struct {
		name    string
		vars    map[string]string
		check   func(coding.Source) bool
		warning string
	}{
		{"text fields", map[string]string{"Authors": "Bea, C.", "YEAR": "2019", "Design": "RCT", "Rigour note": "small"},
			func(s coding.Source) bool {
				return s.Authors == "Bea, C." && s.Year == "2019" && s.Design == "RCT" && s.Rigour.Note == "small"
			}, ""},
		{"judgements", map[string]string{"Relevance": "high", "rigour": "moderate"},
			func(s coding.Source) bool {
				return s.Relevance.Judgement == coding.High && s.Rigour.Judgement == coding.Moderate
			}, ""},
		{"a judgement not known", map[string]string{"Relevance": "superb", "Location": "Ghana"},
			func(s coding.Source) bool {
				return s.Relevance.Judgement == coding.NotAppraised && s.Location == "Ghana"
			},
			`relevance "superb" left out: `},
		{"other variables ignored", map[string]string{"Colour": "blue"},
			func(s coding.Source) bool { return s == coding.Source{} }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var doc coding.Document
			warnings := Source{Variables: c.vars}.SetStudy(&doc)
			if !c.check(doc.Source()) {
				t.Errorf("source %+v", doc.Source())
			}
			if c.warning == "" && len(warnings) > 0 || c.warning != "" && (len(warnings) != 1 || !strings.HasPrefix(warnings[0], c.warning)) {
				t.Errorf("warnings %q, want %q", warnings, c.warning)
			}
		})
	}
}

func ExampleCounts() {
	fmt.Println(Counts{Documents: 1, Fragments: 6, CMOCs: 2, Theories: 1, Labels: 4, Coders: 2})
	fmt.Println(Counts{Fragments: 1, CMOCs: 1})
	// Output:
	// 1 document, 6 fragments, 2 CMOCs, 1 theory, 4 labels, 2 coders
	// 0 documents, 1 fragment, 1 CMOC, 0 theories, 0 labels, 0 coders
}

// TestRead: the extension says what a file is, and a ZIP is a .qdpx
// whatever its name.
func TestRead(t *testing.T) {
	qdc := `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="` + trustCode + `" name="Trust" isCodable="true"/></Codes></CodeBook>`
	qde := `<Project name="p" origin="Tool"><CodeBook><Codes><Code guid="` + trustCode + `" name="Trust" isCodable="true"/></Codes></CodeBook></Project>`
	qdpx := zipOf(t, map[string]string{"project.qde": qde})
	for _, c := range []struct {
		name, data string
		want       string // "codes", "file", "archive" or the error's start
	}{
		{"book.qdc", qdc, "codes"},
		{"BOOK.QDC", qdc, "codes"},
		{"p.qde", qde, "file"},
		{"p.qdpx", string(qdpx), "archive"},
		{"p.zip", string(qdpx), "archive"},
		{"p.qdc", qde, "not a REFI-QDA codebook"},
		{"p.qdpx", qde, "not a .qdpx file"},
		{"p.txt", qde, "not a REFI-QDA file"},
	} {
		in, err := Read(c.name, []byte(c.data))
		got := "codes"
		switch {
		case err != nil:
			got = err.Error()
		case in.Archive != nil:
			got = "archive"
		case in.File != nil:
			got = "file"
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("Read(%s) = %s, want %s", c.name, got, c.want)
		}
		if err == nil && (len(in.Codes) != 1 || in.Codes[0].Name != "Trust" || in.Name != c.name) {
			t.Errorf("Read(%s): %+v", c.name, in)
		}
	}
}
