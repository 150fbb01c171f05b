package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runningApp is the real app started on a virtual display.
type runningApp struct {
	t       *testing.T
	display string
	cmd     *exec.Cmd
	exited  chan error
	stderr  *strings.Builder
	win     string
}

// startApp starts cmocoder on project with the given config folder (its
// preferences) and waits for its window, titled with windowTitle.
func startApp(t *testing.T, display, project, config, windowTitle string) *runningApp {
	t.Helper()
	a := &runningApp{t: t, display: display, exited: make(chan error, 1), stderr: &strings.Builder{}}
	a.cmd = exec.Command(bin, project)
	a.cmd.Env = append(os.Environ(), "DISPLAY="+display, "FYNE_SCALE=1", "XDG_CONFIG_HOME="+config, "CMOCODER_CODER=tester")
	a.cmd.Stderr = a.stderr
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.exited <- a.cmd.Wait() }()
	t.Cleanup(func() {
		if a.cmd.ProcessState == nil {
			a.cmd.Process.Kill()
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for a.win == "" && time.Now().Before(deadline) {
		select {
		case err := <-a.exited:
			t.Fatalf("the app exited early: %v\n%s", err, a.stderr)
		default:
		}
		out, _ := a.xdo("search", "--name", windowTitle)
		if f := strings.Fields(out); len(f) > 0 {
			a.win = f[0]
		}
		time.Sleep(200 * time.Millisecond)
	}
	if a.win == "" {
		t.Fatalf("no window titled %q\n%s", windowTitle, a.stderr)
	}
	time.Sleep(3 * time.Second) // let it draw
	return a
}

func (a *runningApp) xdo(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+a.display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

func (a *runningApp) screenshot(path string) {
	a.t.Helper()
	imp := exec.Command("import", "-window", "root", path)
	imp.Env = append(os.Environ(), "DISPLAY="+a.display)
	if out, err := imp.CombinedOutput(); err != nil {
		a.t.Fatalf("screenshot: %v %s", err, out)
	}
}

// quit presses Ctrl+Q and waits for the app to end.
func (a *runningApp) quit() {
	a.t.Helper()
	a.xdo("windowfocus", "--sync", a.win)
	a.xdo("key", "ctrl+q")
	select {
	case err := <-a.exited:
		if err != nil {
			a.t.Fatalf("the app exited with %v\n%s", err, a.stderr)
		}
	case <-time.After(15 * time.Second):
		a.t.Fatal("Ctrl+Q did not close the app")
	}
}

// differentPixels counts the pixels that differ between two screenshots
// in the rectangle w×h+x+y (a few per cent of colour tolerated).
func differentPixels(t *testing.T, a, b string, w, h, x, y int) int {
	t.Helper()
	crop := strconv.Itoa(w) + "x" + strconv.Itoa(h) + "+" + strconv.Itoa(x) + "+" + strconv.Itoa(y)
	cmd := exec.Command("compare", "-metric", "AE", "-fuzz", "5%", "-extract", crop, a, b, "null:")
	out, _ := cmd.CombinedOutput() // exit 1 when they differ
	f := strings.Fields(string(out))
	if len(f) == 0 {
		t.Fatalf("compare printed nothing")
	}
	n, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		t.Fatalf("compare printed %q", out)
	}
	return int(n)
}

// A restart of the real app: the reviewer makes the window smaller (1200×720), goes
// to page 4 and shows the Matrix tab, then back on Documents quits; the
// app opens again at that size, on that page: the screen's page area is
// the same as when they left, and not the first page.
func TestE2ERestartKeepsPlace(t *testing.T) {
	display, dir, project := demoUnderXvfb(t)
	config := filepath.Join(dir, "config")
	const title = "Demo: quality improvement"

	a := startApp(t, display, project, config, title)
	first := filepath.Join(dir, "first.png")
	a.xdo("windowsize", "--sync", a.win, "1200", "720")
	time.Sleep(2 * time.Second)
	a.screenshot(first)
	a.xdo("windowfocus", "--sync", a.win)
	for range 3 {
		a.xdo("key", "ctrl+Down") // View > Next page
		time.Sleep(400 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)
	left := filepath.Join(dir, "left.png")
	a.screenshot(left)
	a.quit()

	var prefs map[string]any
	data, err := os.ReadFile(filepath.Join(config, "fyne", "org.cmocoder.app", "preferences.json"))
	if err != nil || json.Unmarshal(data, &prefs) != nil {
		t.Fatalf("no preferences written: %v", err)
	}
	if prefs["windowWidth"] != 1200.0 || prefs["windowHeight"] != 720.0 {
		t.Errorf("window size remembered as %v×%v", prefs["windowWidth"], prefs["windowHeight"])
	}

	t.Logf("preferences: %s", data)
	b := startApp(t, display, project, config, title)
	geom, _ := b.xdo("getwindowgeometry", b.win)
	if !strings.Contains(geom, "Geometry: 1200x720") {
		t.Errorf("reopened window: %s", geom)
	}
	back := filepath.Join(dir, "back.png")
	b.screenshot(back)
	b.quit()
	os.MkdirAll(filepath.Join("build", "screenshots"), 0o755)
	for _, s := range []string{"first", "left", "back"} {
		data, _ := os.ReadFile(filepath.Join(dir, s+".png"))
		os.WriteFile(filepath.Join("build", "screenshots", "restart-"+s+".png"), data, 0o644)
	}
	// The pages' area: right of the documents column, under the toolbar.
	const w, h, x, y = 500, 450, 260, 150
	area := w * h
	if n := differentPixels(t, left, back, w, h, x, y); n > area/50 {
		t.Errorf("the page area differs in %d of %d pixels from when the app was left", n, area)
	}
	if n := differentPixels(t, first, back, w, h, x, y); n < area/20 {
		t.Errorf("the reopened app shows the first page again (%d of %d pixels differ)", n, area)
	}
}
