package gui

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// pageTags is the tags drawn beside the highlights on the page, with the
// colour behind each.
func pageTags(w fyne.Window) map[string]canvas.Rectangle {
	tags := map[string]canvas.Rectangle{}
	var last *canvas.Rectangle
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Rectangle:
			last = x
		case *canvas.Text:
			if last != nil {
				tags[x.Text] = *last
			}
		}
	})
	return tags
}

// selectSentence drags across the demo's sentence.
func selectSentence(t *testing.T, ws *workspace) {
	t.Helper()
	start, end, ok := session.FindWords(ws.text.String(), sentence)
	if !ok {
		t.Fatal("sentence not in the demo text")
	}
	dragOver(t, ws, start, end)
}

// A reviewer selects a passage, gives it a label and presses U: it is
// stored unclassified with the label, drawn in grey with "U" and the
// label, listed under the "Unclassified" filter; pressing R on it later
// gives it a role, and Ctrl+Z takes that back.
func TestUnclassifiedKey(t *testing.T) {
	ws, w := openWorkspace(t)
	selectSentence(t, ws)
	ws.panel.labelBox.SetText("Staffing")
	key(ws, fyne.KeyU)

	f := findFragment(stored(t, ws), sentence)
	if f == nil || f.Role != coding.Unclassified || !slices.Equal(f.Labels, []string{"Staffing"}) {
		t.Fatalf("stored %+v, want an unclassified fragment labelled Staffing", f)
	}
	if !strings.HasPrefix(ws.panel.title.Text, "Fragment · Unclassified") {
		t.Errorf("panel title %q", ws.panel.title.Text)
	}
	if !strings.Contains(strings.Join(ws.fragments.texts(), "\n"), "U Efforts in the past") {
		t.Errorf("fragment list: %q", ws.fragments.texts())
	}
	bg, ok := pageTags(w)["U Staffing"]
	if !ok {
		t.Errorf("no tag \"U Staffing\" on the page; tags %v", slices.Sorted(maps.Keys(pageTags(w))))
	} else if bg.FillColor != unclassifiedGrey {
		t.Errorf("the tag is drawn on %v, want the neutral grey %v", bg.FillColor, unclassifiedGrey)
	}

	if !slices.Contains(ws.fragments.role.Options, "Unclassified") {
		t.Fatalf("role filter options %q", ws.fragments.role.Options)
	}
	ws.fragments.role.SetSelected("Unclassified")
	if len(ws.fragments.shown) != 1 || ws.fragments.shown[0].ID != f.ID {
		t.Errorf("Unclassified filter shows %q", ws.fragments.texts())
	}
	ws.fragments.role.SetSelected(allRoles)

	key(ws, fyne.KeyR) // no selection: the fragment being edited gets the role
	if g := findFragment(stored(t, ws), sentence); g == nil || g.Role != coding.Resource || !slices.Equal(g.Labels, []string{"Staffing"}) {
		t.Fatalf("after R: %+v, want a mechanism resource keeping its label", g)
	}
	if _, ok := pageTags(w)["M res"]; !ok {
		t.Errorf("after R no \"M res\" tag on the page; tags %v", slices.Sorted(maps.Keys(pageTags(w))))
	}
	shortcut(ws, &fyne.ShortcutUndo{})
	if g := findFragment(stored(t, ws), sentence); g == nil || g.Role != coding.Unclassified {
		t.Errorf("after undo: %+v, want unclassified again", g)
	}
}

func TestRoleKeys(t *testing.T) {
	for _, tc := range []struct {
		key  fyne.KeyName
		want coding.Role
	}{
		{fyne.KeyC, coding.Context}, {fyne.KeyR, coding.Resource}, {fyne.KeyM, coding.Reasoning},
		{fyne.KeyO, coding.Outcome}, {fyne.KeyU, coding.Unclassified}, {fyne.Key5, coding.Unclassified},
	} {
		if r, ok := roleForKey(tc.key); !ok || r != tc.want {
			t.Errorf("%s codes %q, want %q", tc.key, r, tc.want)
		}
		if tc.key != fyne.Key5 && roleKey(tc.want) != tc.key {
			t.Errorf("%s's key is %q, want %s", tc.want, roleKey(tc.want), tc.key)
		}
	}
	if got := highlightTag(coding.Fragment{Role: coding.Context, Labels: []string{"Trust"}}); got != "C" {
		t.Errorf("a context fragment's tag %q, want C alone", got)
	}
}

// An unclassified fragment in a CMOC is left off its configuration line
// and listed in its box under "Unclassified", a quote that jumps to it
// like the others.
func TestUnclassifiedInCMOCBox(t *testing.T) {
	ws, w := openWorkspace(t)
	selectSentence(t, ws)
	key(ws, fyne.KeyU)
	u := findFragment(stored(t, ws), sentence)
	var ctx coding.Fragment
	for _, f := range stored(t, ws) {
		if f.Role == coding.Context {
			ctx = f
		}
	}
	if u == nil || ctx.ID == "" {
		t.Fatalf("unclassified %v, a context fragment %q", u, ctx.ID)
	}
	const statement = "Short-lived efforts"
	if err := ws.session.Do(coding.AddCMOC{CMOC: coding.CMOC{Statement: statement, Fragments: []string{ctx.ID, u.ID}}}); err != nil {
		t.Fatal(err)
	}
	pv := ws.pv
	pv.showTab("CMOCs")
	b := boxNamed(settledCMOCs(t, pv.tabsView.cmocs), statement)
	if b == nil {
		t.Fatal("no box for the CMOC")
	}
	if strings.Contains(b.line.Text, "Efforts in the past") || !strings.Contains(b.line.Text, "(C) → … (M, Resource)") {
		t.Errorf("configuration %q", b.line.Text)
	}
	if len(b.links) != 2 || b.links[1].frag.ID != u.ID || !strings.Contains(b.links[1].link.Text, "Efforts in the past") {
		t.Fatalf("the box's quotes: %d", len(b.links))
	}
	found := false
	walk(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*canvas.Text); ok && l.Text == "Unclassified" {
			found = true
		}
	})
	if !found {
		t.Error("the box has no \"Unclassified\" heading")
	}
}

// The coding panel has an "Unclassified (U)" button beside the four roles:
// it takes the role off a picked fragment, and Context gives it back.
func TestUnclassifiedButton(t *testing.T) {
	ws, _ := openWorkspace(t)
	b := ws.panel.roles[coding.Unclassified]
	if b == nil || b.Text != "Unclassified (U)" {
		t.Fatalf("the panel's Unclassified button: %v", b)
	}
	var picked coding.Fragment
	for i, f := range ws.fragments.shown {
		if f.Role == coding.Context {
			picked = f
			ws.fragments.list.Select(i)
			break
		}
	}
	if picked.ID == "" || ws.current != picked.ID {
		t.Fatalf("no context fragment picked (current %q)", ws.current)
	}
	test.Tap(b)
	if f, err := ws.session.Fragment(picked.ID); err != nil || f.Role != coding.Unclassified {
		t.Fatalf("after Unclassified: %+v %v", f, err)
	}
	if b.Importance != widget.HighImportance {
		t.Error("the Unclassified button is not shown as the fragment's state")
	}
	test.Tap(ws.panel.roles[coding.Context])
	if f, err := ws.session.Fragment(picked.ID); err != nil || f.Role != coding.Context {
		t.Errorf("after Context: %+v %v", f, err)
	}
}
