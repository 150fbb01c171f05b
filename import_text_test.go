package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// The REFI-QDA import of text sources, checked against what the producing
// tool coded as this file reads it: its own small parser of project.qde
// and the source files, not cmocoder's reader.

// qdeText is what the test reads of a project.qde: its origin and text
// sources with their selections.
type qdeText struct {
	Origin  string `xml:"origin,attr"`
	Sources []struct {
		XMLName       xml.Name
		GUID          string  `xml:"guid,attr"`
		PlainTextPath string  `xml:"plainTextPath,attr"`
		Content       *string `xml:"PlainTextContent"`
		Selections    []struct {
			GUID  string `xml:"guid,attr"`
			Start int    `xml:"startPosition,attr"`
			End   int    `xml:"endPosition,attr"`
			User  string `xml:"creatingUser,attr"`
		} `xml:"PlainTextSelection"`
	} `xml:"Sources>TextSource"`
}

// codedPassage is one PlainTextSelection, the text it covers and where,
// in code points, that text starts once line breaks are LF; its source
// and its creating user (the GUIDs as written).
type codedPassage struct {
	guid, text   string
	start        int
	source, user string
}

// codedPassages reads a .qdpx (or a bare .qde or .qdc) and returns, for
// each TextSource whose text the file holds (not blank), its selections'
// texts: offsets are code points, but UTF-16 units for NVivo, over the
// file's text without a leading BOM.
func codedPassages(t *testing.T, file string) (sources int, passages []codedPassage) {
	t.Helper()
	files := sampleFiles(t, file)
	var p qdeText
	if err := xml.Unmarshal(files["project.qde"], &p); err != nil {
		t.Fatal(err)
	}
	nvivo := strings.Contains(strings.ToLower(p.Origin), "nvivo")
	for _, src := range p.Sources {
		var text string
		if src.Content != nil {
			text = *src.Content
		} else {
			data, ok := files["sources/"+strings.ToLower(strings.TrimPrefix(src.PlainTextPath, "internal://"))]
			if !ok {
				continue
			}
			text = strings.TrimPrefix(string(data), "\ufeff")
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		sources++
		for _, sel := range src.Selections {
			var before, s string
			if nvivo {
				u := utf16.Encode([]rune(text))
				before, s = string(utf16.Decode(u[:sel.Start])), string(utf16.Decode(u[sel.Start:sel.End]))
			} else {
				r := []rune(text)
				before, s = string(r[:sel.Start]), string(r[sel.Start:sel.End])
			}
			passages = append(passages, codedPassage{sel.GUID, lf(s), utf8.RuneCountInString(lf(before)), src.GUID, sel.User})
		}
	}
	return sources, passages
}

// distinctPassages counts the passages of different spans or users.
func distinctPassages(ps []codedPassage) int {
	seen := map[string]bool{}
	for _, p := range ps {
		seen[fmt.Sprint(strings.ToLower(p.source), p.start, p.text, strings.ToLower(p.user))] = true
	}
	return len(seen)
}

// lf makes every line break LF.
func lf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// sameStoredText reports whether a fragment's text is want as cmocoder
// stores it: a line break or space where a page ends is the page
// separator.
func sameStoredText(got, want string) bool {
	g, w := []rune(got), []rune(want)
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		if g[i] != w[i] && !(g[i] == '\f' && (w[i] == '\n' || w[i] == ' ')) {
			return false
		}
	}
	return true
}

// textDocuments counts a project's text documents and all its documents.
func textDocuments(t *testing.T, project string) (texts, all int) {
	t.Helper()
	st := openStored(t, project)
	docs, err := st.Documents()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Format == "txt" {
			texts++
		}
	}
	return texts, len(docs)
}

// TestImportEverySample: every sample goes in (exit 0, stderr only
// warnings), with one text document per text source whose text the file
// holds (ATLAS.ti's standard project and MAXQDA's bare .qde hold none;
// NVivo for Mac's are empty) and no other document (their PDFs are not in
// the files either).
func TestImportEverySample(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(refiSamples, "*.qd*"))
	if err != nil || len(files) < 7 {
		t.Fatalf("samples %q, %v", files, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			sources, _ := codedPassages(t, file)
			p := newProject(t)
			r := run(t, "import", p, file)
			if r.code != 0 || !strings.HasPrefix(r.stdout, fmt.Sprintf("imported: %s, ", coding.Count(sources, "document"))) {
				t.Fatalf("exit %d, stdout %q, want %d documents\n%s", r.code, r.stdout, sources, r.stderr)
			}
			for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
				if l != "" && !strings.HasPrefix(l, "cmocoder: import: warning: ") {
					t.Errorf("stderr line %q", l)
				}
			}
			if texts, all := textDocuments(t, p); texts != sources || all != sources {
				t.Errorf("%d documents, %d of them text; the file has %d text sources with text", all, texts, sources)
			}
		})
	}
}

// withContextCode gives every PlainTextSelection of a project.qde one
// more coding, with a top-level code "Context", so that each becomes a
// fragment.
func withContextCode(qde []byte) []byte {
	const guid = "c0c0c0c0-0000-4000-8000-000000000001"
	qde = bytes.Replace(qde, []byte("<Codes>"), []byte(`<Codes><Code guid="`+guid+`" name="Context" isCodable="true"/>`), 1)
	sel := regexp.MustCompile(`<PlainTextSelection [^>]*[^/]>`)
	return sel.ReplaceAllFunc(qde, func(m []byte) []byte {
		return []byte(string(m) + `<Coding guid="` + guid + `"><CodeRef targetGUID="` + guid + `"/></Coding>`)
	})
}

// TestImportTextSources: the NVivo for Windows (UTF-16 offsets, BOM, CRLF)
// and qc samples, with every passage also coded Context, give one text
// document per text source and one fragment per passage whose text is
// what the tool coded.
func TestImportTextSources(t *testing.T) {
	for _, c := range []struct {
		file          string
		docs, passage int
	}{
		{"nvivo-win-12.6-hu-youtube-comments.qdpx", 2, 303},
		{"qc-1.3.2-demo.qdpx", 2, 158},
	} {
		// As the tool wrote it (no passage has a role code: each comes in
		// unclassified), and with a Context code added to every passage.
		for _, v := range []struct {
			name, role string
		}{{"as written", "unclassified"}, {"with a Context code", "context"}} {
			t.Run(c.file+" "+v.name, func(t *testing.T) {
				dir := t.TempDir()
				coded := filepath.Join(refiSamples, c.file)
				if v.role == "context" {
					coded = filepath.Join(dir, "coded.qdpx")
					rewriteQdpx(t, filepath.Join(refiSamples, c.file), coded, withContextCode, func(s string) string { return s })
				}
				sources, passages := codedPassages(t, coded)
				if sources != c.docs || len(passages) != c.passage {
					t.Fatalf("the test read %d text sources and %d passages, want %d and %d", sources, len(passages), c.docs, c.passage)
				}
				// The selections of one span by one user are one passage.
				spans := distinctPassages(passages)
				p := newProject(t)
				out := mustRun(t, "import", p, coded)
				if want := fmt.Sprintf("imported: %d documents, %d fragments, ", sources, spans); !strings.HasPrefix(out, want) {
					t.Errorf("import said %q, want it to start %q", out, want)
				}
				if texts, all := textDocuments(t, p); texts != sources || all != sources {
					t.Errorf("%d documents, %d of them text, want %d text documents", all, texts, sources)
				}
				frags := map[string]fragmentRow{} // by document and span
				for _, f := range listFragments(t, p) {
					frags[fmt.Sprint(f.DocID, f.Start, f.End)] = f
				}
				bad := 0
				for _, want := range passages {
					f, ok := frags[fmt.Sprint(strings.ToLower(want.source), want.start, want.start+utf8.RuneCountInString(want.text))]
					switch {
					case !ok:
						t.Errorf("passage %s: no fragment", want.guid)
					case f.Role != v.role:
						t.Errorf("passage %s: role %q", want.guid, f.Role)
					case !sameStoredText(f.Text, want.text) || f.Start != want.start:
						t.Errorf("passage %s: fragment at %d: %q; the tool coded at %d: %q", want.guid, f.Start, f.Text, want.start, want.text)
					default:
						continue
					}
					if bad++; bad > 5 {
						t.Fatal("and more")
					}
				}

				// Again: the same texts are the same documents, and every
				// fragment is here already.
				again := mustRun(t, "import", p, coded)
				if want := fmt.Sprintf("already here: %d documents, %d fragments, ", sources, spans); !strings.HasPrefix(again, "imported: 0 documents, 0 fragments, ") || !strings.Contains(again, want) {
					t.Errorf("import again said %q, want 0 new documents and fragments and %q", again, want)
				}

				// cmocoder's own export of them: the same documents (by ID and
				// text: its text has LF line ends), the same fragments.
				exported := filepath.Join(dir, "exported.qdpx")
				mustRun(t, "export", p, "--format", "qdpx", "-o", exported)
				back := mustRun(t, "import", p, exported)
				if want := fmt.Sprintf("already here: %d documents, %d fragments, ", sources, spans); !strings.HasPrefix(back, "imported: 0 documents, 0 fragments, ") || !strings.Contains(back, want) {
					t.Errorf("importing its export said %q, want 0 new documents and fragments and %q", back, want)
				}
			})
		}
	}
}

// TestImportTextDocumentBack: a coded Word interview exported as .qdpx
// comes back into its own project as the same document and fragment, and
// into a new project as a text document with the same fragment text.
func TestImportTextDocumentBack(t *testing.T) {
	p := newProject(t)
	mustRun(t, "add", p, filepath.Join(textdocDir, "interview.docx"))
	qdpx, _, _ := codeInterviewAndExport(t, p)

	if out := mustRun(t, "import", p, qdpx); !strings.HasPrefix(out, "imported: 0 documents, 0 fragments, ") || !strings.Contains(out, "already here: 1 document, 1 fragment") {
		t.Errorf("into its own project: %q", out)
	}
	other := newProject(t)
	if out := mustRun(t, "import", other, qdpx); !strings.HasPrefix(out, "imported: 1 document, 1 fragment, ") {
		t.Errorf("into a new project: %q", out)
	}
	if texts, all := textDocuments(t, other); texts != 1 || all != 1 {
		t.Errorf("%d documents, %d of them text", all, texts)
	}
	if fs := listFragments(t, other); len(fs) != 1 || fs[0].Text != interviewQuote || fs[0].Role != "context" {
		t.Errorf("fragments %+v, want one Context %q", fs, interviewQuote)
	}
}
