package coding_test

import (
	"fmt"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

func ExampleCount() {
	fmt.Println(coding.Count(1, "fragment"))
	fmt.Println(coding.Count(2, "fragment"))
	fmt.Println(coding.Count(1, "CMOC"))
	fmt.Println(coding.Count(0, "CMOC"))
	fmt.Println(coding.Count(3, "programme theory"))
	fmt.Printf("Read 3 of %s\n", coding.Count(4, "page"))
	// Output:
	// 1 fragment
	// 2 fragments
	// 1 CMOC
	// 0 CMOCs
	// 3 programme theories
	// Read 3 of 4 pages
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{1, "fragment", "1 fragment"},
		{0, "fragment", "0 fragments"},
		{2, "CMOC", "2 CMOCs"},
		{2, "PDF", "2 PDFs"},
		{1, "theory", "1 theory"},
		{2, "theory", "2 theories"},
		{2, "Theory", "2 Theories"},
		{2, "day", "2 days"},
		{5, "document", "5 documents"},
		{2, "label", "2 labels"},
		{2, "coder", "2 coders"},
		{2, "page", "2 pages"},
		{2, "source", "2 sources"},
		{2, "hit", "2 hits"},
		{2, "box", "2 boxes"},
		{2, "match", "2 matches"},
		{2, "person", "2 people"},
		{2, "analysis", "2 analyses"},
		{2, "coded passage", "2 coded passages"},
		{2, "word source", "2 word sources"},
		{-1, "character", "-1 character"},
	} {
		if got := coding.Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}
