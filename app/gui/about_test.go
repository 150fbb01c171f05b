package gui

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/buildinfo"
)

// TestHelpAbout: Help ▸ About cmocoder shows the version, the commit and
// the build date that `cmocoder version` prints.
func TestHelpAbout(t *testing.T) {
	old := buildinfo.Version()
	buildinfo.SetManifest([]byte("[Details]\nVersion = \"7.8.9\"\n"))
	buildinfo.Commit, buildinfo.Date = "abcdef1", "2026-12-03"
	t.Cleanup(func() {
		buildinfo.SetManifest([]byte("[Details]\nVersion = \"" + old + "\"\n"))
		buildinfo.Commit, buildinfo.Date = "", ""
	})
	ws, w := openWorkspace(t)
	menuAction(t, ws, "Help", "About cmocoder")()
	text := dialogText(w)
	for _, want := range []string{"cmocoder 7.8.9", "abcdef1", "2026-12-03", "https://cmocoder.org"} {
		if !strings.Contains(text, want) {
			t.Errorf("the About dialog says %q, without %q", text, want)
		}
	}
}
