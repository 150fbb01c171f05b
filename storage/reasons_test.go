package storage

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestReasons: the team's list of reasons is kept in the project, cleaned,
// survives reopening, and its undo brings the list before it back (the
// defaults when the team had none).
func TestReasons(t *testing.T) {
	p := newProject(t)
	if got, err := p.Reasons(); err != nil || got != nil {
		t.Fatalf("new project's reasons %q, %v; want none", got, err)
	}
	undo, err := p.Apply(coding.SetReasons{Reasons: []string{" wrong population ", "", "Duplicate", "duplicate", "insufficient  richness"}})
	if err != nil {
		t.Fatal(err)
	}
	p = reopen(t, p)
	want := []string{"wrong population", "Duplicate", "insufficient richness"}
	if got, _ := p.Reasons(); !reflect.DeepEqual(got, want) {
		t.Errorf("reasons %q, want %q", got, want)
	}
	if _, err := p.Apply(undo); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Reasons(); !reflect.DeepEqual(got, coding.DefaultReasons) {
		t.Errorf("after undo %q, want the defaults", got)
	}
	if _, err := p.Apply(coding.SetReasons{Reasons: []string{}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Reasons(); got == nil || len(got) != 0 {
		t.Errorf("an emptied list reads %q, want empty, not the defaults", got)
	}
	if _, err := p.Apply(coding.SetReasons{Reasons: []string{"a\x00b"}}); err == nil || !coding.IsKind(err, coding.KindInvalid) {
		t.Errorf("a reason with a NUL: %v", err)
	}
}
