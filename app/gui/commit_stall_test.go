package gui

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// settleCommits waits for the changes committed in the background and runs what
// they hand back to the UI goroutine.
func settleCommits(ws *workspace) {
	ws.session.Wait()
	pump()
}

// gatedStore is a project whose commits, once held, wait until released
// (or 10 s), as a slow disk's fsync would: what the UI goroutine does
// while one is held shows whether it waits for the commit.
type gatedStore struct {
	*storage.Project
	mu       sync.Mutex
	held     bool
	release  chan struct{} // one value lets one held commit through
	inside   int           // commits under way
	fail     error         // what the held commits fail with, if not nil
	finished int           // commits that returned
}

func (g *gatedStore) Apply(c coding.Change) (coding.Change, error) {
	g.mu.Lock()
	held, fail := g.held, g.fail
	g.inside++
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.inside--
		g.finished++
		g.mu.Unlock()
	}()
	if held {
		select {
		case <-g.release:
		case <-time.After(10 * time.Second):
		}
		if fail != nil {
			return nil, fail
		}
	}
	return g.Project.Apply(c)
}

func (g *gatedStore) hold(fail error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.held, g.fail = true, fail
}

// state is how many commits are under way and how many have returned.
func (g *gatedStore) state() (inside, finished int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.inside, g.finished
}

// openGated opens a copy of the demo project on a gatedStore.
func openGated(t *testing.T) (*workspace, fyne.Window, *gatedStore) {
	t.Helper()
	p := openDemoStore(t)
	p.SetCoder("tester")
	g := &gatedStore{Project: p, release: make(chan struct{}, 16)}
	ws, w := openWorkspaceOn(t, session.New(g))
	return ws, w, g
}

// press types a key on the page without settling (key settles).
func press(ws *workspace, k fyne.KeyName) {
	ws.view.Content().(fyne.Focusable).TypedKey(&fyne.KeyEvent{Name: k})
}

// TestCodingDoesNotWaitForTheCommit: pressing C on a selection returns
// while the commit is still held (the window goes on answering), says
// only that it is coding; the passage is reported coded, listed and
// undoable once the commit is through.
func TestCodingDoesNotWaitForTheCommit(t *testing.T) {
	ws, _, g := openGated(t)
	start, end, ok := session.FindWords(ws.text.String(), sentence)
	if !ok {
		t.Fatal("sentence not in the demo text")
	}
	before := len(stored(t, ws))
	dragOver(t, ws, start, end)
	g.hold(nil)
	press(ws, fyne.KeyC)
	if _, finished := g.state(); finished != 0 {
		t.Fatal("pressing C returned after the commit: the UI goroutine waited for it")
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		if inside, _ := g.state(); inside == 1 {
			break // the commit is under way, held, and the UI goroutine free
		}
		if time.Now().After(deadline) {
			t.Fatal("the commit never began")
		}
	}
	if strings.HasPrefix(ws.status.Text, "Coded") {
		t.Errorf("status %q before the commit is through", ws.status.Text)
	}
	if s, e := ws.view.Selection(); s != e {
		t.Error("the selection stayed while committing: a second key would code it again")
	}
	g.release <- struct{}{}
	settleCommits(ws)
	f := findFragment(stored(t, ws), sentence)
	if f == nil || f.Role != coding.Context || len(stored(t, ws)) != before+1 {
		t.Fatalf("stored %+v", f)
	}
	if !strings.HasPrefix(ws.status.Text, "Coded Context on p.1") {
		t.Errorf("status after the commit %q", ws.status.Text)
	}
	if ws.current != f.ID || !strings.Contains(strings.Join(ws.fragments.texts(), "\n"), "C Efforts in the past") {
		t.Errorf("not shown as the fragment being edited: current %q, list %q", ws.current, ws.fragments.texts())
	}
	g.release <- struct{}{}
	shortcut(ws, &fyne.ShortcutUndo{})
	settleCommits(ws)
	if findFragment(stored(t, ws), sentence) != nil || len(stored(t, ws)) != before {
		t.Error("Ctrl+Z did not undo the passage coded in the background")
	}
}

// TestCommitsKeepTheirOrder: two passages coded and Ctrl+Z pressed while
// the first commit is held are committed in that order: the undo takes
// back the second passage, not a change made before, and says so.
func TestCommitsKeepTheirOrder(t *testing.T) {
	ws, _, g := openGated(t)
	text := ws.text.String()
	start, end, _ := session.FindWords(text, sentence)
	before := len(stored(t, ws))
	g.hold(nil)
	dragOver(t, ws, start, start+20)
	press(ws, fyne.KeyC)
	dragOver(t, ws, start+30, end)
	press(ws, fyne.KeyO)
	shortcut(ws, &fyne.ShortcutUndo{})
	for range 3 {
		g.release <- struct{}{}
	}
	settleCommits(ws)
	frags := stored(t, ws)
	if len(frags) != before+1 {
		t.Fatalf("%d fragments after coding two and undoing one, want %d", len(frags), before+1)
	}
	var kept *coding.Fragment
	for i, f := range frags {
		if f.Start == start {
			kept = &frags[i]
		}
	}
	if kept == nil || kept.Role != coding.Context {
		t.Errorf("the first passage (Context) is not the one kept: %+v", kept)
	}
	if !strings.HasPrefix(ws.status.Text, "Undone: code Outcome") {
		t.Errorf("status %q, want the Outcome coding undone", ws.status.Text)
	}
	g.release <- struct{}{}
	shortcut(ws, &fyne.ShortcutRedo{})
	settleCommits(ws)
	if len(stored(t, ws)) != before+2 {
		t.Errorf("redo: %d fragments, want %d", len(stored(t, ws)), before+2)
	}
}

// TestFailedCommitIsShown: a commit that fails in the background is
// shown as an error dialog and on the status line, and nothing is said
// to be coded.
func TestFailedCommitIsShown(t *testing.T) {
	ws, w, g := openGated(t)
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	before := len(stored(t, ws))
	dragOver(t, ws, start, end)
	g.hold(errors.New("disk full"))
	press(ws, fyne.KeyC)
	g.release <- struct{}{}
	settleCommits(ws)
	if len(stored(t, ws)) != before {
		t.Error("a failed commit stored a fragment")
	}
	if !strings.Contains(ws.status.Text, "disk full") {
		t.Errorf("status %q", ws.status.Text)
	}
	if w.Canvas().Overlays().Top() == nil || !strings.Contains(strings.ToLower(dialogText(w)), "disk full") {
		t.Errorf("no error dialog for the failed commit: %q", dialogText(w))
	}
}

// TestCommitEndingAfterClose: a passage coded just before the project is
// closed is still committed (Close waits for it), and its end, with the
// project gone, shows nothing (it used to read the closed project and
// show the error).
func TestCommitEndingAfterClose(t *testing.T) {
	ws, w, g := openGated(t)
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	before := len(stored(t, ws))
	dragOver(t, ws, start, end)
	g.hold(nil)
	press(ws, fyne.KeyC)
	ws.pv.close() // as closing the project does, then the session
	g.release <- struct{}{}
	if err := ws.session.Close(); err != nil {
		t.Fatal(err)
	}
	pump()
	if w.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog after closing: %q", dialogText(w))
	}
	p, err := storage.Open(g.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	frags, err := p.Fragments(ws.doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(frags) != before+1 {
		t.Errorf("%d fragments after closing, want the passage coded (%d)", len(frags), before+1)
	}
}
