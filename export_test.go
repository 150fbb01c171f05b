package main

// Exports through the binary on the demo project, read back with
// independent readers: encoding/csv, excelize, LibreOffice and pdftotext.

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"github.com/xuri/excelize/v2"
)

// demoStatement is the demo CMOC's one-line statement (app/demo.go).
const demoStatement = "When authority over staff is held nationally (C), weak local leadership (M−, Resource) leaves staff uncommitted (M−, Reasoning), and nobody can hold them to account (O−)."

var (
	exportTables  = []string{"cmocs", "fragments", "matrix", "codebook", "sources"}
	exportFormats = []string{"csv", "xlsx", "docx", "md", "html", "tex"}
)

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestExportEveryTableAndFormat(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	before := fileSum(t, p)
	for _, table := range exportTables {
		for _, format := range exportFormats {
			out := filepath.Join(dir, table+"."+format)
			r := run(t, "export", p, "--table", table, "--format", format, "-o", out)
			if r.code != 0 || r.stderr != "" || r.stdout != "" {
				t.Fatalf("export %s %s: exit %d, stdout %q, stderr %q", table, format, r.code, r.stdout, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil || len(data) == 0 {
				t.Fatalf("export %s %s: %v, %d bytes", table, format, err, len(data))
			}
			if format == "xlsx" || format == "docx" {
				continue
			}
			// Text formats go to stdout, the same bytes.
			if got := mustRun(t, "export", p, "--table", table, "--format", format); got != string(data) {
				t.Errorf("export %s %s: stdout differs from the file", table, format)
			}
		}
	}
	if fileSum(t, p) != before {
		t.Error("exporting changed the project file")
	}
	for _, format := range []string{"md", "html", "csv"} {
		data, _ := os.ReadFile(filepath.Join(dir, "cmocs."+format))
		s := string(data)
		if format == "html" {
			s = strings.NewReplacer("&#39;", "'", "&#34;", `"`, "&amp;", "&").Replace(s)
		}
		if !strings.Contains(s, demoStatement) {
			t.Errorf("cmocs.%s lacks the CMOC statement", format)
		}
		if !strings.Contains(s, "Leading for quality") {
			t.Errorf("cmocs.%s lacks the programme theory", format)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "cmocs.html"))
	for _, want := range []string{"<!DOCTYPE html>", "(C) → ", "(M−, Resource)", "(O−)", ", pp. 6, 8"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("cmocs.html lacks %q", want)
		}
	}
	// CSV: the header and one row per CMOC, fragment, label.
	for table, rows := range map[string]int{"cmocs": 1, "fragments": 5, "codebook": 4, "sources": 1, "matrix": 5} {
		data, _ := os.ReadFile(filepath.Join(dir, table+".csv"))
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s.csv: %v", table, err)
		}
		if len(recs) != rows+1 {
			t.Errorf("%s.csv: %d records, want %d", table, len(recs), rows+1)
		}
	}
	tex, _ := os.ReadFile(filepath.Join(dir, "cmocs.tex"))
	if !strings.Contains(string(tex), `\begin{tabular}`) || !strings.Contains(string(tex), `\end{tabular}`) || !strings.Contains(string(tex), `(M\ensuremath{-}, Resource)`) {
		t.Errorf("cmocs.tex is not a complete tabular:\n%s", tex)
	}
	// excelize reads the workbooks back.
	f, err := excelize.OpenFile(filepath.Join(dir, "cmocs.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("cmocs")
	f.Close()
	if err != nil || len(rows) < 2 || rows[0][0] != "CMOC" || rows[1][2] != demoStatement {
		t.Errorf("cmocs.xlsx rows = %q, %v", rows, err)
	}
	f, err = excelize.OpenFile(filepath.Join(dir, "matrix.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err = f.GetRows("matrix")
	f.Close()
	if err != nil || len(rows) < 6 || rows[2][0] != "Leadership (N = 1)" || rows[2][1] != "2" || rows[5][0] != "Total" || rows[5][1] != "5" {
		t.Errorf("matrix.xlsx rows = %q, %v", rows, err)
	}
	checkWithLibreOffice(t, dir)
}

// checkWithLibreOffice converts the cmocs docx and xlsx to PDF with
// LibreOffice and looks for the CMOC statement with pdftotext.
func checkWithLibreOffice(t *testing.T, dir string) {
	for _, format := range []string{"docx", "xlsx"} {
		text, err := exec.Command("pdftotext", toPDF(t, filepath.Join(dir, "cmocs."+format)), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", format, err)
		}
		got := flat(string(text))
		want := demoStatement
		if format == "xlsx" {
			// A spreadsheet wraps the statement within its cell, and
			// pdftotext reads the neighbouring cell's lines in between:
			// look for its first line.
			want = "When authority"
		}
		if !strings.Contains(got, want) {
			t.Errorf("the PDF LibreOffice made of cmocs.%s lacks %q:\n%s", format, want, got)
		}
		if !strings.Contains(got, "Agyeman-Duah") && !strings.Contains(got, "2014, pp. 6, 8") {
			t.Errorf("the PDF of cmocs.%s lacks the supporting source", format)
		}
	}
}

func TestExportUsage(t *testing.T) {
	p := newDemo(t, t.TempDir())
	for _, args := range [][]string{
		{"export", p, "--table", "cmocs", "--format", "xlsx"},
		{"export", p, "--table", "cmocs", "--format", "docx"},
		{"export", p, "--table", "cmocs"},
		{"export", p, "--format", "csv"},
		{"export", p, "--table", "nope", "--format", "csv"},
		{"export", p, "--table", "cmocs", "--format", "pdf"},
		{"export", "--table", "cmocs", "--format", "csv"},
		{"source", p},
	} {
		if r := run(t, args...); r.code != 2 {
			t.Errorf("cmocoder %s: exit %d, want 2 (%s)", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if out := mustRun(t, "export", p, "--table", "matrix", "--format", "md", "--by", "theories"); !strings.Contains(out, "| Leading for quality (N = 1) | 4 | 4 | 1 |") {
		t.Errorf("theory matrix:\n%s", out)
	}
	if r := run(t, "export", p, "--table", "matrix", "--format", "md", "--by", "codes"); r.code != 2 {
		t.Errorf("--by codes: exit %d, want 2", r.code)
	}
	if r := run(t, "export", filepath.Join(t.TempDir(), "missing.cmoproj"), "--table", "cmocs", "--format", "csv"); r.code != 1 {
		t.Errorf("missing project: exit %d, want 1", r.code)
	}
}

func TestExportReportsDeletedEvidence(t *testing.T) {
	dir := t.TempDir()
	p := newDemo(t, dir)
	// Delete the CMOC's reasoning fragment, as the app would.
	gone := deleteFragmentOf(t, p, coding.Reasoning)
	for _, format := range []string{"csv", "md", "html"} {
		r := run(t, "export", p, "--table", "cmocs", "--format", format)
		if r.code != 0 {
			t.Fatalf("export: exit %d: %s", r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "warning") || !strings.Contains(r.stderr, "missing evidence") || !strings.Contains(r.stderr, gone.ID[:8]) {
			t.Errorf("%s: stderr does not report the missing evidence: %q", format, r.stderr)
		}
		if !strings.Contains(r.stdout, "missing evidence: 1 of 4 fragments deleted") || !strings.Contains(r.stdout, "by tester") {
			t.Errorf("%s: the table does not report the missing evidence:\n%s", format, r.stdout)
		}
		if !strings.Contains(r.stdout, "weak local leadership") {
			t.Errorf("%s: the CMOC's row is gone", format)
		}
	}
}

func TestSourceVerb(t *testing.T) {
	p := newDemo(t, t.TempDir())
	doc := strings.Fields(mustRun(t, "docs", p))[0]
	out := mustRun(t, "source", p, doc, "--authors", "Agyeman-Duah JNA; Theurer A; Munthali C", "--year", "2014",
		"--design", "Situational analysis", "--location", "Lilongwe, Malawi", "--participants", "38 staff",
		"--objectives", "Barriers to QI", "--citation", "BMC Health Serv Res 2014;14:1", "--relevance", "high",
		"--relevance-note", "Speaks to leadership & 50% of staff", "--rigour", "moderate", "--rigour-note", "Single site")
	for _, want := range []string{"year\t2014", "design\tSituational analysis", "relevance\thigh", "rigour\tmoderate", "rigour_note\tSingle site"} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("source output lacks %q:\n%s", want, out)
		}
	}
	if js := mustRun(t, "source", p, doc, "--json"); !strings.Contains(js, `"relevance_note": "Speaks to leadership & 50% of staff"`) || !strings.Contains(js, `"rigour": "moderate"`) {
		t.Errorf("source --json:\n%s", js)
	}
	if got := mustRun(t, "source", p, doc); got != out {
		t.Errorf("source without flags printed\n%s\nwant\n%s", got, out)
	}
	before := fileSum(t, p)
	for _, args := range [][]string{{"--year", "20x"}, {"--relevance", "great"}} {
		if r := run(t, append([]string{"source", p, doc}, args...)...); r.code != 1 || r.stderr == "" {
			t.Errorf("source %v: exit %d, want 1", args, r.code)
		}
	}
	if fileSum(t, p) != before {
		t.Error("a refused edit changed the project file")
	}
	csvOut := mustRun(t, "export", p, "--table", "sources", "--format", "csv")
	for _, want := range []string{"Agyeman-Duah et al. 2014", "Situational analysis", "Lilongwe, Malawi", "Speaks to leadership & 50% of staff", "Leadership (2)"} {
		if !strings.Contains(csvOut, want) {
			t.Errorf("sources.csv lacks %q:\n%s", want, csvOut)
		}
	}
	if cm := mustRun(t, "export", p, "--table", "cmocs", "--format", "csv"); !strings.Contains(cm, "Agyeman-Duah et al. 2014, pp. 6, 8") {
		t.Errorf("cmocs.csv does not cite the source with pages:\n%s", cm)
	}
}
