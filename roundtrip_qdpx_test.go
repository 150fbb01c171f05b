package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRoundTripOtherTools: a .qdpx written by another tool (NVivo for
// Windows: UTF-16 offsets, CRLF; QualCoder), imported and exported again
// by cmocoder, is valid against the REFI-QDA schema and keeps every
// passage the tool coded, and no other: the passages, each read from its
// file by codedPassages (not by cmocoder) as where it starts in the text
// with LF line breaks and what it holds without white space (which
// cmocoder's page layout may change), are the same set. Codings of one
// passage may become one selection, so passages are compared as a set.
func TestRoundTripOtherTools(t *testing.T) {
	for _, file := range []string{"nvivo-win-12.6-hu-youtube-comments.qdpx", "qc-1.3.2-demo.qdpx"} {
		t.Run(file, func(t *testing.T) {
			_, theirs := codedPassages(t, filepath.Join(refiSamples, file))
			p := newProject(t)
			if r := run(t, "import", p, filepath.Join(refiSamples, file)); r.code != 0 {
				t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
			}
			exported := filepath.Join(t.TempDir(), "again.qdpx")
			exportQdpx(t, p, exported) // validates it
			_, ours := codedPassages(t, exported)
			want, got := passageSet(theirs), passageSet(ours)
			if len(want) == 0 {
				t.Fatal("no passages in the sample")
			}
			for _, s := range want {
				if _, ok := slices.BinarySearch(got, s); !ok {
					t.Errorf("passage %q lost", s)
				}
			}
			for _, s := range got {
				if _, ok := slices.BinarySearch(want, s); !ok {
					t.Errorf("passage %q not in the sample", s)
				}
			}
			t.Logf("%d passages, %d distinct texts", len(theirs), len(want))
		})
	}
}

// passageSet is the passages' texts without white space, sorted, each
// once.
func passageSet(ps []codedPassage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d %s", p.start, strings.Join(strings.Fields(p.text), "")))
	}
	slices.Sort(out)
	return slices.Compact(out)
}
