package gui

import (
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// countingStore counts the whole-project reads the views make.
type countingStore struct {
	session.Store
	contents atomic.Int32
}

func (c *countingStore) Contents() (coding.Contents, error) {
	c.contents.Add(1)
	return c.Store.Contents()
}

// Turning a page of CMOCs or filtering them shows what was read already:
// at 300 CMOCs over 20,000 fragments each re-read froze the window for
// seconds (issue 14). The read itself runs off the UI goroutine.
func TestCMOCsPagesFromMemory(t *testing.T) {
	p := openDemoStore(t)
	store := &countingStore{Store: p}
	ws, _ := openWorkspaceOn(t, session.New(store))
	frags, _ := ws.session.Fragments("")
	var b coding.Batch
	for i := range 60 {
		b = append(b, coding.AddCMOC{CMOC: coding.CMOC{Statement: "Generated " + itoa(i), Fragments: []string{frags[i%5].ID}}})
	}
	if err := ws.session.Do(b); err != nil {
		t.Fatal(err)
	}
	ws.pv.showTab("CMOCs")
	panel := ws.pv.tabsView.cmocs
	if !panel.loading {
		t.Error("the CMOCs tab read the project on the UI goroutine")
	}
	settledCMOCs(t, panel)
	read := store.contents.Load()
	test.Tap(panel.nextPage)
	test.Tap(panel.nextPage)
	test.Tap(panel.prevPage)
	panel.filter.SetText("Generated 1")
	if n := store.contents.Load() - read; n != 0 {
		t.Errorf("turning pages and filtering read the whole project %d times", n)
	}
	if panel.heading.Text != "CMOCs (11 of 61)" {
		t.Errorf("filtered heading %q", panel.heading.Text)
	}
}
