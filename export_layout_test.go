package main

// How the exported CMOC table prints: the .docx through LibreOffice and
// pdftotext, the .xlsx by its sheet XML.

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testfiles"
	"cmocoder.org/cmocoder/internal/testtools"
)

// toPDF converts a document with LibreOffice and returns the PDF's path;
// it skips the test when LibreOffice or poppler is missing (outside CI).
func toPDF(t *testing.T, src string) string {
	t.Helper()
	testtools.Need(t, "soffice", "pdftotext")
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pdf")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+t.TempDir(), "--headless", "--convert-to", "pdf", "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %s: %v\n%s", src, err, b)
	}
	return filepath.Join(out, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+".pdf")
}

// pageSize is the first page's width and height in points, as pdfinfo
// reports them.
func pageSize(t *testing.T, pdf string) (w, h float64) {
	t.Helper()
	out, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("pdfinfo gives no page size:\n%s", out)
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	return w, h
}

// TestDOCXTablePrints: the CMOC table in Word prints on a landscape page
// with every header whole ("Labels" and "Notes" used to print a letter a
// line) and without the internal ID column unless --ids asks for it.
func TestDOCXTablePrints(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	proj := openStored(t, p)
	cs, err := proj.CMOCs()
	proj.Close()
	if err != nil || len(cs) != 1 {
		t.Fatalf("the demo's CMOCs: %d, %v", len(cs), err)
	}
	id := cs[0].ID
	for _, c := range []struct {
		name string
		ids  bool
	}{{"cmocs.docx", false}, {"cmocs-ids.docx", true}} {
		out := filepath.Join(dir, c.name)
		args := []string{"export", p, "--table", "cmocs", "--format", "docx", "-o", out}
		if c.ids {
			args = append(args, "--ids")
		}
		mustRun(t, args...)
		pdf := toPDF(t, out)
		if w, h := pageSize(t, pdf); w <= h {
			t.Errorf("%s: page %gx%g pt is not landscape", c.name, w, h)
		}
		b, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		table := text[strings.Index(text, "Table of CMO configurations"):]
		words := regexp.MustCompile(`[\pL]+`).FindAllString(table, -1)
		seen := map[string]bool{}
		for _, w := range words {
			seen[w] = true
		}
		for _, h := range []string{"CMOC", "Programme", "theory", "Statement", "Context", "Mechanism", "resource",
			"reasoning", "Outcome", "Supporting", "sources", "Labels", "Notes"} {
			if !seen[h] {
				t.Errorf("%s: the header word %q is not whole in the PDF:\n%s", c.name, h, table)
			}
		}
		if got := seen["ID"]; got != c.ids {
			t.Errorf("%s: ID column shown %v, want %v", c.name, got, c.ids)
		}
		if got := strings.Contains(string(testfiles.ZipPart(t, out, "word/document.xml")), id); got != c.ids {
			t.Errorf("%s: the CMOC's ID %s in the document %v, want %v", c.name, id, got, c.ids)
		}
	}
}

// TestXLSXPrintSetup: the CMOC sheet prints on landscape A4 at full size
// (no fit to page), its cells wrap, and its header row repeats on every
// printed page.
func TestXLSXPrintSetup(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	out := filepath.Join(dir, "cmocs.xlsx")
	mustRun(t, "export", p, "--table", "cmocs", "--format", "xlsx", "-o", out)
	sheet, styles, book := string(testfiles.ZipPart(t, out, "xl/worksheets/sheet1.xml")), string(testfiles.ZipPart(t, out, "xl/styles.xml")), string(testfiles.ZipPart(t, out, "xl/workbook.xml"))
	setup := regexp.MustCompile(`<pageSetup[^>]*>`).FindString(sheet)
	if !strings.Contains(setup, `orientation="landscape"`) || !strings.Contains(setup, `paperSize="9"`) {
		t.Errorf("page setup %q: want landscape A4", setup)
	}
	if strings.Contains(sheet, "fitToPage") || strings.Contains(setup, "fitToWidth") || strings.Contains(setup, "fitToHeight") {
		t.Errorf("the sheet is fitted to a page: %s", setup)
	}
	// Every cell of the header and the first row wraps.
	xfs := regexp.MustCompile(`(?s)<cellXfs[^>]*>(.*?)</cellXfs>`).FindStringSubmatch(styles)
	if xfs == nil {
		t.Fatal("styles.xml has no cellXfs")
	}
	xf := regexp.MustCompile(`<xf [^>]*?(?:/>|>.*?</xf>)`).FindAllString(xfs[1], -1)
	for _, row := range []string{"1", "2"} {
		cells := regexp.MustCompile(`<c r="[A-Z]+`+row+`"[^>]*>`).FindAllString(sheet, -1)
		if len(cells) < 10 {
			t.Fatalf("row %s: %d cells", row, len(cells))
		}
		for _, c := range cells {
			s := regexp.MustCompile(` s="(\d+)"`).FindStringSubmatch(c)
			if s == nil {
				t.Errorf("cell %s has no style", c)
				continue
			}
			if i, _ := strconv.Atoi(s[1]); i >= len(xf) || !regexp.MustCompile(`wrapText="(1|true)"`).MatchString(xf[i]) {
				t.Errorf("cell %s does not wrap its text", c)
			}
		}
	}
	titles := regexp.MustCompile(`<definedName[^>]*name="_xlnm.Print_Titles"[^>]*>([^<]*)</definedName>`).FindStringSubmatch(book)
	if titles == nil || strings.ReplaceAll(titles[1], "&#39;", "'") != "'cmocs'!$1:$1" {
		t.Errorf("print titles: %q in\n%s", titles, book)
	}
}
