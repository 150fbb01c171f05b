package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"cmocoder.org/cmocoder/app/session"
)

// errUsage marks a command line that does not follow a verb's syntax:
// exit status 2.
var errUsage = errors.New("usage")

// usageError is a bad command line, with what was wrong.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Is(target error) bool {
	return target == errUsage
}

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// listFlag collects a flag given several times (--label A --label B).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// newFlags makes a flag set that reports nothing itself: the caller turns
// its errors into one usage line.
func newFlags(verb string) *flag.FlagSet {
	fs := flag.NewFlagSet(verb, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags and positional arguments in any order, as the verbs
// of CLI.md are written (`code PROJECT DOC 10 20 --role context`). A
// negative number is a positional argument (a bad offset is reported as
// such, not as an unknown flag); "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--":
			return append(pos, args[1:]...), nil
		case len(a) > 1 && a[0] == '-' && !isNumber(a):
			if err := fs.Parse(args); err != nil {
				if errors.Is(err, flag.ErrHelp) {
					return nil, err
				}
				// One line, as every message: the flag package quotes
				// neither names nor all values, and an argument may hold
				// a line break.
				return nil, usagef("%s: %s", fs.Name(), session.OneLine(err))
			}
			rest := fs.Args()
			// fs.Parse swallows a "--"; what follows it is positional.
			if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
				return append(pos, rest...), nil
			}
			args = rest
		default:
			pos = append(pos, a)
			args = args[1:]
		}
	}
	return pos, nil
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
