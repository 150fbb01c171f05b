package cli

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoFyne: the verbs, and the session and file association they use,
// import no GUI toolkit, directly or through anything of cmocoder's: the
// command line must work on a machine without a display.
func TestNoFyne(t *testing.T) {
	const self = "cmocoder.org/cmocoder/app/cli"
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", self).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	// Walk the imports from the verbs, remembering how each package was
	// reached, so that a failure names the chain to fix.
	from := map[string]string{self: ""}
	queue := []string{self}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if strings.HasPrefix(p, "fyne.io/") {
			chain := []string{p}
			for q := from[p]; q != ""; q = from[q] {
				chain = append(chain, q)
			}
			slices.Reverse(chain)
			t.Errorf("the command line imports Fyne: %s", strings.Join(chain, " → "))
			continue
		}
		for _, q := range imports[p] {
			if _, seen := from[q]; !seen {
				from[q] = p
				queue = append(queue, q)
			}
		}
	}
}
