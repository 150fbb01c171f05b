package coding

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  two\n lines\t", 20, "two lines"},
		{"exactly ten", 11, "exactly ten"},
		{"one word too many", 10, "one word …"},
		{"Sundström et al.", 10, "Sundström…"},
	} {
		if got := Clip(c.in, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestPathCause(t *testing.T) {
	_, missing := os.Open("/no/such/dir/x.pdf")
	denied := &fs.PathError{Op: "open", Path: "/p/x.pdf", Err: fs.ErrPermission}
	plain := errors.New("not a PDF file")
	for _, c := range []struct {
		err  error
		want string
	}{
		{missing, "no such file"},
		{denied, "permission denied"},
		{fmt.Errorf("reading: %w", denied), "permission denied"},
		{plain, "not a PDF file"},
	} {
		if got := PathCause(c.err).Error(); got != c.want {
			t.Errorf("PathCause(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func ExamplePathCause() {
	_, err := os.Open("/no/such/dir/interview.docx")
	fmt.Println(E(KindNotFound, "add", "interview.docx", PathCause(err)))
	// Output: interview.docx: no such file
}
