package gui

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestGUIDoesNotUseCLI: the windows work through the session and the
// domain's values, never through the command line's printing or its JSON
// rows (which are a file format, not a model).
func TestGUIDoesNotUseCLI(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "cmocoder.org/cmocoder/app/gui").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if slices.Contains(strings.Fields(string(out)), "cmocoder.org/cmocoder/app/cli") {
		t.Error("app/gui imports app/cli")
	}
}
