package main

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// do runs xdotool steps one after the other, as a hand would.
func (a *runningApp) do(steps ...[]string) {
	a.t.Helper()
	for _, step := range steps {
		if _, err := a.xdo(step...); err != nil {
			a.t.Fatalf("xdotool %v: %v", step, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
	time.Sleep(time.Second)
}

// windowShot keeps what the app's window shows.
func (a *runningApp) windowShot(path string) {
	a.t.Helper()
	imp := exec.Command("import", "-window", a.win, path)
	imp.Env = append(os.Environ(), "DISPLAY="+a.display)
	if out, err := imp.CombinedOutput(); err != nil {
		a.t.Fatalf("screenshot: %v %s", err, out)
	}
}

func move(x, y int) []string { return []string{"mousemove", strconv.Itoa(x), strconv.Itoa(y)} }

// onPage is where a point of page 1 (in PDF points from its top left
// corner) is on the screen.
func onPage(left, top int, zoom, x, y float64) (int, int) {
	return left + int(math.Round(x*zoom)), top + int(math.Round(y*zoom))
}

const pickedSentence = "Against this background, a situational analysis was performed to aid the Medical Department to define and prioritize its quality improvement activities."

// TestE2EPanel drives the real window: a reviewer picks a fragment that
// has a label, a memo and a valence by clicking its highlight, then codes
// a new passage by dragging across it and pressing O; the new fragment
// gets none of the picked one's label, memo or valence. Then they type a
// memo for it and click a valence button: both are saved. Screenshots of
// the Documents tab with a fragment picked are kept at 1260×780 and at
// 1024×768.
func TestE2EPanel(t *testing.T) {
	display, dir, project := demoUnderXvfb(t)
	picked := locateSentence(t, project, pickedSentence)
	target := locateSentence(t, project, e2eSentence)
	doc := strings.Fields(mustRun(t, "docs", project))[0]
	mustRun(t, "code", project, doc, strconv.Itoa(picked.start), strconv.Itoa(picked.end), "--role", "context",
		"--valence", "+", "--label", "Leadership", "--memo", "Past failures shape how staff receive a new attempt.")

	app := startApp(t, display, project, filepath.Join(dir, "config"), "Demo: quality improvement")
	shotDir := filepath.Join("build", "screenshots")
	os.MkdirAll(shotDir, 0o755)
	before := filepath.Join(dir, "before.png")
	app.screenshot(before)
	left, top, width := findPage(t, before)
	zoom := float64(width) / target.pageWidth

	// (a) Click the labelled fragment's highlight, then drag across the
	// next sentence and press O.
	px, py := onPage(left, top, zoom, (picked.x1+picked.x2)/2, picked.y2)
	app.xdo("windowfocus", "--sync", app.win)
	app.do(move(px, py), []string{"click", "1"})
	shot := filepath.Join(shotDir, "panel-1260x780.png")
	app.windowShot(shot)
	checkDrawn(t, shot)
	x1, y1 := onPage(left, top, zoom, target.x1, target.y1)
	x2, y2 := onPage(left, top, zoom, target.x2, target.y2)
	app.do(move(x1, y1), []string{"mousedown", "1"}, move((x1+x2)/2, (y1+y2)/2), move(x2, y2), []string{"mouseup", "1"})
	app.do([]string{"key", "o"})

	app.quit()
	coded := codedAt(t, project, target)
	if coded.Role != "outcome" || len(coded.Labels) != 0 || coded.Memo != "" || coded.Valence != "" {
		t.Errorf("the new fragment is %s with labels %q, memo %q, valence %q; want an outcome and nothing of the picked fragment",
			coded.Role, coded.Labels, coded.Memo, coded.Valence)
	}

	// (b) Pick the new fragment, type a memo for it, then click the +
	// valence.
	app = startApp(t, display, project, filepath.Join(dir, "config2"), "Demo: quality improvement")
	app.xdo("windowfocus", "--sync", app.win)
	app.do(move(x1, y1), []string{"click", "1"}) // its first word: the line's end is the next fragment's

	pickedShot := filepath.Join(dir, "picked.png")
	app.screenshot(pickedShot)
	mx, my := findWord(t, pickedShot, "Memo:", left+width)
	app.do(move(mx, my), []string{"click", "1"}, []string{"type", "Typed, then a valence clicked."})
	nx, ny := findWord(t, pickedShot, "none", left+width)
	app.do(move(nx+55, ny), []string{"click", "1"})
	shot1024 := filepath.Join(shotDir, "panel-1024x768.png")
	app.do([]string{"windowsize", app.win, "1024", "768"})
	app.windowShot(shot1024)
	checkDrawn(t, shot1024)
	app.quit()
	coded = codedAt(t, project, target)
	if coded.Memo != "Typed, then a valence clicked." || coded.Valence != "+" {
		t.Errorf("after typing a memo and clicking +: memo %q, valence %q", coded.Memo, coded.Valence)
	}
}

// codedAt is the fragment `fragments --json` lists at a sentence's start
// (where the drag ends, the selection may stop before the full stop).
func codedAt(t *testing.T, project string, s sentenceTarget) fragmentRow {
	t.Helper()
	for _, f := range listFragments(t, project) {
		if f.Start == s.start && f.End > s.end-3 {
			return f
		}
	}
	t.Fatalf("no fragment at %d-%d: the passage was not coded", s.start, s.end)
	return fragmentRow{}
}
