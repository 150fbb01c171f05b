package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
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
	t.Setenv("CMOCODER_CODER", "tester")
	test.NewTempApp(t)
	p, err := storage.Open(demoCopy(t))
	if err != nil {
		t.Fatal(err)
	}
	store := &damagedStore{Store: p}
	ws, _ := openWorkspaceOn(t, session.New(store))
	var check *fyne.MenuItem
	for _, m := range ws.menus() {
		if m.Label != "Help" {
			continue
		}
		for _, it := range m.Items {
			if it.Label == "Check project…" {
				check = it
			}
		}
	}
	if check == nil {
		t.Fatal("no Help ▸ Check project…")
	}
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
	check.Action()
	waitStatus("Check project: no problems found in demo.cmoproj")

	store.damaged = true
	check.Action()
	waitStatus("page 12 of the pages table is unreadable")
}
