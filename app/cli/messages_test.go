package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/storage"
)

// TestStderrThroughWarnAndFail: no verb writes to stderr but through warn
// (the "warning:" prefix, exit 0) or fail (an error, exit 1), so that a
// warning never reads like an error nor an error like a warning.
func TestStderrThroughWarnAndFail(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "messages.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if sel, ok := call.Args[0].(*ast.SelectorExpr); ok && sel.Sel.Name == "stderr" {
				if fn, ok := call.Fun.(*ast.SelectorExpr); ok && strings.HasPrefix(fn.Sel.Name, "Fprint") {
					t.Errorf("%s: a verb writes to stderr directly; use c.warn or c.fail", fset.Position(call.Pos()))
				}
			}
			return true
		})
	}
}

// TestAddStopped: an add that stops at a file the project cannot take
// says which file, why, what went in and what did not; only when nothing
// else was involved does it keep "the project is as it was before".
func TestAddStopped(t *testing.T) {
	full := &storage.WriteError{Project: "p.cmoproj"}
	const why = "cannot save p.cmoproj: writing to the disk failed (is it full?)"
	for _, c := range []struct {
		name  string
		files []string
		at    int
		added []string
		want  string
	}{
		{"one file", []string{"/d/a.pdf"}, 0, nil, "a.pdf: " + why + "; the project is as it was before"},
		{"the first of two", []string{"/d/a.pdf", "/d/b.pdf"}, 0, nil, "a.pdf: " + why + "; nothing was added; not added: a.pdf, b.pdf"},
		{"after one went in", []string{"/d/a.pdf", "/d/b.pdf", "c.pdf"}, 1, []string{"a.pdf"}, "b.pdf: " + why + "; added: a.pdf; not added: b.pdf, c.pdf"},
		{"the last", []string{"a.pdf", "b.pdf"}, 1, []string{"a.pdf"}, "b.pdf: " + why + "; added: a.pdf; not added: b.pdf"},
		{"many left", []string{"a", "b", "c", "d", "e", "f", "g", "h"}, 1, []string{"a"}, "b: " + why + "; added: a; not added: b, c, d, e, f and 2 more"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := addStopped(c.files, c.at, c.added, full); got != c.want {
				t.Errorf("%q\nwant %q", got, c.want)
			}
		})
	}
}
