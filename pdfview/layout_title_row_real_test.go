package pdfview

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestTitleRowRealFiles: a title page with two authors side by side, each
// name over an affiliation of centred lines as wide as a column, made by
// LibreOffice Writer (testdata/pdf-layout/SOURCES.md): both author blocks
// are read whole, left to right, before the abstract. pdftotext reads this
// page wrong (both names, then the first affiliation, the abstract, and
// the second affiliation after the left column), so the reference is
// typed from the page and its source. Before: the abstract came between
// the second name and its affiliation (F1 0.78 up to "Abstract").
func TestTitleRowRealFiles(t *testing.T) {
	cases := []struct {
		file, ref string
	}{
		{"libreoffice-two-authors-title-page.pdf", `Supervision Visits of Community Health
Workers in Four Districts
Amina Banda
Department of Community Health, College of
Medicine
University of Malawi, Blantyre, Malawi
amina.banda@example.org
Peter Mwale
School of Public Health and Family Medicine
University of Malawi, Lilongwe, Malawi
peter.mwale@example.org`},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(layoutDir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			ex, err := testEngine(t).Extract(context.Background(), data, "")
			if err != nil {
				t.Fatal(err)
			}
			got := before(t, ex.Pages[0].Text, "Abstract")
			f1, _ := bagF1(c.ref, got)
			order := orderScore(c.ref, got)
			t.Logf("F1 %.3f order %.3f", f1, order)
			if f1 < 1 || order < 0.99 {
				t.Errorf("F1 %.3f, order %.3f; goals 1, 0.99\nours:\n%s", f1, order, got)
			}
			if want := c.ref + "\n"; got != want {
				t.Errorf("text up to the abstract\n%s\nwant\n%s", got, want)
			}
		})
	}
}
