package main

import (
	"regexp"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// oneMany is a count of one with a plural noun: "1 sources", "1 CMOCs".
var oneMany = regexp.MustCompile(`\b1 (fragments|CMOCs|documents|labels|theories|pages|sources|coders|passages|warnings)\b|\(s\)`)

// TestOneIsSingularInCLI: the binary's tables and warnings say "1 source"
// and "1 CMOC lacks", never "1 sources" or "CMOC(s)".
func TestOneIsSingularInCLI(t *testing.T) {
	p := newDemo(t, t.TempDir())
	matrix := mustRun(t, "export", p, "--table", "matrix", "--format", "md")
	if !strings.Contains(matrix, "N is how many sources give evidence, of the 1 source in the table.") || oneMany.MatchString(matrix) {
		t.Errorf("matrix notes:\n%s", matrix)
	}

	// Delete one fragment of the demo's CMOC: one CMOC lacks evidence.
	deleteFragmentOf(t, p, coding.Outcome)
	cmocs := mustRun(t, "export", p, "--table", "cmocs", "--format", "md")
	if !strings.Contains(cmocs, "1 CMOC lacks evidence whose fragments were deleted") ||
		!strings.Contains(cmocs, "missing evidence: 1 of 4 fragments deleted") || oneMany.MatchString(cmocs) {
		t.Errorf("cmocs notes:\n%s", cmocs)
	}
}

// deleteFragmentOf deletes the last fragment of the project with the role
// given, as the app would, and returns it.
func deleteFragmentOf(t *testing.T, project string, role coding.Role) coding.Fragment {
	t.Helper()
	proj := openStored(t, project)
	defer proj.Close()
	frags, err := proj.Fragments("")
	if err != nil {
		t.Fatal(err)
	}
	var gone coding.Fragment
	for _, f := range frags {
		if f.Role == role {
			gone = f
		}
	}
	proj.SetCoder("tester")
	if _, err := proj.Apply(coding.DeleteFragment{ID: gone.ID}); err != nil {
		t.Fatal(err)
	}
	return gone
}
