package pdfview

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
)

// TestExtractGolden pins Extract's whole output on every corpus file (text,
// every box bit for bit, page boxes, rotation, warnings) to a SHA-256 in
// testdata/extract.sha256, so that a change made for speed is proved not to
// change a byte. A change meant to alter the output (reading order, text
// rules) rewrites the file: CMOCODER_UPDATE_GOLDEN=1 go test -run
// TestExtractGolden ./pdfview/, and say so in the commit.
func TestExtractGolden(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skip("shared test PDFs not found")
	}
	golden := filepath.Join("testdata", "extract.sha256")
	var b strings.Builder
	for _, c := range corpus {
		fmt.Fprintf(&b, "%x  %s\n", extractHash(extractCorpus(t, c.file)), c.file)
	}
	if os.Getenv("CMOCODER_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("extraction output changed (CMOCODER_UPDATE_GOLDEN=1 if meant):\n got:\n%s\nwant:\n%s", got, want)
	}
}

func extractHash(ex *Extracted) []byte {
	h := sha256.New()
	f := func(v float32) { _ = binary.Write(h, binary.LittleEndian, math.Float32bits(v)) }
	fmt.Fprintf(h, "pages %d ocr %v warnings %q\n", len(ex.Pages), ex.NeedsOCR, ex.Warnings)
	for _, p := range ex.Pages {
		fmt.Fprintf(h, "page %d rot %d\n%s\n", p.Number, p.Rotation, p.Text)
		f(p.X0)
		f(p.Y0)
		f(p.X1)
		f(p.Y1)
		for _, bx := range p.Boxes {
			f(bx.X0)
			f(bx.Y0)
			f(bx.X1)
			f(bx.Y1)
		}
	}
	return h.Sum(nil)
}

// TestDirectCalls checks that the direct calls of wasmtext.go and the one
// call a page of wasmbatch.go are found (else extraction silently takes a
// slower path) and answer exactly what go-pdfium's calls answer, index by
// index, on every page of two files (cebaf: Type 3 fonts, control
// characters).
func TestDirectCalls(t *testing.T) {
	for _, name := range []string{"dpr-emnlp2020-arxiv-twocolumn.pdf", "cebaf-th-94-08-type3-dvips.pdf"} {
		data := readCorpus(t, name)
		err := testEngine(t).run(context.Background(), func(ctx context.Context, inst pdfium.Pdfium) error {
			d := newDirect(inst)
			if d == nil {
				t.Fatal("newDirect: go-pdfium's implementation is not what wasmtext.go expects")
			}
			defer d.close()
			doc, err := openDocument(inst, data, "")
			if err != nil {
				return err
			}
			n, err := pageCount(inst, doc)
			if err != nil {
				return err
			}
			checked := 0
			for i := range n {
				lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
				if err != nil {
					return err
				}
				tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &lp.Page}})
				if err != nil {
					return err
				}
				cc, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
				if err != nil {
					return err
				}
				slow := &textPageSource{inst: inst, tp: tp.TextPage, n: cc.Count}
				fast, err := d.source(slow)
				if err != nil {
					t.Fatalf("%s p%d: %v", name, i+1, err)
				}
				if fast.read == nil {
					t.Fatalf("%s p%d: charsModule did not answer: no runtime, module or batch found", name, i+1)
				}
				single := *fast
				single.read = nil // each question its own direct call
				for k := range cc.Count {
					u1, e1 := slow.unicode(k)
					b1, f1 := slow.box(k)
					for how, src := range map[string]*directSource{"one call a page": fast, "direct": &single} {
						u2, e2 := src.unicode(k)
						b2, f2 := src.box(k)
						if u1 != u2 || (e1 == nil) != (e2 == nil) || b1 != b2 || (f1 == nil) != (f2 == nil) {
							t.Fatalf("%s p%d index %d: go-pdfium %q %v %v %v, %s %q %v %v %v", name, i+1, k, u1, e1, b1, f1, how, u2, e2, b2, f2)
						}
					}
					t1, g1 := slow.tight(k)
					t2, g2 := fast.tight(k)
					h1, i1 := slow.generated(k)
					h2, i2 := fast.generated(k)
					y1, j1 := slow.hyphen(k)
					y2, j2 := fast.hyphen(k)
					if t1 != t2 || (g1 == nil) != (g2 == nil) || h1 != h2 || (i1 == nil) != (i2 == nil) || y1 != y2 || (j1 == nil) != (j2 == nil) {
						t.Fatalf("%s p%d index %d: tight/generated/hyphen differ: %v %v %v, direct %v %v %v", name, i+1, k, t1, h1, y1, t2, h2, y2)
					}
					checked++
				}
				fast.release()
				inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
				inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
			}
			if checked == 0 {
				t.Errorf("%s: no characters", name)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
