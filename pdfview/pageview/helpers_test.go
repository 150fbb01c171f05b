package pageview

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/pdfview"
)

// corpusDir holds the shared test PDFs, beside the checkout as in CI.
const corpusDir = "../../../shared/testdata/pdf"

var (
	engineOnce sync.Once
	engine     *pdfview.Engine
	engineErr  error
)

// testEngine is one PDFium engine for every test of the package, its
// compiled module cached where pdfview's own tests keep theirs.
func testEngine(t testing.TB) *pdfview.Engine {
	t.Helper()
	engineOnce.Do(func() {
		cache := filepath.Join(os.TempDir(), "cmocoder-pdfview-test-wazy")
		engine, engineErr = pdfview.NewEngine(pdfview.Options{CacheDir: cache, Workers: 2})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// extractCorpus is a shared test PDF's bytes and its pages as extracted.
func extractCorpus(t testing.TB, name string) ([]byte, []coding.Page) {
	t.Helper()
	data := readCorpus(t, name)
	ex, err := testEngine(t).Extract(context.Background(), data, "")
	if err != nil {
		t.Fatal(err)
	}
	return data, ex.Pages
}

func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, name))
	if err != nil {
		t.Fatalf("%v (the shared test PDFs belong in ../shared beside the checkout)", err)
	}
	return data
}
