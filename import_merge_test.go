package main

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding/refiqda"
)

// The REFI-QDA import of passages coded with many codes, and of a project
// re-exported with new GUIDs. Expected values come from this file's own
// reading of the sample's project.qde, not from cmocoder's reader.

// qdeCoded is what this test reads of a project.qde: users, codes and
// each text selection with its codes.
type qdeCoded struct {
	Users []struct {
		GUID string `xml:"guid,attr"`
		Name string `xml:"name,attr"`
	} `xml:"Users>User"`
	Codes   []qdeCode `xml:"CodeBook>Codes>Code"`
	Sources []struct {
		GUID          string `xml:"guid,attr"`
		PlainTextPath string `xml:"plainTextPath,attr"`
		Selections    []struct {
			Start int    `xml:"startPosition,attr"`
			End   int    `xml:"endPosition,attr"`
			User  string `xml:"creatingUser,attr"`
			Codes []struct {
				Target string `xml:"targetGUID,attr"`
			} `xml:"Coding>CodeRef"`
		} `xml:"PlainTextSelection"`
	} `xml:"Sources>TextSource"`
}

// TestImportNVivoPassagesMerged: NVivo for Windows writes a passage coded
// with n codes as n selections of one span; each span (and creating user)
// becomes one fragment carrying all their codes as labels.
func TestImportNVivoPassagesMerged(t *testing.T) {
	sample := filepath.Join(refiSamples, "nvivo-win-12.6-hu-youtube-comments.qdpx")
	var q qdeCoded
	files := sampleFiles(t, sample)
	if err := xml.Unmarshal(files["project.qde"], &q); err != nil {
		t.Fatal(err)
	}
	names := codeNames(q.Codes)
	users := map[string]string{}
	for _, u := range q.Users {
		users[strings.ToLower(u.GUID)] = u.Name
	}
	// want: "doc start-end coder" -> the code names, sorted, each once.
	// The offsets are NVivo's UTF-16 units over the file's text, made code
	// points over that text with LF line breaks (cmocoder's).
	want := map[string][]string{}
	selections := 0
	for _, src := range q.Sources {
		data, ok := files["sources/"+strings.ToLower(strings.TrimPrefix(src.PlainTextPath, "internal://"))]
		if !ok {
			t.Fatalf("source %s: no %s", src.GUID, src.PlainTextPath)
		}
		u := utf16.Encode([]rune(strings.TrimPrefix(string(data), "\ufeff")))
		at := func(unit int) int { return utf8.RuneCountInString(lf(string(utf16.Decode(u[:unit])))) }
		for _, s := range src.Selections {
			selections++
			k := fmt.Sprintf("%s %d-%d %s", strings.ToLower(src.GUID), at(s.Start), at(s.End), users[strings.ToLower(s.User)])
			for _, c := range s.Codes {
				if n := names[strings.ToLower(c.Target)]; !slices.Contains(want[k], n) {
					want[k] = append(want[k], n)
				}
			}
			slices.Sort(want[k])
		}
	}
	t.Logf("%d selections, %d passages", selections, len(want))
	if selections != 303 || len(want) >= selections {
		t.Fatalf("the test read %d selections in %d passages; the sample has 303 selections, several of one span", selections, len(want))
	}

	p := newProject(t)
	out := mustRun(t, "import", p, sample)
	if prefix := fmt.Sprintf("imported: 2 documents, %d fragments, ", len(want)); !strings.HasPrefix(out, prefix) {
		t.Errorf("import said %q, want it to start %q", out, prefix)
	}
	var got []string
	for _, f := range listFragments(t, p) {
		labels := slices.Sorted(slices.Values(f.Labels))
		got = append(got, fmt.Sprintf("%s %d-%d %s %q", f.DocID, f.Start, f.End, f.Coder, labels))
		if f.Role != "unclassified" {
			t.Errorf("fragment %s: role %q", f.ID, f.Role)
		}
	}
	var wants []string
	for k, names := range want {
		wants = append(wants, fmt.Sprintf("%s %q", k, names))
	}
	slices.Sort(got)
	slices.Sort(wants)
	if !slices.Equal(got, wants) {
		for i := 0; i < min(len(got), len(wants)); i++ {
			if got[i] != wants[i] {
				t.Errorf("first difference: got %s\nwant %s", got[i], wants[i])
				break
			}
		}
		t.Errorf("%d fragments, want %d", len(got), len(wants))
	}
}

// codeNames are the names of codes and of the codes nested in them, by
// GUID (lower case).
func codeNames(cs []qdeCode) map[string]string {
	names := map[string]string{}
	var walk func([]qdeCode)
	walk = func(cs []qdeCode) {
		for _, c := range cs {
			names[strings.ToLower(c.GUID)] = c.Name
			walk(c.Children)
		}
	}
	walk(cs)
	return names
}

// guidAttrs are a project.qde's attributes that hold a GUID (guid,
// targetGUID, originGUID, creatingUser, modifyingUser), not its paths.
var guidAttrs = regexp.MustCompile(`(?i)((?:guid|user)=")([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"`)

// newGUIDs gives every entity of a project.qde a new GUID, as a tool's
// re-export does; the file names of its sources stay.
func newGUIDs(qde []byte) []byte {
	return guidAttrs.ReplaceAllFunc(qde, func(m []byte) []byte {
		sub := guidAttrs.FindSubmatch(m)
		return []byte(string(sub[1]) + refiqda.GUID("again "+strings.ToLower(string(sub[2]))) + `"`)
	})
}

// TestImportReexportNewGUIDs: a project exported to .qdpx, its GUIDs all
// replaced (QualCoder's re-export), imported back into the same project
// adds no fragment: each is already here by its document, span, role,
// labels and coder.
func TestImportReexportNewGUIDs(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	for _, file := range []string{filepath.Join(pdfDir, mergePDF), filepath.Join(textdocDir, "interview.docx")} {
		out := mustRun(t, "add", p, file)
		doc := strings.Split(out, "\t")[0]
		text := mustRun(t, "text", p, doc)
		codeAs(t, p, doc, text, "ana", 2, 4, "context", "Trust")
		codeAs(t, p, doc, text, "ana", 6, 6, "outcome")
		codeAs(t, p, doc, text, "bea", 6, 6, "outcome", "Access", "Trust")
		codeAs(t, p, doc, text, "bea", 8, 9, "unclassified", "Time")
	}
	before := listFragments(t, p)
	dir := t.TempDir()
	exported, renamed := filepath.Join(dir, "exported.qdpx"), filepath.Join(dir, "renamed.qdpx")
	mustRun(t, "export", p, "--format", "qdpx", "-o", exported)
	rewriteQdpx(t, exported, renamed, newGUIDs, func(s string) string { return s })
	if fileSum(t, exported) == fileSum(t, renamed) {
		t.Fatal("no GUID replaced")
	}
	out := mustRun(t, "import", p, renamed)
	if want := fmt.Sprintf("already here: 2 documents, %d fragments", len(before)); !strings.HasPrefix(out, "imported: 0 documents, 0 fragments, ") || !strings.Contains(out, want) {
		t.Errorf("import said %q, want 0 new documents and fragments and %q", out, want)
	}
	if after := listFragments(t, p); len(after) != len(before) {
		t.Errorf("%d fragments after the import, %d before", len(after), len(before))
	}
}
