package main

import (
	"archive/zip"
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testfiles"
)

// qdeCodings is what this test reads of a project.qde, with its own
// parser: the codes by GUID and each text selection's codes.
type qdeCodings struct {
	Codes      []qdeCode `xml:"CodeBook>Codes>Code"`
	Selections []struct {
		GUID    string `xml:"guid,attr"`
		CodeRef []struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"Coding>CodeRef"`
	} `xml:"Sources>TextSource>PlainTextSelection"`
}

type qdeCode struct {
	GUID     string    `xml:"guid,attr"`
	Name     string    `xml:"name,attr"`
	Children []qdeCode `xml:"Code"`
}

// TestImportRoles: `import --roles "CODE=outcome"` makes every passage
// coded with CODE an outcome fragment, and CODE is not a label; the
// passages are counted from the file itself.
func TestImportRoles(t *testing.T) {
	sample := filepath.Join(refiSamples, "qc-1.3.2-demo.qdpx")
	zr, err := zip.OpenReader(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var q qdeCodings
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "project.qde") {
			if err := xml.Unmarshal(testfiles.ReadZipped(t, f), &q); err != nil {
				t.Fatal(err)
			}
		}
	}
	names := codeNames(q.Codes)
	// The code with the most passages (the first by name among equals).
	coded := map[string][]string{}
	for _, s := range q.Selections {
		seen := map[string]bool{}
		for _, r := range s.CodeRef {
			if n := names[strings.ToLower(r.Target)]; n != "" && !seen[n] {
				seen[n] = true
				coded[n] = append(coded[n], strings.ToLower(s.GUID))
			}
		}
	}
	var code string
	for n := range coded {
		if code == "" || len(coded[n]) > len(coded[code]) || len(coded[n]) == len(coded[code]) && n < code {
			code = n
		}
	}
	if len(coded[code]) < 2 {
		t.Fatalf("the sample's busiest code %q has %d passages", code, len(coded[code]))
	}

	p := newProject(t)
	mustRun(t, "import", p, sample, "--roles", strings.ToUpper(code)+"=outcome")
	var got []string
	for _, f := range listFragments(t, p) {
		if f.Role != "outcome" {
			continue
		}
		got = append(got, strings.ToLower(f.ID))
		for _, l := range f.Labels {
			if strings.EqualFold(l, code) {
				t.Errorf("fragment %s carries %q as a label; it is the role", f.ID, l)
			}
		}
	}
	want := coded[code]
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("outcome fragments %v\nwant the %d passages coded %q: %v", got, len(want), code, want)
	}

	// A code the file does not have (exit 1), a role that is none or a
	// pair without "=" (usage, exit 2): one line saying so, the project as
	// it was.
	for _, c := range []struct {
		roles string
		code  int
		msg   string
	}{
		{"No such code=context", 1, `has no code named "No such code"`},
		{code + "=mechanism", 2, `unknown role "mechanism"`},
		{"context", 2, `"context" is not CODE=ROLE`},
	} {
		q := newProject(t)
		before, _ := os.ReadFile(q)
		r := run(t, "import", q, sample, "--roles", c.roles)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != c.code || !strings.Contains(first, c.msg) {
			t.Errorf("--roles %q: exit %d, stderr %q; want exit %d and a first line with %q", c.roles, r.code, r.stderr, c.code, c.msg)
		}
		if after, _ := os.ReadFile(q); string(after) != string(before) {
			t.Errorf("--roles %q changed the project", c.roles)
		}
	}
}
