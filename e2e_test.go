package main

import (
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startXvfb starts a virtual X display for the test and returns its name.
// Under `make test` (CMOCODER_E2E=1) a missing Xvfb is a failure, not a skip.
func startXvfb(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CMOCODER_E2E") != "" {
				t.Fatalf("%s is not installed (make test-deps installs it)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	for n := 91; n < 120; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Process.Kill(); x.Wait() })
		for range 100 {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return display
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not start", display)
	}
	t.Fatal("no free X display")
	return ""
}

// TestAppUnderXvfb starts the real app on the demo project, finds its
// window by the project's title, keeps a screenshot, and quits it with
// Ctrl+Q: the project is then one file again.
func TestAppUnderXvfb(t *testing.T) {
	display := startXvfb(t)
	dir := t.TempDir()
	project := filepath.Join(dir, "demo.cmoproj")
	mustRun(t, "demo", project)

	app := exec.Command(bin, project)
	app.Env = append(os.Environ(), "DISPLAY="+display, "FYNE_SCALE=1", "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "CMOCODER_CODER=tester")
	var appErr strings.Builder
	app.Stderr = &appErr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		if app.ProcessState == nil {
			app.Process.Kill()
		}
	}()

	xdo := func(args ...string) (string, error) {
		cmd := exec.Command("xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	// The window is titled with the project's title.
	var win string
	deadline := time.Now().Add(60 * time.Second)
	for win == "" && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("the app exited early: %v\n%s", err, appErr.String())
		default:
		}
		out, _ := xdo("search", "--name", "Demo: quality improvement")
		if f := strings.Fields(out); len(f) > 0 {
			win = f[0]
		}
		time.Sleep(200 * time.Millisecond)
	}
	if win == "" {
		t.Fatalf("no window titled with the project's title\n%s", appErr.String())
	}
	name, _ := xdo("getwindowname", win)
	if !strings.HasSuffix(name, "— cmocoder") {
		t.Errorf("window title %q", name)
	}
	time.Sleep(2 * time.Second) // let it draw

	shotDir := filepath.Join("build", "screenshots")
	os.MkdirAll(shotDir, 0o755)
	shot := filepath.Join(shotDir, "app.png")
	imp := exec.Command("import", "-window", "root", shot)
	imp.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v %s", err, out)
	}
	abs, _ := filepath.Abs(shot)
	t.Logf("screenshot: %s", abs)
	checkDrawn(t, shot)

	// Quit with Ctrl+Q, as a reviewer would.
	xdo("windowfocus", "--sync", win)
	xdo("key", "ctrl+q")
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("the app exited with %v\n%s", err, appErr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Ctrl+Q did not close the app")
	}
	for _, side := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(project + side); err == nil {
			t.Errorf("%s left behind after quitting", side)
		}
	}
	if out := mustRun(t, "docs", project); !strings.Contains(out, "Understanding the barriers") {
		t.Errorf("after the app closed, docs printed %q", out)
	}
}

// checkDrawn fails unless the screenshot shows a drawn window: text (light
// on the dark theme, dark on the light one) on a plain background, and
// more than a handful of colours.
func checkDrawn(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[color.RGBA]int{}
	dark, light := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bb, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bb >> 8), 255}
			colours[c]++
			switch lum := (r>>8)*3 + (g>>8)*6 + (bb>>8)*1; {
			case lum < 800:
				dark++
			case lum > 2000:
				light++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	if len(colours) < 20 {
		t.Errorf("screenshot has %d colours: nothing drawn?", len(colours))
	}
	// Text covers a few per cent of a page of it; a blank screen none.
	if min(dark, light)*200 < total {
		t.Errorf("screenshot shows no text: %d dark and %d light of %d pixels", dark, light, total)
	}
}
