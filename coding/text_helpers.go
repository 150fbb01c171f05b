package coding

import (
	"errors"
	"io/fs"
	"strings"
)

// Clip puts s on one line (runs of white space become one space) and
// shortens it to n code points, the last an ellipsis: a quote or a name in
// a list, a status line or a warning.
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// PathCause is what went wrong with a file, without the path an
// *fs.PathError repeats: messages name the file once, first ("x.pdf: no
// such file"), as Error does with its Item.
func PathCause(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	if errors.Is(pe.Err, fs.ErrNotExist) {
		return errors.New("no such file")
	}
	return pe.Err
}
