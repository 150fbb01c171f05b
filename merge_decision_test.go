package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeDecisionConflict: two reviewers decide differently on the same
// source in their copies; merging reports a conflict naming both
// decisions and keeps ours, while a decision only the teammate made
// comes in.
func TestMergeDecisionConflict(t *testing.T) {
	files := []string{"hindawi-rrp-2010-tully.pdf", "bmc-hsr-2014-agyeman-duah.pdf"}
	p := projectWithPDFs(t, files...)
	other := filepath.Join(t.TempDir(), "bea.cmoproj")
	copyProject(t, p, other)
	mustRun(t, "source", p, files[0], "--decision", "include", "--coder", "ann")
	mustRun(t, "source", other, files[0], "--decision", "exclude", "--reason", "insufficient rigour", "--coder", "bea")
	mustRun(t, "source", other, files[1], "--decision", "include", "--coder", "bea")
	out := mustRun(t, "merge", p, other)
	if want := "decided differently: include, by ann (OTHER: exclude, insufficient rigour, by bea); kept ours"; !strings.Contains(out, want) {
		t.Errorf("merge printed\n%s\nwant a conflict with %q", out, want)
	}
	if s := sourceOf(t, p, files[0]); s.Decision != "include" || s.DecidedBy != "ann" {
		t.Errorf("our decision after the merge: %+v", s)
	}
	if s := sourceOf(t, p, files[1]); s.Decision != "include" || s.DecidedBy != "bea" {
		t.Errorf("their decision not merged: %+v", s)
	}
}
