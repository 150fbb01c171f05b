package main

import (
	"os"
	"regexp"
	"testing"

	"cmocoder.org/cmocoder/internal/buildinfo"
)

// TestVersionVerb: `cmocoder version` and `cmocoder --version` print the
// version of FyneApp.toml, its one source, even in a plain `go build`,
// with the commit and the build date.
func TestVersionVerb(t *testing.T) {
	manifest, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := buildinfo.ManifestVersion(manifest)
	line := regexp.MustCompile(`^cmocoder ` + regexp.QuoteMeta(want) + ` \(commit [^,]+, built [^)]+\)\n$`)
	for _, arg := range []string{"version", "--version"} {
		r := run(t, arg)
		if r.code != 0 || !line.MatchString(r.stdout) {
			t.Errorf("cmocoder %s: exit %d, printed %q; want \"cmocoder %s (commit …, built …)\"", arg, r.code, r.stdout, want)
		}
	}
}
