package main

// Tests of `cmocoder refs` and the screening fields of `cmocoder source`
// on the shared PDFs.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refsRIS is what EndNote exports for Tully et al. (matched by the DOI
// printed on its first page) and a reference that is not in the project.
const refsRIS = "TY  - JOUR\r\n" +
	"AU  - Tully, Nuala E.\r\nAU  - Morgan, Karen M.\r\nAU  - Burke, Helen M.\r\nAU  - McGee, Hannah M.\r\n" +
	"TI  - Patient experiences of structured heart failure programmes\r\n" +
	"T2  - Rehabilitation Research and Practice\r\nPY  - 2010\r\nVL  - 2010\r\nSP  - 157939\r\n" +
	"DO  - 10.1155/2010/157939\r\nER  - \r\n" +
	"TY  - JOUR\r\nAU  - Nobody, A.\r\nTI  - A paper nobody imported\r\nPY  - 2001\r\nER  - \r\n"

// refsBib is what Zotero exports as BibTeX for Agyeman-Duah et al. (a DOI
// not printed in the PDF: matched by the title on its first page, with a
// braced acronym and a different subtitle) and Datta et al. (no DOI:
// matched by the PDF's title, with an accent to decode).
const refsBib = `@article{agyeman2014,
  author = {Agyeman-Duah, Josephine Nana Afrakoma and Theurer, Antje and Munthali, Charles and Alide, Noor and Neuhann, Florian},
  title = {Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at {KCH}},
  journal = {{BMC} Health Services Research},
  year = {2014}, volume = {14}, number = {1}, pages = {1--10},
  doi = {10.1186/1472-6963-14-1}
}
@article{datta2010,
  author = {Datta, Indraneel and Ball, Chad G. and Rudmik, Lucas and Hameed, S. Morad and Kortbeek, John B.},
  title = {Complications related to deep venous thrombosis prophylaxis in trauma: a systematic review of the literature},
  journal = {Journal of Trauma Management {\&} Outcomes},
  year = 2010, volume = 4, pages = {1},
  note = {R{\'e}sum{\'e} in {\"O}sterreich}
}
`

type sourceRefsJSON struct {
	Authors   string `json:"authors"`
	Year      string `json:"year"`
	Citation  string `json:"citation"`
	Journal   string `json:"journal"`
	Volume    string `json:"volume"`
	Issue     string `json:"issue"`
	Pages     string `json:"pages"`
	DOI       string `json:"doi"`
	Richness  string `json:"richness"`
	Decision  string `json:"decision"`
	Reason    string `json:"reason"`
	Stage     string `json:"stage"`
	DecidedBy string `json:"decided_by"`
	DecidedAt string `json:"decided_at"`
}

func sourceOf(t *testing.T, project, doc string, args ...string) sourceRefsJSON {
	t.Helper()
	var s sourceRefsJSON
	out := mustRun(t, append([]string{"source", project, doc, "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err, out)
	}
	return s
}

// TestRefsMatchSharedPDFs imports RIS and BibTeX for three of the shared
// PDFs: matched by DOI and by title, authors in order, fields the reviewer
// typed kept unless --overwrite, unmatched documents and references listed.
func TestRefsMatchSharedPDFs(t *testing.T) {
	p := projectWithPDFs(t, "hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf",
		"bmc-jtmo-2010-datta-systematic-review.pdf", "peerj-2017-webb-vespa.pdf")
	// A year the reviewer typed is kept.
	mustRun(t, "source", p, "bmc-jtmo-2010-datta-systematic-review.pdf", "--year", "2011")
	dir := t.TempDir()
	ris, bib := filepath.Join(dir, "endnote.ris"), filepath.Join(dir, "zotero.bib")
	os.WriteFile(ris, []byte(refsRIS), 0o644)
	os.WriteFile(bib, []byte(refsBib), 0o644)

	out := mustRun(t, "refs", p, ris)
	if want := "matched: 1, unmatched documents: bmc-hsr-2014-agyeman-duah.pdf; bmc-jtmo-2010-datta-systematic-review.pdf; peerj-2017-webb-vespa.pdf, unmatched references: A paper nobody imported\n"; out != want {
		t.Errorf("refs RIS printed\n%q\nwant\n%q", out, want)
	}
	tully := sourceOf(t, p, "hindawi-rrp-2010-tully.pdf")
	if tully.Authors != "Tully, Nuala E.; Morgan, Karen M.; Burke, Helen M.; McGee, Hannah M." || tully.DOI != "10.1155/2010/157939" ||
		tully.Journal != "Rehabilitation Research and Practice" || tully.Pages != "157939" || tully.Year != "2010" {
		t.Errorf("Tully after refs: %+v", tully)
	}
	if !strings.Contains(tully.Citation, "Patient experiences of structured heart failure programmes.") {
		t.Errorf("Tully's citation: %q", tully.Citation)
	}

	out = mustRun(t, "refs", p, bib)
	if want := "matched: 2, unmatched documents: hindawi-rrp-2010-tully.pdf; peerj-2017-webb-vespa.pdf, unmatched references: none\n"; out != want {
		t.Errorf("refs BibTeX printed\n%q\nwant\n%q", out, want)
	}
	ad := sourceOf(t, p, "bmc-hsr-2014-agyeman-duah.pdf")
	if ad.Authors != "Agyeman-Duah, Josephine Nana Afrakoma; Theurer, Antje; Munthali, Charles; Alide, Noor; Neuhann, Florian" ||
		ad.Journal != "BMC Health Services Research" || ad.Pages != "1-10" || ad.Issue != "1" || ad.DOI != "10.1186/1472-6963-14-1" {
		t.Errorf("Agyeman-Duah after refs: %+v", ad)
	}
	datta := sourceOf(t, p, "bmc-jtmo-2010-datta-systematic-review.pdf")
	if datta.Year != "2011" || datta.Journal != "Journal of Trauma Management & Outcomes" || datta.Volume != "4" ||
		!strings.HasPrefix(datta.Authors, "Datta, Indraneel; Ball, Chad G.;") {
		t.Errorf("Datta after refs: %+v", datta)
	}
	// Tables cite the sources by the reference's authors; the reference
	// list gives them in full.
	srcTable := mustRun(t, "export", p, "--table", "sources", "--format", "csv")
	for _, want := range []string{"\nTully et al. 2010,", "\nAgyeman-Duah et al. 2014,", "\nDatta et al. 2011,"} {
		if !strings.Contains(srcTable, want) {
			t.Errorf("sources table lacks %q:\n%s", want, srcTable)
		}
	}
	refList := mustRun(t, "export", p, "--table", "references", "--format", "md")
	if want := "| Agyeman-Duah et al. 2014 | Agyeman-Duah, Josephine Nana Afrakoma, Theurer, Antje, Munthali, Charles, Alide, Noor, Neuhann, Florian (2014). Understanding the barriers"; !strings.Contains(refList, want) ||
		strings.Index(refList, "Agyeman-Duah et al.") > strings.Index(refList, "Tully et al.") {
		t.Errorf("references lack %q or are out of order:\n%s", want, refList)
	}
	mustRun(t, "refs", p, bib, "--overwrite")
	if datta = sourceOf(t, p, "bmc-jtmo-2010-datta-systematic-review.pdf"); datta.Year != "2010" {
		t.Errorf("--overwrite left year %q, want 2010", datta.Year)
	}
}

// TestRefsAccentsAndBadFile decodes BibTeX accents into the authors and
// refuses a file that is no reference list with exit status 1.
func TestRefsAccentsAndBadFile(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	mustRun(t, "add", p, filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"))
	mustRun(t, "source", p, "hindawi-rrp-2010-tully.pdf", "--authors", "")
	bib := filepath.Join(t.TempDir(), "a.bib")
	os.WriteFile(bib, []byte(`@article{t, author = {Sundstr{\"o}m, Anna and Jos\'{e} Garc{\'\i}a and {\AA}berg, {\O}ystein},
		title = "{P}atient {E}xperiences of Structured Heart Failure Programmes", year = {2010}}`), 0o644)
	if out := mustRun(t, "refs", p, bib); !strings.HasPrefix(out, "matched: 1,") {
		t.Errorf("refs printed %q", out)
	}
	if got := sourceOf(t, p, "hindawi-rrp-2010-tully.pdf").Authors; got != "Sundström, Anna; García, José; Åberg, Øystein" {
		t.Errorf("authors %q", got)
	}
	bad := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(bad, []byte("just some notes\n"), 0o644)
	if r := run(t, "refs", p, bad); r.code != 1 || !strings.Contains(r.stderr, "notes.txt") {
		t.Errorf("refs on a text file: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSourceScreening sets richness and a decision with a reason through
// the CLI: stored canonically, who and when recorded.
func TestSourceScreening(t *testing.T) {
	needPDFs(t)
	p := newProject(t)
	mustRun(t, "add", p, filepath.Join(pdfDir, "hindawi-rrp-2010-tully.pdf"))
	s := sourceOf(t, p, "hindawi-rrp-2010-tully.pdf", "--richness", "h", "--decision", "exclude", "--reason", "insufficient rigour", "--stage", "rigour")
	if s.Richness != "high" || s.Decision != "exclude" || s.Reason != "insufficient rigour" || s.Stage != "rigour" ||
		s.DecidedBy != "tester" || s.DecidedAt == "" {
		t.Errorf("after source: %+v", s)
	}
	if r := run(t, "source", p, "hindawi-rrp-2010-tully.pdf", "--decision", "maybe"); r.code != 1 || !strings.Contains(r.stderr, "maybe") {
		t.Errorf("unknown decision: exit %d, %q", r.code, r.stderr)
	}
	if s = sourceOf(t, p, "hindawi-rrp-2010-tully.pdf"); s.Decision != "exclude" {
		t.Errorf("decision %q after a refused edit", s.Decision)
	}
}
