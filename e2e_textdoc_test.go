package main

import (
	"os"
	"path/filepath"
	"testing"
)

const interviewSentence = "P3: People came back\tbecause someone remembered their names."

// TestE2ETextDoc drives the real window on a Word interview: its page is
// drawn from cmocoder's own layout, a drag across a speaker's turn and C
// code it as a context, and the window is kept as
// build/screenshots/textdoc.png, to be looked at.
func TestE2ETextDoc(t *testing.T) {
	display := startXvfb(t)
	dir := t.TempDir()
	project := filepath.Join(dir, "interviews.cmoproj")
	mustRun(t, "new", project, "--title", "Interviews", "--coder", "tester")
	mustRun(t, "add", project, filepath.Join(textdocDir, "interview.docx"))
	target := locateSentence(t, project, interviewSentence)

	app := startApp(t, display, project, filepath.Join(dir, "config"), "Interviews")
	before := filepath.Join(dir, "before.png")
	app.screenshot(before)
	left, top, width := findPage(t, before)
	zoom := float64(width) / target.pageWidth
	x1, y1 := onPage(left, top, zoom, target.x1, target.y1)
	x2, y2 := onPage(left, top, zoom, target.x2, target.y2)
	app.xdo("windowfocus", "--sync", app.win)
	app.do(move(x1, y1), []string{"mousedown", "1"}, move((x1+x2)/2, (y1+y2)/2), move(x2, y2), []string{"mouseup", "1"})
	app.do([]string{"key", "c"})
	shotDir := filepath.Join("build", "screenshots")
	os.MkdirAll(shotDir, 0o755)
	shot := filepath.Join(shotDir, "textdoc.png")
	app.windowShot(shot)
	checkDrawn(t, shot)
	app.quit()
	if f := codedAt(t, project, target); f.Role != "context" || f.Page != 1 {
		t.Errorf("coded %+v", f)
	}
}
