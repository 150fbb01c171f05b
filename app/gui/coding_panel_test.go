package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	ttwidget "github.com/dweymouth/fyne-tooltip/widget"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// pickOutcome gives the demo's outcome fragment a memo and a + valence
// (it has the label Accountability) and picks it as a reviewer would:
// in the list, or by clicking its highlight on the page.
func pickOutcome(t *testing.T, ws *workspace, onPage bool) coding.Fragment {
	t.Helper()
	var target coding.Fragment
	for _, f := range ws.frags {
		if f.Role == coding.Outcome {
			target = f
		}
	}
	target.Memo, target.Valence = "Nobody is answerable.", coding.Positive
	if err := ws.session.Do(coding.EditFragment{Fragment: target}); err != nil {
		t.Fatal(err)
	}
	ws.reload()
	pick(t, ws, target.ID, onPage)
	if ws.panel.labelBox.Text != "Accountability" || ws.panel.memo.Text != target.Memo {
		t.Fatalf("the panel shows labels %q, memo %q", ws.panel.labelBox.Text, ws.panel.memo.Text)
	}
	return target
}

// pick picks a fragment in the list, or by clicking its highlight.
func pick(t *testing.T, ws *workspace, id string, onPage bool) {
	t.Helper()
	if onPage {
		ws.view.OnHighlightTapped(id)
	} else {
		for i, f := range ws.fragments.shown {
			if f.ID == id {
				ws.fragments.list.Select(i)
			}
		}
	}
	if ws.current != id {
		t.Fatalf("fragment %s not picked", id)
	}
}

// pickWays are the two ways a reviewer picks a fragment.
var pickWays = []struct {
	name   string
	onPage bool
}{{"in the list", false}, {"on the page", true}}

// codeSentence drags across the test sentence and presses a role's key;
// it returns the new fragment as stored.
func codeSentence(t *testing.T, ws *workspace, k fyne.KeyName) coding.Fragment {
	t.Helper()
	start, end, ok := session.FindWords(ws.text.String(), sentence)
	if !ok {
		t.Fatal("sentence not in the demo text")
	}
	dragOver(t, ws, start, end)
	key(ws, k)
	f := findFragment(stored(t, ws), sentence)
	if f == nil {
		t.Fatal("the sentence was not coded")
	}
	return *f
}

// A new fragment gets only what the reviewer gives it: after a labelled
// fragment with a memo and a valence is picked, coding a new passage
// gives it the role of the key and nothing of the picked one.
func TestNewFragmentInheritsNothing(t *testing.T) {
	for _, tc := range pickWays {
		t.Run(tc.name, func(t *testing.T) {
			ws, _ := openWorkspace(t)
			pickOutcome(t, ws, tc.onPage)
			f := codeSentence(t, ws, fyne.KeyO)
			if f.Role != coding.Outcome || len(f.Labels) != 0 || f.Memo != "" || f.Valence != coding.NoValence {
				t.Errorf("new fragment: role %s, labels %q, memo %q, valence %q; want outcome and nothing else", f.Role, f.Labels, f.Memo, f.Valence)
			}
		})
	}
}

// Labels the reviewer pins are given to each new passage, and the panel
// says so; unpinned, new passages get none again.
func TestPinnedLabelsGoToNewPassages(t *testing.T) {
	ws, _ := openWorkspace(t)
	pickOutcome(t, ws, false)
	test.Tap(ws.panel.pin)
	if !ws.panel.pin.Checked || !ws.panel.pinInfo.Visible() || ws.panel.pinInfo.Text != "Kept for each new passage: Accountability" {
		t.Fatalf("pinned: check %v, info %v %q", ws.panel.pin.Checked, ws.panel.pinInfo.Visible(), ws.panel.pinInfo.Text)
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject
	if info, box := at(ws.panel.pinInfo).Y, at(ws.panel.labelBox).Y; info <= box {
		t.Errorf("the kept labels are drawn at y %.0f, not under the labels box at %.0f", info, box)
	}
	start, end, _ := session.FindWords(ws.text.String(), sentence)
	dragOver(t, ws, start, end)
	if ws.panel.labelBox.Text != "Accountability" || ws.panel.memo.Text != "" || ws.panel.valences.Selected != "none" {
		t.Errorf("for the new passage the panel shows labels %q, memo %q, valence %q", ws.panel.labelBox.Text, ws.panel.memo.Text, ws.panel.valences.Selected)
	}
	key(ws, fyne.KeyC)
	f := findFragment(stored(t, ws), sentence)
	if f == nil || strings.Join(f.Labels, ",") != "Accountability" || f.Memo != "" || f.Valence != coding.NoValence {
		t.Fatalf("new fragment with a pinned label: %+v", f)
	}
	if !ws.panel.pinInfo.Visible() {
		t.Error("the pinned labels are not shown after coding")
	}

	test.Tap(ws.panel.pin) // unpin
	if ws.panel.pinInfo.Visible() {
		t.Error("the pinned labels are still shown after unpinning")
	}
	g := codeSecondSentence(t, ws)
	if len(g.Labels) != 0 {
		t.Errorf("after unpinning a new fragment got labels %q", g.Labels)
	}
}

// codeSecondSentence codes another passage of page 1 as Context.
func codeSecondSentence(t *testing.T, ws *workspace) coding.Fragment {
	t.Helper()
	start, end, ok := session.FindWords(ws.text.String(), "Kamuzu Central Hospital")
	if !ok {
		t.Fatal("no second passage in the demo text")
	}
	dragOver(t, ws, start, end)
	key(ws, fyne.KeyC)
	for _, f := range stored(t, ws) {
		if f.Start == start && f.End == end {
			return f
		}
	}
	t.Fatal("the second passage was not coded")
	return coding.Fragment{}
}

// typeMemo types into the memo box as a reviewer does: it takes the focus
// first.
func typeMemo(ws *workspace, text string) {
	ws.win.Canvas().Focus(ws.panel.memo)
	ws.panel.memo.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(ws.panel.memo, text)
}

// valenceItem is the valence button for a choice, to tap.
func valenceItem(t *testing.T, ws *workspace, choice string) fyne.Tappable {
	t.Helper()
	for i, o := range test.WidgetRenderer(ws.panel.valences).Objects() {
		if valenceChoices[i] == choice {
			return o.(fyne.Tappable)
		}
	}
	t.Fatalf("no valence button %q", choice)
	return nil
}

// A memo typed in the panel survives a click on a valence button: both
// are saved.
func TestMemoSurvivesValenceClick(t *testing.T) {
	ws, _ := openWorkspace(t)
	target := pickOutcome(t, ws, false)
	typeMemo(ws, "Typed, then a valence clicked.")
	test.Tap(valenceItem(t, ws, "−"))
	f, err := ws.session.Fragment(target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Memo != "Typed, then a valence clicked." || f.Valence != coding.Negative {
		t.Errorf("stored memo %q, valence %q", f.Memo, f.Valence)
	}
	if ws.panel.memo.Text != "Typed, then a valence clicked." {
		t.Errorf("the memo box shows %q", ws.panel.memo.Text)
	}
}

// The same without leaving the memo box first: a valence key or the
// radio group's own change saves what is typed with it.
func TestValenceChangeSavesTypedMemo(t *testing.T) {
	ws, _ := openWorkspace(t)
	target := pickOutcome(t, ws, false)
	ws.panel.memo.SetText("Typed without leaving the box.")
	ws.panel.valences.SetSelected("none")
	f, _ := ws.session.Fragment(target.ID)
	if f.Memo != "Typed without leaving the box." || f.Valence != coding.NoValence {
		t.Errorf("stored memo %q, valence %q", f.Memo, f.Valence)
	}
}

// A memo typed for one fragment is saved when another one is picked, and
// the panel then shows the other one's.
func TestMemoSavedWhenAnotherFragmentPicked(t *testing.T) {
	for _, tc := range pickWays {
		t.Run(tc.name, func(t *testing.T) {
			ws, _ := openWorkspace(t)
			target := pickOutcome(t, ws, false)
			ws.panel.memo.SetText("Saved on leaving.")
			var other coding.Fragment
			for _, f := range ws.frags {
				if f.ID != target.ID {
					other = f
				}
			}
			pick(t, ws, other.ID, tc.onPage)
			f, _ := ws.session.Fragment(target.ID)
			if f.Memo != "Saved on leaving." {
				t.Errorf("stored memo %q", f.Memo)
			}
			if ws.panel.memo.Text != other.Memo {
				t.Errorf("the panel shows memo %q for the other fragment, want %q", ws.panel.memo.Text, other.Memo)
			}
		})
	}
}

// Each save is one undoable step: leaving the memo box saves the memo,
// leaving the labels box saves the labels, and Ctrl+Z undoes exactly the
// last of them.
func TestEachSaveIsOneUndoStep(t *testing.T) {
	ws, w := openWorkspace(t)
	target := pickOutcome(t, ws, false)
	typeMemo(ws, "First thought.")
	w.Canvas().Unfocus()
	w.Canvas().Focus(ws.panel.labelBox)
	ws.panel.labelBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(ws.panel.labelBox, ", Leadership")
	w.Canvas().Unfocus()
	f, _ := ws.session.Fragment(target.ID)
	if f.Memo != "First thought." || strings.Join(f.Labels, ",") != "Accountability,Leadership" {
		t.Fatalf("after leaving the boxes: memo %q, labels %q", f.Memo, f.Labels)
	}

	shortcut(ws, &fyne.ShortcutUndo{}) // the labels
	f, _ = ws.session.Fragment(target.ID)
	if f.Memo != "First thought." || strings.Join(f.Labels, ",") != "Accountability" {
		t.Errorf("after one undo: memo %q, labels %q", f.Memo, f.Labels)
	}
	if ws.panel.labelBox.Text != "Accountability" {
		t.Errorf("after one undo the labels box shows %q", ws.panel.labelBox.Text)
	}
	shortcut(ws, &fyne.ShortcutUndo{}) // the memo
	f, _ = ws.session.Fragment(target.ID)
	if f.Memo != target.Memo || f.Valence != target.Valence {
		t.Errorf("after two undos: memo %q, valence %q", f.Memo, f.Valence)
	}
	if ws.panel.memo.Text != target.Memo {
		t.Errorf("after two undos the memo box shows %q", ws.panel.memo.Text)
	}
}

// The panel has no "Save changes" button: nothing waits to be saved.
func TestNoSaveButton(t *testing.T) {
	ws, _ := openWorkspace(t)
	pickOutcome(t, ws, false)
	for _, o := range allObjects(ws.panel.content) {
		if b, ok := o.(*ttwidget.Button); ok && b.Visible() && strings.Contains(b.Text, "Save") {
			t.Errorf("the coding panel shows a button %q", b.Text)
		}
	}
}

// Closing the window saves what the memo box holds.
func TestClosingTheWindowSavesTheMemo(t *testing.T) {
	t.Setenv("CMOCODER_CODER", "tester")
	a := test.NewTempApp(t)
	path := demoCopy(t)
	d := &mainWindow{app: a, win: test.NewWindow(nil)}
	d.win.SetOnClosed(d.closeSession)
	openAndWait(t, d, path)
	if d.view == nil {
		t.Fatal("the project did not open")
	}
	ws := d.view.ws
	target := ws.frags[0]
	pick(t, ws, target.ID, false)
	ws.panel.memo.SetText("Written just before closing.")
	d.win.Close()

	p, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	f, err := p.Fragment(target.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Memo != "Written just before closing." {
		t.Errorf("after closing the window the memo is %q", f.Memo)
	}
}

// allObjects is every object drawn under o, for tests that look for a
// widget on screen.
func allObjects(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			out = append(out, allObjects(k)...)
		}
	case fyne.Widget:
		for _, k := range test.WidgetRenderer(c).Objects() {
			out = append(out, allObjects(k)...)
		}
	}
	return out
}

// The suggestions under the labels box leave out the labels the box
// holds, the one typed in full too; a label typed in full is not called
// new.
func TestSuggestionsLeaveOutGivenLabels(t *testing.T) {
	ws, _ := openWorkspace(t)
	pickOutcome(t, ws, false)
	for _, o := range ws.panel.suggest.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Accountability" {
			t.Errorf("Accountability is suggested beside a box that holds it")
		}
		if l, ok := o.(*widget.Label); ok {
			t.Errorf("the suggestions read %q", l.Text)
		}
	}
	ws.panel.labelBox.SetText("Accountability, ")
	if sugg := strings.Join(ws.panel.suggestions(), ","); strings.Contains(sugg, "Accountability") || !strings.Contains(sugg, "Leadership") {
		t.Errorf("after a comma the suggestions are %q", sugg)
	}
}
