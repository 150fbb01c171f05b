package main

// REFI-QDA area coding (PDFSelection): imported as the text inside the
// rectangle, exported beside each PDF fragment's text selection. Where the
// words are is poppler's `pdftotext -bbox` (top-left origin), not
// cmocoder's PDFium extraction.

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// bboxWord is a word of `pdftotext -bbox`: points, origin top left.
type bboxWord struct {
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// bboxPage is a page of `pdftotext -bbox`, as displayed (its /Rotate
// applied), and its /Rotate as pdfinfo says.
type bboxPage struct {
	Width, Height float64
	Rotate        int
	Words         []bboxWord
}

// pdfWords runs `pdftotext -bbox` on a PDF: its pages and their words.
func pdfWords(t *testing.T, pdf string) []bboxPage {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", pdf, err)
	}
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	// Control characters of a PDF's text are not XML.
	clean := strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' {
			return ' '
		}
		return r
	}, string(out))
	d := xml.NewDecoder(strings.NewReader(clean))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("pdftotext -bbox output: %v", err)
	}
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", strconv.Itoa(len(doc.Pages)), pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	rot := regexp.MustCompile(`(?m)^Page +(\d+) rot: +(\d+)`).FindAllStringSubmatch(string(info), -1)
	if len(rot) != len(doc.Pages) {
		t.Fatalf("pdfinfo gives the rotation of %d pages of %d", len(rot), len(doc.Pages))
	}
	var pages []bboxPage
	for i, p := range doc.Pages {
		bp := bboxPage{Width: p.Width, Height: p.Height}
		bp.Rotate, _ = strconv.Atoi(rot[i][2])
		for _, w := range p.Words {
			bp.Words = append(bp.Words, bboxWord{w.XMin, w.YMin, w.XMax, w.YMax, w.Text})
		}
		pages = append(pages, bp)
	}
	return pages
}

// lines groups a page's words into lines by their bottom edge.
func (p bboxPage) lines() [][]bboxWord {
	var out [][]bboxWord
	for _, w := range p.Words {
		if n := len(out); n > 0 && math.Abs(out[n-1][0].YMax-w.YMax) < 0.5 {
			out[n-1] = append(out[n-1], w)
			continue
		}
		out = append(out, []bboxWord{w})
	}
	return out
}

// area is a REFI-QDA rectangle (origin bottom left, whole points)
// enclosing words of a page, with a margin.
func area(p bboxPage, words []bboxWord, margin float64) (x0, y0, x1, y1 int) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, w := range words {
		minX, minY, maxX, maxY = min(minX, w.XMin), min(minY, w.YMin), max(maxX, w.XMax), max(maxY, w.YMax)
	}
	return int(math.Floor(minX - margin)), int(math.Floor(p.Height - maxY - margin)),
		int(math.Ceil(maxX + margin)), int(math.Ceil(p.Height - minY + margin))
}

// inside are the words of a page whose centre lies in a REFI-QDA
// rectangle: origin bottom left, in the page's unrotated user space (as
// the PDF's content is drawn, before /Rotate turns the page).
func (p bboxPage) inside(x0, y0, x1, y1 float64) []bboxWord {
	var out []bboxWord
	for _, w := range p.Words {
		cx, cy := p.unrotate((w.XMin+w.XMax)/2, (w.YMin+w.YMax)/2)
		if cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 {
			out = append(out, w)
		}
	}
	return out
}

// unrotate turns a point as displayed (origin top left) into the page's
// user space (origin bottom left).
func (p bboxPage) unrotate(x, y float64) (ux, uy float64) {
	switch p.Rotate {
	case 90:
		return y, x
	case 180:
		return p.Width - x, y
	case 270:
		return p.Height - y, p.Width - x
	}
	return x, p.Height - y
}

func joinWords(ws []bboxWord) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.Text)
	}
	return strings.Join(s, " ")
}

// letters is s lower case with only its letters and digits: what two
// extractions agree on whatever their spacing and hyphenation.
func letters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeZip writes a .qdpx of the given files.
func writeZip(t *testing.T, path string, files map[string][]byte) {
	t.Helper()
	writeZipWith(t, path, func(zw *zip.Writer) error {
		for name, data := range files {
			w, err := zw.Create(name)
			if err != nil {
				return err
			}
			if _, err := w.Write(data); err != nil {
				return err
			}
		}
		return nil
	})
}

// TestImportPDFSelection: an ATLAS.ti-style project of a PDF with area
// codings on its second page (page="1": pages count from 0) and a third:
// the area around four words of a line becomes a fragment of those words;
// an area with no text is a warning naming its page; an area with the
// GUID of a text selection, and one with its code over the same words,
// are that passage, imported once; an area whose page is not a number is
// a warning, not a file that cannot be read.
func TestImportPDFSelection(t *testing.T) {
	needPDFs(t)
	pdf := filepath.Join(pdfDir, "bmc-jtmo-2010-datta-systematic-review.pdf")
	pages := pdfWords(t, pdf)
	p2 := pages[1]
	if p2.Rotate != 0 || pages[2].Rotate != 0 {
		t.Fatal("pages 2 and 3 are turned: area and inside below assume they are not")
	}
	var long [][]bboxWord // the body lines of page 2 with six words or more
	for _, l := range p2.lines() {
		if len(l) >= 6 && l[0].YMin > 80 {
			long = append(long, l)
		}
	}
	if len(long) < 2 {
		t.Fatalf("page 2 has %d lines of six words", len(long))
	}
	four, three := long[0][1:5], long[1][:3]
	ax0, ay0, ax1, ay1 := area(p2, four, 1)
	if got := joinWords(p2.inside(float64(ax0), float64(ay0), float64(ax1), float64(ay1))); got != joinWords(four) {
		t.Fatalf("the area around %q holds %q", joinWords(four), got)
	}
	bx0, by0, bx1, by1 := area(p2, long[1], 1) // the whole line of the text selection
	// The bottom left corner of page 3 holds no word.
	if ws := pages[2].inside(0, 0, 20, 20); len(ws) > 0 {
		t.Fatalf("page 3's corner holds %q", joinWords(ws))
	}
	passage := joinWords(three)
	t.Logf("area of %q; text selection %q", joinWords(four), passage)

	const (
		src, barriers, effects = "0a2b3c4d-0000-4000-8000-000000000001", "0a2b3c4d-0000-4000-8000-0000000000b1", "0a2b3c4d-0000-4000-8000-0000000000e1"
		g1, g2, g3, g4         = "0a2b3c4d-0000-4000-8000-0000000000a1", "0a2b3c4d-0000-4000-8000-0000000000a2", "0a2b3c4d-0000-4000-8000-0000000000a3", "0a2b3c4d-0000-4000-8000-0000000000a4"
	)
	sel := func(guid string, page, x0, y0, x1, y1 int, code string) string {
		return fmt.Sprintf(`<PDFSelection guid="%s" page="%d" firstX="%d" firstY="%d" secondX="%d" secondY="%d"><Coding guid="%s"><CodeRef targetGUID="%s"/></Coding></PDFSelection>`,
			guid, page, x0, y0, x1, y1, guid[:len(guid)-2]+"c0", code)
	}
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Areas" origin="ATLAS.ti 9.1 (test)">
<CodeBook><Codes><Code guid="` + barriers + `" name="Barriers" isCodable="true"/><Code guid="` + effects + `" name="Effects" isCodable="true"/></Codes></CodeBook>
<Sources><PDFSource guid="` + src + `" name="Datta 2010.pdf" path="internal://` + src + `.pdf">` +
		sel(g1, 1, bx0, by0, bx1, by1, barriers) +
		sel(g2, 1, bx0-3, by0-1, bx1+3, by1+1, barriers) +
		sel(g3, 1, ax0, ay0, ax1, ay1, effects) +
		sel(g4, 2, 0, 0, 20, 20, effects) +
		`<PDFSelection guid="0a2b3c4d-0000-4000-8000-0000000000a5" page="" firstX="1" firstY="1" secondX="9" secondY="9"/>` +
		`<Representation guid="0a2b3c4d-0000-4000-8000-0000000000f1"><PlainTextContent>` + passage + `</PlainTextContent>` +
		`<PlainTextSelection guid="` + g1 + `" startPosition="0" endPosition="` + strconv.Itoa(len([]rune(passage))) + `">` +
		`<Coding guid="0a2b3c4d-0000-4000-8000-0000000000d1"><CodeRef targetGUID="` + barriers + `"/></Coding></PlainTextSelection>` +
		`</Representation></PDFSource></Sources></Project>`
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	qdpx := filepath.Join(t.TempDir(), "areas.qdpx")
	writeZip(t, qdpx, map[string][]byte{"project.qde": []byte(qde), "sources/" + src + ".pdf": data})

	p := newProject(t)
	r := run(t, "import", p, qdpx)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "imported: 1 document, 2 fragments,") {
		t.Fatalf("exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
	}
	for _, w := range []string{`cmocoder: import: warning: source "Datta 2010.pdf": area coding without text: not imported (page 3)`,
		`cmocoder: import: warning: source "Datta 2010.pdf, area codings": 1 coded passage without a Context/Mechanism/Outcome code came in unclassified`,
		`cmocoder: import: warning: source "Datta 2010.pdf": area coding 0a2b3c4d-0000-4000-8000-0000000000a5: its page or corners are not numbers; not imported`} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("no warning %q in\n%s", w, r.stderr)
		}
	}
	want := map[string]string{"Barriers": passage, "Effects": joinWords(four)}
	for _, f := range listFragments(t, p) {
		if len(f.Labels) != 1 || f.Page != 2 {
			t.Errorf("fragment %s: labels %q, page %d", f.ID, f.Labels, f.Page)
			continue
		}
		if got := strings.Join(strings.Fields(f.Text), " "); got != want[f.Labels[0]] {
			t.Errorf("fragment coded %s: text %q, want %q", f.Labels[0], got, want[f.Labels[0]])
		}
		delete(want, f.Labels[0])
	}
	if len(want) > 0 {
		t.Errorf("no fragment coded %v", want)
	}
}

// codeRefs are the codes of a selection's codings.
type codeRefs struct {
	Codings []struct {
		Code struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"CodeRef"`
	} `xml:"Coding"`
}

func (c codeRefs) codes() string {
	var s []string
	for _, x := range c.Codings {
		s = append(s, x.Code.Target)
	}
	return strings.Join(s, " ")
}

// exportedSource is a source of cmocoder's project.qde as the tests here
// read it.
type exportedSource struct {
	XMLName      xml.Name
	Name         string `xml:"name,attr"`
	CreatingUser string `xml:"creatingUser,attr"`
	Path         string `xml:"path,attr"`
	Description  string `xml:"Description"`
	Areas        []struct {
		codeRefs
		Name        string  `xml:"name,attr"`
		Page        int     `xml:"page,attr"`
		X0          float64 `xml:"firstX,attr"`
		Y0          float64 `xml:"firstY,attr"`
		X1          float64 `xml:"secondX,attr"`
		Y1          float64 `xml:"secondY,attr"`
		Description string  `xml:"Description"`
	} `xml:"PDFSelection"`
	Representation struct {
		PlainTextPath string              `xml:"plainTextPath,attr"`
		CreatingUser  string              `xml:"creatingUser,attr"`
		Selections    []exportedSelection `xml:"PlainTextSelection"`
	} `xml:"Representation"`
	PlainTextPath string              `xml:"plainTextPath,attr"`
	Selections    []exportedSelection `xml:"PlainTextSelection"`
}

type exportedSelection struct {
	codeRefs
	Name        string `xml:"name,attr"`
	Start       int    `xml:"startPosition,attr"`
	End         int    `xml:"endPosition,attr"`
	Description string `xml:"Description"`
	NoteRefs    []struct {
		Target string `xml:"targetGUID,attr"`
	} `xml:"NoteRef"`
}

// exportedProject is what the tests here read of a project.qde.
type exportedProject struct {
	Users []struct {
		GUID string `xml:"guid,attr"`
	} `xml:"Users>User"`
	Sources struct {
		Any []exportedSource `xml:",any"`
	} `xml:"Sources"`
	Notes []struct {
		GUID    string `xml:"guid,attr"`
		Content string `xml:"PlainTextContent"`
	} `xml:"Notes>Note"`
}

// exportQdpx exports a project as a .qdpx file, checks it against the
// schema and reads it.
func exportQdpx(t *testing.T, project, file string) (qdpxFile, exportedProject) {
	t.Helper()
	mustRun(t, "export", project, "--format", "qdpx", "-o", file)
	q := openQdpx(t, file)
	validateQDE(t, q.qde)
	var x exportedProject
	if err := xml.Unmarshal(q.qde, &x); err != nil {
		t.Fatal(err)
	}
	return q, x
}

// TestExportPDFSelection: cmocoder's export writes beside each PDF
// fragment's text selection an area selection per page with the same
// codes, whose rectangle holds the fragment's words as poppler places
// them; a memo is the selections' Description as well as a note; every
// source has a creatingUser among the users. The file is valid, and
// imported back it gives the same fragments, once each.
func TestExportPDFSelection(t *testing.T) {
	dir := t.TempDir()
	orig := reviewedDemo(t, dir)
	qdpx := filepath.Join(dir, "review.qdpx")
	q, x := exportQdpx(t, orig, qdpx)
	users := map[string]bool{}
	for _, u := range x.Users {
		users[u.GUID] = true
	}
	notes := map[string]string{}
	for _, n := range x.Notes {
		notes[n.GUID] = n.Content
	}
	memos := 0
	for _, s := range x.Sources.Any {
		if !users[s.CreatingUser] || s.Representation.CreatingUser != s.CreatingUser {
			t.Errorf("source %q: creatingUser %q, representation's %q; users %v", s.Name, s.CreatingUser, s.Representation.CreatingUser, users)
		}
		if s.XMLName.Local != "PDFSource" {
			continue
		}
		pdf := filepath.Join(dir, "source.pdf")
		if err := os.WriteFile(pdf, q.files["sources/"+strings.TrimPrefix(s.Path, "internal://")], 0o644); err != nil {
			t.Fatal(err)
		}
		pages := pdfWords(t, pdf)
		text := []rune(string(q.files["sources/"+strings.TrimPrefix(s.Representation.PlainTextPath, "internal://")]))
		if len(s.Representation.Selections) == 0 {
			t.Fatalf("source %q: no selections", s.Name)
		}
		for _, sel := range s.Representation.Selections {
			quote := string(text[sel.Start:sel.End])
			var inside []bboxWord
			n := 0
			for _, a := range s.Areas {
				if a.Name != sel.Name || a.codes() != sel.codes() {
					continue
				}
				n++
				pg := pages[a.Page]
				if (a.X1-a.X0)*(a.Y1-a.Y0) > pg.Width*pg.Height/2 {
					t.Errorf("%q: the area on page %d, %g,%g-%g,%g, is more than half the page", quote, a.Page+1, a.X0, a.Y0, a.X1, a.Y1)
				}
				inside = append(inside, pg.inside(a.X0, a.Y0, a.X1, a.Y1)...)
				if a.Description != sel.Description {
					t.Errorf("%q: area description %q, text selection's %q", quote, a.Description, sel.Description)
				}
			}
			if n == 0 {
				t.Errorf("%q (%s): no area selection beside it", quote, sel.Name)
				continue
			}
			if !strings.Contains(letters(joinWords(inside)), letters(quote)) {
				t.Errorf("%q: its areas hold %q", quote, joinWords(inside))
			}
			if len(sel.NoteRefs) > 0 {
				memos++
				if memo := notes[sel.NoteRefs[0].Target]; memo == "" || sel.Description != memo {
					t.Errorf("%q: description %q, its note %q", quote, sel.Description, memo)
				}
			}
		}
	}
	if memos < 2 {
		t.Errorf("%d fragments with a memo, want the demo's and Bea's", memos)
	}
	importInto(t, orig, qdpx, "imported: 1 document, 6 fragments, 2 CMOCs, 2 theories, 5 labels, 2 coders\n")
}

// TestExportPDFSelectionAcrossPages: a fragment that runs over a page
// break has an area selection on each of its pages, as ATLAS.ti writes
// such a quotation, and comes back from the file as one fragment.
func TestExportPDFSelectionAcrossPages(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	doc := docs(t, p)[0].ID
	text := []rune(mustRun(t, "text", p, doc))
	sep := -1
	for i, r := range text {
		if r == '\f' {
			sep = i
			break
		}
	}
	if sep < 0 {
		t.Fatal("the demo text has one page")
	}
	mustRun(t, "code", p, doc, strconv.Itoa(sep-40), strconv.Itoa(sep+40), "--role", "context")
	qdpx := filepath.Join(dir, "review.qdpx")
	_, x := exportQdpx(t, p, qdpx)
	s := x.Sources.Any[0]
	var pages []int
	for _, sel := range s.Representation.Selections {
		if sel.Start != sep-40 || sel.End != sep+40 {
			continue
		}
		for _, a := range s.Areas {
			if a.Name == sel.Name && a.codes() == sel.codes() {
				pages = append(pages, a.Page)
			}
		}
	}
	if fmt.Sprint(pages) != "[0 1]" {
		t.Errorf("the fragment over the first page break has areas on pages %v (from 0), want [0 1]", pages)
	}
	importInto(t, p, qdpx, "imported: 1 document, 6 fragments, 1 CMOC, 1 theory, 4 labels, 1 coder\n")
}
