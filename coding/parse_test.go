package coding_test

import (
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

// checkParse checks that parse (named name) reads each key of good as its
// value and refuses bad as invalid input.
func checkParse[T comparable](t *testing.T, name string, parse func(string) (T, error), good map[string]T, bad string) {
	t.Helper()
	for in, want := range good {
		if got, err := parse(in); err != nil || got != want {
			t.Errorf("%s(%q) = %v, %v; want %v", name, in, got, err, want)
		}
	}
	if _, err := parse(bad); !IsKind(err, KindInvalid) {
		t.Errorf("%s(%q) = %v, want an invalid-input error", name, bad, err)
	}
}
