package gui

import (
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// damagedStore is a project whose full check, once damaged is set, finds
// damage that opening did not look for.
type damagedStore struct {
	session.Store
	damaged bool
}

func (d *damagedStore) Check() error {
	if d.damaged {
		return coding.Errorf(coding.KindDamaged, "check project", "", "demo.cmoproj is damaged: page 12 of the pages table is unreadable")
	}
	return d.Store.Check()
}

// Help ▸ Check project reads the whole file off the UI goroutine and says
// what it found on the status line (and in a dialog).
func TestHelpCheckProject(t *testing.T) {
	p := openDemoStore(t)
	store := &damagedStore{Store: p}
	ws, _ := openWorkspaceOn(t, session.New(store))
	check := menuAction(t, ws, "Help", "Check project…")
	waitStatus := func(want string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(ws.status.Text, want) {
			if time.Now().After(deadline) {
				t.Fatalf("status %q, want it to say %q", ws.status.Text, want)
			}
			time.Sleep(20 * time.Millisecond)
			pump()
		}
	}
	check()
	waitStatus("Check project: no problems found in demo.cmoproj")

	store.damaged = true
	check()
	waitStatus("page 12 of the pages table is unreadable")
}
