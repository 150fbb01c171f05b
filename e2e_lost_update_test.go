package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// storedSource is what `cmocoder source P DOC --json` prints (after
// setting the fields args give, when any).
func storedSource(t *testing.T, project, doc string, args ...string) map[string]string {
	t.Helper()
	var s map[string]string
	out := mustRun(t, append([]string{"source", project, doc, "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("source --json: %v\n%s", err, out)
	}
	return s
}

// openOnSourcesTab starts the app on project with the Sources tab shown,
// as a reviewer who left it there last time finds it.
func openOnSourcesTab(t *testing.T, display, dir, project string) *runningApp {
	t.Helper()
	config := filepath.Join(dir, "config")
	prefsDir := filepath.Join(config, "fyne", "org.cmocoder.app")
	if err := os.MkdirAll(prefsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	prefs, _ := json.Marshal(map[string]string{"project " + project + ": lastTab": "Sources"})
	if err := os.WriteFile(filepath.Join(prefsDir, "preferences.json"), prefs, 0o644); err != nil {
		t.Fatal(err)
	}
	return startApp(t, display, project, config, "Demo: quality improvement")
}

// TestE2ELostUpdate: with the app open on the Sources tab, the CLI sets a
// source's design and location. The app shows the new design without a
// click; the reviewer then types an author and leaves the field, and the
// CLI finds all three stored (before, saving the form wrote back the
// design and location it had loaded). Then the reviewer types a design
// while the CLI sets another: leaving the field asks, in a dialog, whose
// to keep, and Keep mine stores the reviewer's.
func TestE2ELostUpdate(t *testing.T) {
	display, dir, project := demoUnderXvfb(t)
	doc := docs(t, project)[0].ID
	a := openOnSourcesTab(t, display, dir, project)
	shots := t.TempDir()
	if os.Getenv("CMOCODER_E2E_KEEP") != "" {
		shots = os.Getenv("CMOCODER_E2E_KEEP")
	}
	shot := func(name string) string {
		path := filepath.Join(shots, name)
		a.screenshot(path)
		return path
	}
	// Where the form's fields are: right of their labels.
	before := shot("lost-update-before.png")
	ax, ay := findWord(t, before, "Authors", 0)
	dx, dy := findWord(t, before, "Design", 0)
	field := func(x, y int) []string { return move(x+220, y) }

	storedSource(t, project, doc, "--design", "RCT", "--location", "Malawi")
	time.Sleep(1500 * time.Millisecond)                 // the app looks every 500 ms
	findWord(t, shot("lost-update-cli.png"), "RCT", dx) // shown without a click

	a.do(field(ax, ay), []string{"click", "1"}, []string{"key", "ctrl+a"}, []string{"type", "Banda J"}, []string{"key", "Tab"})
	s := storedSource(t, project, doc)
	if s["authors"] != "Banda J" || s["design"] != "RCT" || s["location"] != "Malawi" {
		t.Errorf("stored authors %q, design %q, location %q; want Banda J, RCT, Malawi", s["authors"], s["design"], s["location"])
	}

	a.do(field(dx, dy), []string{"click", "1"}, []string{"key", "ctrl+a"}, []string{"type", "Cohort"})
	storedSource(t, project, doc, "--design", "Trial")
	time.Sleep(1500 * time.Millisecond)
	a.do([]string{"key", "Tab"})
	if s := storedSource(t, project, doc); s["design"] != "Trial" {
		t.Fatalf("the app saved design %q over the CLI's without asking", s["design"])
	}
	dialog := shot("lost-update-conflict.png")
	findWord(t, dialog, "Another", 0)
	// Keep mine is the button right of Take theirs (tesseract does not
	// read its white on blue).
	tx, ty := findWord(t, dialog, "theirs", 0)
	a.do(move(tx+80, ty), []string{"click", "1"})
	if s := storedSource(t, project, doc); s["design"] != "Cohort" || s["authors"] != "Banda J" || s["location"] != "Malawi" {
		t.Errorf("after Keep mine: design %q, authors %q, location %q", s["design"], s["authors"], s["location"])
	}
	shot("lost-update-after.png")
	t.Logf("screenshots in %s; window at %s", shots, strconv.Quote(a.win))
	a.quit()
}
