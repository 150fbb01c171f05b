package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"cmocoder.org/cmocoder/internal/testtext"
)

// demoUnderXvfb starts a display and makes the demo project in a folder of
// the test's (dir): what every run of the real app starts with.
func demoUnderXvfb(t *testing.T) (display, dir, project string) {
	t.Helper()
	display = startXvfb(t)
	dir = t.TempDir()
	project = filepath.Join(dir, "demo.cmoproj")
	mustRun(t, "demo", project)
	return display, dir, project
}

// startXvfb starts a virtual X display for the test and returns its name.
// Under `make test` (CMOCODER_E2E=1) a missing Xvfb is a failure, not a skip.
func startXvfb(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "import", "convert", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CMOCODER_E2E") != "" {
				t.Fatalf("%s is not installed (make test-deps installs it)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	// Xvfb picks a free display itself and writes its number to the
	// pipe (-displayfd); a display left locked by a killed run is skipped
	// or cleaned up by Xvfb, not by guesswork here.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		// SIGTERM lets Xvfb remove its socket and lock file.
		x.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { x.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			x.Process.Kill()
			<-done
		}
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if _, err := strconv.Atoi(n); err != nil {
			t.Fatalf("Xvfb did not start (it wrote %q)", n)
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not start within 20 s")
	}
	return ""
}

// e2eSentence is the passage the end-to-end test codes: a sentence of the
// demo article's abstract on page 1 that runs over a line break.
const e2eSentence = "Efforts in the past to achieve these objectives were short-lived, and largely unsuccessful."

// TestAppUnderXvfb starts the real app on the demo project, finds its
// window by the project's title, drags across a sentence on page 1 as a
// reviewer would, codes it as Context with the C key, keeps a screenshot,
// and quits with Ctrl+Q: the project is then one file again, and the
// command line lists the new fragment with exactly that sentence.
func TestAppUnderXvfb(t *testing.T) {
	display, dir, project := demoUnderXvfb(t)
	target := locateSentence(t, project, e2eSentence)

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
	time.Sleep(3 * time.Second) // let it draw
	screenshot := func(path string) {
		imp := exec.Command("import", "-window", "root", path)
		imp.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := imp.CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v %s", err, out)
		}
	}

	// Find page 1 on the screen: the white page on the viewer's grey, at
	// the top of the view, its width giving the zoom.
	before := filepath.Join(dir, "before.png")
	screenshot(before)
	left, top, width := findPage(t, before)
	zoom := float64(width) / target.pageWidth
	t.Logf("page 1 at (%d,%d), %d px wide: zoom %.3f", left, top, width, zoom)
	x1, y1 := left+int(math.Round(target.x1*zoom)), top+int(math.Round(target.y1*zoom))
	x2, y2 := left+int(math.Round(target.x2*zoom)), top+int(math.Round(target.y2*zoom))

	// Drag across the sentence and press C (Context).
	xdo("windowfocus", "--sync", win)
	for _, step := range [][]string{
		{"mousemove", strconv.Itoa(x1), strconv.Itoa(y1)}, {"mousedown", "1"},
		{"mousemove", strconv.Itoa((x1 + x2) / 2), strconv.Itoa((y1 + y2) / 2)},
		{"mousemove", strconv.Itoa(x2), strconv.Itoa(y2)}, {"mouseup", "1"},
		{"key", "c"},
	} {
		if _, err := xdo(step...); err != nil {
			t.Fatalf("xdotool %v: %v", step, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
	time.Sleep(time.Second)

	shotDir := filepath.Join("build", "screenshots")
	os.MkdirAll(shotDir, 0o755)
	shot := filepath.Join(shotDir, "app.png")
	screenshot(shot)
	abs, _ := filepath.Abs(shot)
	t.Logf("screenshot: %s", abs)
	checkDrawn(t, shot)

	// Rest the pointer on the coding panel's M reasoning button: a tooltip
	// below it says what the role means and which key codes it.
	x, y := findWord(t, shot, "reasoning", 640)
	xdo("mousemove", strconv.Itoa(x), strconv.Itoa(y))
	time.Sleep(1500 * time.Millisecond)
	tipShot := filepath.Join(shotDir, "tooltip.png")
	screenshot(tipShot)
	// The band starts right of the page: its white, under the tooltip's
	// left end when the tooltip is pushed left to fit the screen, throws
	// tesseract off.
	if text := readBand(t, tipShot, left+width+2, y+10, 40); !strings.Contains(text, "how people respond to that resource") || !strings.Contains(text, "press M") {
		t.Errorf("below the M reasoning button the screen reads %q, want its tooltip", text)
	}
	xdo("mousemove", "5", "5")

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

	// The app stored what the reviewer coded, and the CLI lists it.
	var frags []struct {
		Role, Text, Coder string
		Page, Start, End  int
	}
	if err := json.Unmarshal([]byte(mustRun(t, "fragments", project, "--json")), &frags); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range frags {
		if f.Role == "context" && strings.Join(strings.Fields(f.Text), " ") == e2eSentence {
			found = true
			if f.Page != 1 || f.Start != target.start || f.End != target.end || f.Coder != "tester" {
				t.Errorf("fragment %+v, want page 1, offsets %d-%d, coder tester", f, target.start, target.end)
			}
		}
	}
	if !found {
		t.Errorf("no context fragment with the text %q among %d fragments: %+v", e2eSentence, len(frags), frags)
	}
}

// sentenceTarget is where a sentence is on page 1: its offsets in the
// document text and the points to drag between, in PDF points from the
// page's top left corner (a quarter into its first character and the end
// of its last one, half way down).
type sentenceTarget struct {
	start, end     int
	x1, y1, x2, y2 float64
	pageWidth      float64
}

// locateSentence finds a sentence of page 1 in the stored text (white
// space collapsed) and its stored character boxes.
func locateSentence(t *testing.T, project, sentence string) sentenceTarget {
	t.Helper()
	page := pageOne(t, project)
	if page.Rotation != 0 {
		t.Fatalf("page 1 is rotated by %d", page.Rotation)
	}
	i, j, ok := testtext.FindWords(page.Text, sentence)
	if !ok {
		t.Fatalf("%q is not on page 1 of the demo article", sentence)
	}
	first, last := page.Boxes[i], page.Boxes[j-1]
	tgt := sentenceTarget{start: i, end: j, pageWidth: float64(page.X1 - page.X0)}
	tgt.x1 = float64(first.X0-page.X0) + 0.25*float64(first.X1-first.X0)
	tgt.y1 = float64(page.Y1) - float64(first.Y0+first.Y1)/2
	// The caret after the last character: a point inside a full stop
	// about two pixels wide ends the selection before it or after it
	// as the pixels happen to round.
	tgt.x2 = float64(last.X1 - page.X0)
	tgt.y2 = float64(page.Y1) - float64(last.Y0+last.Y1)/2
	return tgt
}

// findPage finds the first page shown in a screenshot: the first row with
// a long run of white that starts right after the page's dark edge on the
// viewer's grey backdrop. It returns the run's left end, the row and the
// run's length (the page's width in pixels).
func findPage(t *testing.T, path string) (left, top, width int) {
	t.Helper()
	img := decodeImage(t, path)
	rgb := func(x, y int) [3]uint32 {
		r, g, b, _ := img.At(x, y).RGBA()
		return [3]uint32{r >> 8, g >> 8, b >> 8}
	}
	white := [3]uint32{255, 255, 255}
	backdrop := [3]uint32{0x5b, 0x60, 0x66}
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X + 2; x < bd.Max.X; x++ {
			if rgb(x, y) != white || rgb(x-2, y) != backdrop {
				continue
			}
			end := x
			for end < bd.Max.X && rgb(end, y) == white {
				end++
			}
			if end-x >= 300 {
				return x, y, end - x
			}
			x = end
		}
	}
	t.Fatal("no page found in the screenshot")
	return
}

// decodeImage reads a screenshot.
func decodeImage(t *testing.T, path string) image.Image {
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
	return img
}

// checkDrawn fails unless the screenshot shows a drawn window: text (light
// on the dark theme, dark on the light one) on a plain background, and
// more than a handful of colours.
func checkDrawn(t *testing.T, path string) {
	t.Helper()
	img := decodeImage(t, path)
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

// findWord finds a word on a screenshot with tesseract, right of minX,
// and returns its centre.
func findWord(t *testing.T, png, word string, minX int) (x, y int) {
	t.Helper()
	out, err := exec.Command("tesseract", png, "-", "tsv").Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	var seen []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 12 {
			continue
		}
		left, _ := strconv.Atoi(f[6])
		top, _ := strconv.Atoi(f[7])
		w, _ := strconv.Atoi(f[8])
		h, _ := strconv.Atoi(f[9])
		if f[11] == word && left >= minX {
			return left + w/2, top + h/2
		}
		if strings.TrimSpace(f[11]) != "" {
			seen = append(seen, f[11])
		}
	}
	t.Fatalf("no %q right of x=%d on %s; read: %s", word, minX, png, strings.Join(seen, " "))
	return
}

// readBand reads the text in a band of a screenshot, height pixels from
// row top and right of column left: light text on the dark theme, so it is inverted and enlarged
// for tesseract.
func readBand(t *testing.T, png string, left, top, height int) string {
	t.Helper()
	band := strings.TrimSuffix(png, ".png") + "-band.png"
	defer os.Remove(band)
	crop := fmt.Sprintf("10000x%d+%d+%d", height, left, top)
	if out, err := exec.Command("convert", png, "-crop", crop, "-resize", "300%", "-colorspace", "Gray", "-negate", band).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v %s", err, out)
	}
	out, err := exec.Command("tesseract", band, "-").Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
