package gui

import (
	"strings"
	"testing"
)

// View ▸ Select whole words: unticked, a drag selects characters (what
// Alt+drag does, for desktops that take Alt+drag for themselves), and the
// choice holds for the next window.
func TestSelectWholeWordsSetting(t *testing.T) {
	ws, _ := openWorkspace(t)
	if ws.view.SelectCharacters {
		t.Fatal("a new install selects characters; want whole words")
	}
	var item func()
	var checked func() bool
	for _, m := range ws.menus() {
		for _, it := range m.Items {
			if strings.HasPrefix(it.Label, "Select whole words") {
				it := it
				item, checked = it.Action, func() bool { return it.Checked }
			}
		}
	}
	if item == nil {
		t.Fatal("no View ▸ Select whole words")
	}
	if !checked() {
		t.Error("Select whole words is not ticked by default")
	}
	item()
	if !ws.view.SelectCharacters || checked() {
		t.Errorf("after unticking: SelectCharacters %v, ticked %v; want true, false", ws.view.SelectCharacters, checked())
	}
	pv, err := newProjectView(ws.session)
	if err != nil {
		t.Fatal(err)
	}
	if !pv.ws.view.SelectCharacters {
		t.Error("the next window snaps to words again; the setting was not remembered")
	}
}
