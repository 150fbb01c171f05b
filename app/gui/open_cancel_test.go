package gui

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cmocoder.org/cmocoder/app/session"
)

// holdOpens makes the opens started from now on wait for release before
// they open their project; ended counts those whose open has returned.
func holdOpens(t *testing.T) (release func(), ended *atomic.Int32) {
	t.Helper()
	gate := make(chan struct{})
	ended = new(atomic.Int32)
	t.Cleanup(func() { openFiles = openAndRead })
	openFiles = func(path, coder, lastDoc string) (*session.Session, projectRead, error) {
		<-gate
		defer ended.Add(1)
		return openAndRead(path, coder, lastDoc)
	}
	var released bool
	return func() {
		if !released {
			released = true
			close(gate)
		}
	}, ended
}

// waitEnded runs what the held opens hand back to the UI goroutine once
// n of them have returned.
func waitEnded(t *testing.T, ended *atomic.Int32, n int32) {
	t.Helper()
	seen := 0 // pumps since the opens returned: their hand-over follows at once
	uiQueue.WaitFor(t, "the opens handed back", 60*time.Second, func() bool {
		if ended.Load() >= n {
			seen++
		}
		return seen > 2
	})
}

// A project still opening is dropped when the reviewer asks for
// something else meanwhile: File ▸ Close project, or
// another project. The window shows what was asked for last, and the
// dropped project's file is closed again (it opens again at once).
func TestOpenSupersededWhileReading(t *testing.T) {
	cases := []struct {
		name string
		// then is what the reviewer does while second is still opening;
		// it returns the project the window should show at the end, ""
		// for the welcome screen, and how many opens it started.
		then func(t *testing.T, d *mainWindow, first, second, third string) (string, int32)
	}{
		{"File ▸ Close project", func(t *testing.T, d *mainWindow, first, second, third string) (string, int32) {
			fileMenuItem(t, d.win, "Close project").Action()
			return "", 1
		}},
		{"another project", func(t *testing.T, d *mainWindow, first, second, third string) (string, int32) {
			d.openProject(third)
			return third, 2
		}},
		{"the same project again", func(t *testing.T, d *mainWindow, first, second, third string) (string, int32) {
			fileMenuItem(t, d.win, "Close project").Action()
			d.openProject(second)
			return second, 2
		}},
		{"a project that cannot be opened", func(t *testing.T, d *mainWindow, first, second, third string) (string, int32) {
			bad := filepath.Join(t.TempDir(), "notes.cmoproj")
			if err := os.WriteFile(bad, []byte(strings.Repeat("not a database ", 100)), 0o644); err != nil {
				t.Fatal(err)
			}
			d.openProject(bad)
			return first, 2 // with a dialog saying why
		}},
		{"the project open before", func(t *testing.T, d *mainWindow, first, second, third string) (string, int32) {
			fileMenuItem(t, d.win, "Close project").Action()
			d.openProject(first)
			return first, 2
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newMainWindow(t)
			first, second, third := demoCopy(t), demoCopy(t), demoCopy(t)
			openAndWait(t, d, first)
			release, ended := holdOpens(t)
			d.openProject(second)
			want, opens := c.then(t, d, first, second, third)
			release()
			waitEnded(t, ended, opens)
			got := ""
			if d.session != nil {
				got = d.session.Path()
			}
			if got != want {
				t.Errorf("the window shows %q, want %q (%q)", got, want, labels(d.win.Content()))
			}
			if want == "" && !strings.Contains(labels(d.win.Content()), "Recent projects") {
				t.Errorf("the welcome screen is not shown: %q", labels(d.win.Content()))
			}
			if strings.Contains(labels(d.win.Content()), "Opening") {
				t.Errorf("the window still says it is opening: %q", labels(d.win.Content()))
			}
			if want != "" && (d.view == nil || d.view.ws.doc.ID == "") {
				t.Errorf("%q is not shown with its document", want)
			}
			// The dropped project's file is free again: it opens.
			openFiles = openAndRead
			openAndWait(t, d, second)
			if d.session == nil || d.session.Path() != second {
				t.Errorf("the dropped project does not open again: %q", labels(d.win.Content()))
			}
		})
	}
}
