package session

import (
	"testing"

	"cmocoder.org/cmocoder/pdfview"
)

// testEngine is a PDF engine for tb, closed when tb ends.
func testEngine(tb testing.TB) *pdfview.Engine {
	tb.Helper()
	eng, err := NewEngine()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { eng.Close() })
	return eng
}
