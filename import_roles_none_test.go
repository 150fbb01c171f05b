package main

import (
	"path/filepath"
	"slices"
	"testing"
)

// `import --roles CODE=none` says a code is no role but a label (what the
// app's role-mapping step says with "No role: a label"): its passages are
// unclassified fragments carrying it as a label.
func TestImportRolesNone(t *testing.T) {
	sample := filepath.Join(refiSamples, "qc-1.3.2-demo.qdpx")
	p := newProject(t)
	mustRun(t, "import", p, sample, "--roles", "Curriculum=none")
	n := 0
	for _, f := range listFragments(t, p) {
		if slices.Contains(f.Labels, "curriculum") {
			n++
			if f.Role != "unclassified" {
				t.Errorf("a passage coded curriculum is %s", f.Role)
			}
		}
	}
	if n == 0 {
		t.Error("no fragment carries the label curriculum")
	}
}
