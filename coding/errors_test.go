package coding

import (
	"fmt"
	"io/fs"
	"testing"
)

func TestKindString(t *testing.T) {
	for _, tc := range []struct {
		k    Kind
		want string
	}{
		{KindOther, "other"},
		{KindInvalid, "invalid"},
		{KindNotFound, "not found"},
		{KindExists, "exists"},
		{KindBusy, "busy"},
		{KindDamaged, "damaged"},
		{Kind(42), "Kind(42)"},
		{Kind(-1), "Kind(-1)"},
	} {
		if got := tc.k.String(); got != tc.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tc.k), got, tc.want)
		}
	}
}

func ExampleKind_String() {
	err := Errorf(KindNotFound, "get fragment", "f1", "no such fragment")
	fmt.Printf("%v (%v)\n", err, KindOf(err))
	// Output: f1: no such fragment (not found)
}

// An error told again about another item keeps its reason, whatever wraps
// it; one that is no *Error is kept whole (a type assertion panicked on
// both).
func TestCause(t *testing.T) {
	inner := Errorf(KindInvalid, "check source", "20x", "year %q is not four digits (or n.d.)", "20x")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"an *Error", inner, `year "20x" is not four digits (or n.d.)`},
		{"a wrapped *Error", fmt.Errorf("checking: %w", inner), `year "20x" is not four digits (or n.d.)`},
		{"no *Error", fs.ErrNotExist, "file does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := E(KindInvalid, "edit source", "Tully 2010", cause(tc.err))
			if got.Error() != "Tully 2010: "+tc.want {
				t.Errorf("got %q", got)
			}
		})
	}
}
