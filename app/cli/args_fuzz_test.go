package cli

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"
)

// FuzzParseArgs gives the verbs' argument parser any command line (the
// arguments joined by NUL, which no argument can hold): it returns the
// positional arguments in the order given, or a usage error of one line,
// and never panics. Run it with
//
//	go test ./app -run '^$' -fuzz '^FuzzParseArgs$' -fuzztime 60s -parallel 1
func FuzzParseArgs(f *testing.F) {
	for _, line := range []string{
		"code\x00p.cmoproj\x00doc\x0010\x0020\x00--role\x00context",
		"code\x00p.cmoproj\x00doc\x00-5\x0020\x00--role=resource\x00--valence\x00+",
		"fragments\x00p.cmoproj\x00--json\x00--label\x00A\x00--label\x00B",
		"export\x00p.cmoproj\x00--format\x00qdpx\x00-o\x00out.qdpx\x00--\x00--not-a-flag",
		"import\x00p.cmoproj\x00file.qdpx\x00-h",
		"add\x00p\x00--coder\x00\x00-\x00--=x\x00---x\x00-1e9\x00NaN\x00-Inf",
	} {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		fs := newFlags("verb")
		fs.String("role", "", "")
		fs.String("coder", "", "")
		fs.String("o", "", "")
		fs.Int("page", 0, "")
		fs.Bool("json", false, "")
		fs.Float64("min", 0, "")
		var labels listFlag
		fs.Var(&labels, "label", "")
		pos, err := parse(fs, args)
		switch {
		case err == nil:
			if !subsequence(pos, args) {
				t.Fatalf("parse(%q) = %q: not the arguments in their order", args, pos)
			}
		case errors.Is(err, flag.ErrHelp):
		case errors.Is(err, errUsage):
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("parse(%q): usage error of several lines: %q", args, err)
			}
		default:
			t.Fatalf("parse(%q): %v, not a usage error", args, err)
		}
	})
}

// subsequence reports whether sub is s with some elements left out.
func subsequence(sub, s []string) bool {
	for _, x := range sub {
		i := slices.Index(s, x)
		if i < 0 {
			return false
		}
		s = s[i+1:]
	}
	return true
}
