package buildinfo

import (
	"os"
	"regexp"
	"testing"
)

func TestManifestVersion(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"details", "Website = \"x\"\n\n[Details]\nIcon = \"a.png\"\nVersion = \"1.2.3\"\nBuild = 4\n", "1.2.3"},
		{"spaces", "[ Details ]\n  Version=\"0.9.0\"\n", "0.9.0"},
		{"other table", "[Other]\nVersion = \"9\"\n[Details]\nName = \"x\"\n", ""},
		{"unquoted", "[Details]\nVersion = 1\n", ""},
		{"none", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ManifestVersion([]byte(tc.toml)); got != tc.want {
				t.Errorf("ManifestVersion = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRealManifest reads the project's own FyneApp.toml, the one source of
// the version, which the Makefile's packages are named after.
func TestRealManifest(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if v := ManifestVersion(data); !regexp.MustCompile(`^\d+\.\d+\.\d+`).MatchString(v) {
		t.Fatalf("FyneApp.toml's version is %q, not a version number", v)
	}
}

func TestLine(t *testing.T) {
	Commit, Date = "abc1234", "2026-12-03"
	defer func() { Commit, Date = "", "" }()
	SetManifest([]byte("[Details]\nVersion = \"4.5.6\"\n"))
	defer func() { version = "dev" }()
	if got, want := Line(), "cmocoder 4.5.6 (commit abc1234, built 2026-12-03)"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}
