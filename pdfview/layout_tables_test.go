package pdfview

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testtools"
)

// layoutDir holds the PDFs of the reading-order tests for tables and
// title pages (see its SOURCES.md).
const layoutDir = "../testdata/pdf-layout"

// layoutCase is one page scored against an independent reference:
// pdftotext -layout (ref "layout"), whose lines are a table's rows, or
// pdftotext's plain text (ref "plain") where the rendered page shows it
// right. With upto, only the text before its first occurrence is scored
// on both sides (a title block, before the body).
type layoutCase struct {
	file      string // in layoutDir, or the shared corpus with "corpus:"
	page      int
	ref, upto string
	f1, order float64 // goals
}

// TestTablesReadByRows: tables whose rows share baselines read row by
// row, word-processor tables (Word 365, PDFMaker for Word, PScript5 and
// Distiller) and tables turned on the page (/Rotate 90 with the table
// upright on screen, and content drawn turned) alike. Before, they came
// out column by column (order 0.20-0.88 against the rows; now 0.84-1).
func TestTablesReadByRows(t *testing.T) {
	runLayoutCases(t, []layoutCase{
		{file: "word365-multiple-tables.pdf", page: 1, ref: "layout", f1: 1, order: 0.98},
		{file: "pdfmaker-word-health-outlay-table.pdf", page: 1, ref: "layout", f1: 0.99, order: 0.90},
		{file: "distiller-pscript5-agstat-table.pdf", page: 1, ref: "layout", f1: 0.99, order: 0.85},
		{file: "itext-rotated-page-budget-table.pdf", page: 1, ref: "layout", f1: 0.99, order: 0.85},
		{file: "itext-clockwise-rotated-table.pdf", page: 1, ref: "layout", f1: 0.99, order: 0.90},
		// A landscape table on a page of a two-column article (Distiller
		// from Arbortext).
		{file: "corpus:bmc-hsr-2014-agyeman-duah.pdf", page: 5, ref: "layout", f1: 0.99, order: 0.80},
	})
}

// TestTitleBlocksReadWhole: side-by-side blocks at the top of a first
// page are read each whole, left to right, before the body: two authors
// over a shared, centred affiliation (dvipdfm), and a side box of
// affiliations beside the abstract (Distiller). Before: order 0.93 and
// 0.70 (the second name after the affiliation; the side box after the
// abstract's first column).
func TestTitleBlocksReadWhole(t *testing.T) {
	runLayoutCases(t, []layoutCase{
		{file: "corpus:naacl06-shinyama-dvipdfm.pdf", page: 1, ref: "plain", upto: "Abstract", f1: 1, order: 0.99},
		{file: "distiller-gut-2010-side-box-title-page.pdf", page: 1, ref: "plain", upto: "ABSTRACT", f1: 0.99, order: 0.99},
	})
}

func runLayoutCases(t *testing.T, cases []layoutCase) {
	testtools.Need(t, "pdftotext")
	for _, c := range cases {
		path := filepath.Join(layoutDir, c.file)
		if name, ok := strings.CutPrefix(c.file, "corpus:"); ok {
			path = filepath.Join(corpusDir, name)
		}
		t.Run(strings.TrimSuffix(filepath.Base(path), ".pdf")+"/p"+strconv.Itoa(c.page), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Skipf("test PDF: %v", err)
			}
			args := []string{"-enc", "UTF-8", "-f", strconv.Itoa(c.page), "-l", strconv.Itoa(c.page)}
			if c.ref == "layout" {
				args = append(args, "-layout")
			}
			out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			ex, err := testEngine(t).Extract(context.Background(), data, "")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			ref, got := strings.Trim(string(out), "\f\n "), joinHyphenated(ex.Pages[c.page-1].Text)
			if c.upto != "" {
				ref, got = before(t, ref, c.upto), before(t, got, c.upto)
			}
			f1, _ := bagF1(ref, got)
			order := orderScore(ref, got)
			t.Logf("F1 %.3f order %.3f", f1, order)
			if f1 < c.f1 || order < c.order {
				t.Errorf("F1 %.3f, order %.3f; goals %.2f, %.2f\nours:\n%s", f1, order, c.f1, c.order, got)
			}
		})
	}
}

// before is s up to the first occurrence of marker.
func before(t *testing.T, s, marker string) string {
	t.Helper()
	i := strings.Index(s, marker)
	if i < 0 {
		t.Fatalf("%q not found in:\n%s", marker, s)
	}
	return s[:i]
}
