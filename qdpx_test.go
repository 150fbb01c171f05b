package main

// `cmocoder export --format qdpx`: the REFI-QDA project file as another
// tool would open it.

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/assets"
	"cmocoder.org/cmocoder/internal/testfiles"
	"cmocoder.org/cmocoder/internal/testtools"
)

// qdpxFile is a .qdpx opened: its entries and its project.qde parsed.
type qdpxFile struct {
	files   map[string][]byte
	qde     []byte
	project struct {
		CreatingUser string `xml:"creatingUserGUID,attr"`
		Created      string `xml:"creationDateTime,attr"`
		Users        []struct {
			GUID string `xml:"guid,attr"`
			Name string `xml:"name,attr"`
		} `xml:"Users>User"`
		PDFSources []struct {
			GUID           string `xml:"guid,attr"`
			Path           string `xml:"path,attr"`
			CurrentPath    string `xml:"currentPath,attr"`
			Representation struct {
				PlainTextPath string `xml:"plainTextPath,attr"`
				Selections    []struct {
					GUID    string `xml:"guid,attr"`
					Start   int    `xml:"startPosition,attr"`
					End     int    `xml:"endPosition,attr"`
					User    string `xml:"creatingUser,attr"`
					Codings []struct {
						Code struct {
							Target string `xml:"targetGUID,attr"`
						} `xml:"CodeRef"`
					} `xml:"Coding"`
				} `xml:"PlainTextSelection"`
			} `xml:"Representation"`
		} `xml:"Sources>PDFSource"`
		Notes []struct {
			GUID    string `xml:"guid,attr"`
			Content string `xml:"PlainTextContent"`
		} `xml:"Notes>Note"`
		Links []struct {
			Origin string `xml:"originGUID,attr"`
			Target string `xml:"targetGUID,attr"`
		} `xml:"Links>Link"`
		Sets []struct {
			Name    string `xml:"name,attr"`
			Members []struct {
				Target string `xml:"targetGUID,attr"`
			} `xml:"MemberNote"`
		} `xml:"Sets>Set"`
	}
}

func openQdpx(t *testing.T, path string) qdpxFile {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a zip: %v", path, err)
	}
	defer zr.Close()
	q := qdpxFile{files: map[string][]byte{}}
	for _, f := range zr.File {
		q.files[f.Name] = testfiles.ReadZipped(t, f)
	}
	q.qde = q.files["project.qde"]
	if q.qde == nil {
		t.Fatalf("%s holds no project.qde", path)
	}
	if err := xml.Unmarshal(q.qde, &q.project); err != nil {
		t.Fatalf("project.qde: %v", err)
	}
	return q
}

// validateQDE checks a project.qde against the REFI-QDA schema with
// xmllint: skipped without it, a failure under CMOCODER_E2E.
func validateQDE(t *testing.T, qde []byte) {
	testtools.ValidateQDE(t, qde, "../shared/refi-qda/schema/Project-mrt2019.xsd")
}

func TestQdpxExport(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	ds := docs(t, p)
	if len(ds) != 1 {
		t.Fatalf("demo has %d documents", len(ds))
	}
	// One more fragment (by another coder, with a memo) and a CMOC of it
	// under a second theory.
	text := mustRun(t, "text", p, ds[0].ID)
	const quote = "Human resource shortages"
	start, end := quoteSpan(t, text, quote)
	fragID := strings.TrimSpace(mustRun(t, "code", p, ds[0].ID, strconv.Itoa(start), strconv.Itoa(end),
		"--role", "outcome", "--valence", "+", "--label", "Staffing", "--coder", "Bea", "--memo", "Seen on the wards too."))
	cmocID := strings.TrimSpace(mustRun(t, "cmoc", p, "--statement", "Shortages (O+)", "--fragment", fragID, "--theory", "Staffing"))

	out := filepath.Join(dir, "out.qdpx")
	r := run(t, "export", p, "--format", "qdpx", "-o", out)
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("export: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	q := openQdpx(t, out)
	validateQDE(t, q.qde)

	// The project says who created it and when, as one of its users.
	creator := ""
	for _, u := range q.project.Users {
		if u.GUID == q.project.CreatingUser {
			creator = u.Name
		}
	}
	if creator == "" || !strings.HasSuffix(q.project.Created, "Z") {
		t.Errorf("Project creatingUserGUID %q (user %q), creationDateTime %q", q.project.CreatingUser, creator, q.project.Created)
	}

	// The PDF in the zip is the one the project holds, byte for byte.
	var sums []struct {
		ID     string `json:"id"`
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "docs", p, "--json")), &sums); err != nil {
		t.Fatal(err)
	}
	if len(q.project.PDFSources) != 1 {
		t.Fatalf("%d PDFSources", len(q.project.PDFSources))
	}
	src := q.project.PDFSources[0]
	pdfName, ok := strings.CutPrefix(src.Path, "internal://")
	if !ok || src.GUID != sums[0].ID || src.CurrentPath != assets.DemoFileName {
		t.Errorf("PDFSource guid %s path %q currentPath %q", src.GUID, src.Path, src.CurrentPath)
	}
	pdf := q.files["sources/"+pdfName]
	sum := sha256.Sum256(pdf)
	if hex.EncodeToString(sum[:]) != sums[0].SHA256 || !bytes.Equal(pdf, assets.DemoPDF) {
		t.Errorf("the PDF in the zip (%d bytes) is not the project's", len(pdf))
	}

	// Every fragment is a selection whose code points in the .txt are the
	// fragment's text.
	txtName, _ := strings.CutPrefix(src.Representation.PlainTextPath, "internal://")
	txt, ok := q.files["sources/"+txtName]
	if !ok {
		t.Fatalf("no sources/%s in the zip", txtName)
	}
	if string(txt) != strings.ReplaceAll(text, "\f", "\n") {
		t.Error("the .txt is not the document text with page breaks as line breaks")
	}
	runes := []rune(string(txt))
	var frags []struct {
		ID    string `json:"id"`
		Start int    `json:"start"`
		End   int    `json:"end"`
		Coder string `json:"coder"`
		Text  string `json:"text"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "fragments", p, "--json")), &frags); err != nil {
		t.Fatal(err)
	}
	sels := src.Representation.Selections
	if len(sels) != len(frags) || len(frags) != 6 {
		t.Fatalf("%d selections for %d fragments", len(sels), len(frags))
	}
	users := map[string]string{}
	for _, u := range q.project.Users {
		users[u.GUID] = u.Name
	}
	for _, f := range frags {
		found := false
		for _, s := range sels {
			if s.GUID != f.ID {
				continue
			}
			found = true
			if s.Start != f.Start || s.End != f.End || string(runes[s.Start:s.End]) != strings.ReplaceAll(f.Text, "\f", "\n") {
				t.Errorf("fragment %s %d-%d %q: selection %d-%d holds %q", f.ID, f.Start, f.End, f.Text, s.Start, s.End, string(runes[s.Start:s.End]))
			}
			if users[s.User] != f.Coder || len(s.Codings) < 2 {
				t.Errorf("fragment %s: by %q (want %q), %d codings", f.ID, users[s.User], f.Coder, len(s.Codings))
			}
		}
		if !found {
			t.Errorf("fragment %s has no selection", f.ID)
		}
	}

	// Both CMOCs are notes; the new one links to its fragment and sits in
	// the set of its theory.
	var cmocNote string
	for _, n := range q.project.Notes {
		if n.GUID == cmocID {
			cmocNote = n.Content
		}
	}
	if !strings.Contains(cmocNote, "Shortages (O+)") || !strings.Contains(cmocNote, "“Human resource shortages”") {
		t.Errorf("CMOC note %q", cmocNote)
	}
	linked, inSet := false, false
	for _, l := range q.project.Links {
		linked = linked || (l.Origin == cmocID && l.Target == fragID)
	}
	for _, s := range q.project.Sets {
		for _, m := range s.Members {
			inSet = inSet || (s.Name == "Staffing" && m.Target == cmocID)
		}
	}
	if !linked || !inSet || len(q.project.Sets) != 2 || len(q.project.Links) != 5 {
		t.Errorf("linked %v, in its set %v; %d sets, %d links", linked, inSet, len(q.project.Sets), len(q.project.Links))
	}

	// The same project exports to the same bytes.
	again := filepath.Join(dir, "again.qdpx")
	mustRun(t, "export", p, "--format", "qdpx", "-o", again)
	if fileSum(t, again) != fileSum(t, out) {
		t.Error("two exports of the same project differ")
	}
}

func TestQdpxExportErrors(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	before := fileSum(t, p)

	// Without -o: a usage error.
	r := run(t, "export", p, "--format", "qdpx")
	if r.code != 2 || !strings.Contains(r.stderr, "-o") || r.stdout != "" {
		t.Errorf("qdpx without -o: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, "export", p, "--format", "qdpx", "--table", "cmocs", "-o", filepath.Join(dir, "x.qdpx"))
	if r.code != 2 {
		t.Errorf("qdpx with --table: exit %d, stderr %q", r.code, r.stderr)
	}

	// Into a directory that does not exist: exit 1, one line, nothing written.
	missing := filepath.Join(dir, "no-such-dir", "out.qdpx")
	r = run(t, "export", p, "--format", "qdpx", "-o", missing)
	if r.code != 1 || strings.Count(strings.TrimRight(r.stderr, "\n"), "\n") != 0 || !strings.Contains(r.stderr, "out.qdpx") {
		t.Errorf("into a missing directory: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Errorf("the missing directory was created: %v", err)
	}

	// An existing file is replaced only when the export succeeds: with the
	// project's PDF damaged, the export fails half way and leaves it.
	out := filepath.Join(dir, "out.qdpx")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.cmoproj")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE pdfs SET data = X'255044462D00'"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r = run(t, "export", bad, "--format", "qdpx", "-o", out)
	if r.code != 1 || strings.Count(strings.TrimRight(r.stderr, "\n"), "\n") != 0 {
		t.Errorf("export of a damaged PDF: exit %d, stderr %q", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(out); string(got) != "old" {
		t.Errorf("a failed export changed the existing file (%d bytes)", len(got))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a failed export left %s behind", e.Name())
		}
	}
	mustRun(t, "export", p, "--format", "qdpx", "-o", out)
	q := openQdpx(t, out)
	validateQDE(t, q.qde)
	if fileSum(t, p) != before {
		t.Error("exporting changed the project file")
	}
}
