package pdfview

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// maxFuzzPDF bounds the files fuzzed, so that each run is short: what goes
// wrong in PDFium or the second parser shows in small files.
const maxFuzzPDF = 64 << 10

// FuzzExtract gives `add` (and the REFI-QDA import) any bytes as a PDF:
// Extract returns pages whose boxes match their text, or an *Error, and
// never panics. The seeds (testdata/fuzz/FuzzExtract) are the first KBs
// of the files in ../shared/testdata/pdf. Run it with
//
//	go test ./pdfview -run '^$' -fuzz '^FuzzExtract$' -fuzztime 60s -parallel 1
func FuzzExtract(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzPDF {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		ex, err := testEngine(t).Extract(ctx, data, "")
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T), not an *Error", err, err)
			}
			if errors.Is(err, ErrEngine) {
				t.Fatalf("the engine broke: %v", err)
			}
			return
		}
		for i, p := range ex.Pages {
			if n := utf8.RuneCountInString(p.Text); n != len(p.Boxes) {
				t.Fatalf("page %d: %d code points, %d boxes", i+1, n, len(p.Boxes))
			}
			if strings.ContainsRune(p.Text, coding.PageSeparator) {
				t.Fatalf("page %d holds the page separator", i+1)
			}
		}
		if title := GuessTitle(ex.Info.Title, ex.Pages, "fuzz.pdf"); !utf8.ValidString(title) {
			t.Fatalf("title %q is not UTF-8", title)
		}
	})
}
