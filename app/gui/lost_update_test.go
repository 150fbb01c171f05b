package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testedits"
	"cmocoder.org/cmocoder/storage"
)

// sourcesOnTwoPrograms opens the app on the Sources tab of a project and
// the same file a second time, as the CLI does; cli sets source fields
// (by their CLI names) there, as `cmocoder source` does.
func sourcesOnTwoPrograms(t *testing.T) (*workspace, fyne.Window, *sourcesPanel, func(map[string]string)) {
	t.Helper()
	ws, w := openWorkspace(t)
	ws.pv.showTab("Sources")
	p := ws.pv.tabsView.sources
	if p.filled.id == "" {
		t.Fatal("no source shown")
	}
	other := otherProgram(t, ws)
	id := p.filled.id
	apply := func(c coding.Change) error { _, err := other.Apply(c); return err }
	cli := func(fields map[string]string) {
		t.Helper()
		testedits.SetSource(t, other, apply, id, fields)
	}
	return ws, w, p, cli
}

// otherProgram opens the app's project a second time, as the CLI does.
func otherProgram(t *testing.T, ws *workspace) *storage.Project {
	t.Helper()
	other, err := storage.Open(ws.session.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// storedSource is the source of the document the panel shows, as stored.
func storedSource(t *testing.T, ws *workspace, p *sourcesPanel) coding.Source {
	t.Helper()
	d, err := ws.session.Document(p.filled.id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Source()
}

// TestSourcesKeepOtherProgramsFields: while the reviewer types an author
// on the Sources tab, the CLI sets the design and the location; leaving
// the field saves the author and all three are stored (before, saving
// wrote back every field the panel had loaded, wiping the CLI's). When
// the app notices the CLI's commit, the form shows its values.
func TestSourcesKeepOtherProgramsFields(t *testing.T) {
	ws, w, p, cli := sourcesOnTwoPrograms(t)
	w.Canvas().Focus(p.authors)
	p.authors.SetText("Banda J")
	cli(map[string]string{"design": "RCT", "location": "Malawi"})
	w.Canvas().Unfocus() // leaving the field saves it
	s := storedSource(t, ws, p)
	if s.Authors != "Banda J" || s.Design != "RCT" || s.Location != "Malawi" {
		t.Errorf("stored authors %q, design %q, location %q", s.Authors, s.Design, s.Location)
	}
	if !strings.Contains(ws.status.Text, "saved") {
		t.Errorf("status %q", ws.status.Text)
	}
	ws.pv.otherProgramChanged() // what the watcher does when it sees the commit
	if p.design.Text != "RCT" || p.location.Text != "Malawi" || p.authors.Text != "Banda J" {
		t.Errorf("form shows design %q, location %q, authors %q", p.design.Text, p.location.Text, p.authors.Text)
	}
}

// TestSourcesConflictDialog: the reviewer types a design while the CLI
// sets another; saving shows a dialog instead of overwriting. See both
// shows the two values; Keep mine stores the reviewer's, Take theirs the
// CLI's (and the form shows it).
func TestSourcesConflictDialog(t *testing.T) {
	for _, tc := range []struct {
		choice, want string
	}{
		{"Keep mine", "Cohort study"},
		{"Take theirs", "RCT"},
	} {
		t.Run(tc.choice, func(t *testing.T) {
			ws, w, p, cli := sourcesOnTwoPrograms(t)
			w.Canvas().Focus(p.design)
			p.design.SetText("Cohort study")
			cli(map[string]string{"design": "RCT"})
			ws.pv.otherProgramChanged()
			if p.design.Text != "Cohort study" {
				t.Fatalf("the refresh replaced what the reviewer typed: %q", p.design.Text)
			}
			w.Canvas().Unfocus()
			if s := storedSource(t, ws, p); s.Design != "RCT" {
				t.Fatalf("saved over the CLI's design: %q", s.Design)
			}
			text := dialogText(w)
			if !strings.Contains(text, "Another program changed the design") || strings.Contains(text, "yours:") {
				t.Errorf("dialog %q", text)
			}
			test.Tap(button(t, topDialog(t, w), "See both"))
			if text := dialogText(w); !strings.Contains(text, "yours: “Cohort study”; theirs: “RCT”") {
				t.Errorf("after See both: %q", text)
			}
			test.Tap(button(t, topDialog(t, w), tc.choice))
			if s := storedSource(t, ws, p); s.Design != tc.want {
				t.Errorf("stored design %q, want %q", s.Design, tc.want)
			}
			if p.design.Text != tc.want {
				t.Errorf("form shows design %q, want %q", p.design.Text, tc.want)
			}
		})
	}
}

// TestUndoOverOtherProgramRefused: the reviewer saves an author, the CLI
// changes the author; Ctrl+Z does not put the old author back over the
// CLI's but says why on the status line, with no dialog.
func TestUndoOverOtherProgramRefused(t *testing.T) {
	ws, w, p, cli := sourcesOnTwoPrograms(t)
	w.Canvas().Focus(p.authors)
	p.authors.SetText("Banda J")
	w.Canvas().Unfocus()
	cli(map[string]string{"authors": "Phiri K"})
	shortcut(ws, &fyne.ShortcutUndo{})
	if s := storedSource(t, ws, p); s.Authors != "Phiri K" {
		t.Errorf("undo wrote authors %q over the CLI's", s.Authors)
	}
	if !strings.Contains(ws.status.Text, "Refused") || !strings.Contains(ws.status.Text, "“Phiri K”") {
		t.Errorf("status %q", ws.status.Text)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog: %q", dialogText(w))
	}
}

// TestTheoriesAndLabelsKeepOtherProgramsFields: the Theories and
// Codebook tabs save only the fields the reviewer changed, so a field
// the CLI set meanwhile stays; when the app notices the CLI's change the
// form shows it and keeps what is being typed; when both changed the
// same field, the conflict dialog asks, and Take theirs keeps the CLI's
// value (the form shows it) while the reviewer's other change goes in.
func TestTheoriesAndLabelsKeepOtherProgramsFields(t *testing.T) {
	t.Run("theory", func(t *testing.T) {
		ws, w := openWorkspace(t)
		ws.pv.showTab("Theories")
		p := ws.pv.tabsView.theories
		other := otherProgram(t, ws)
		read := func(p interface {
			Theories() ([]coding.Theory, error)
		}) coding.Theory {
			ts, err := p.Theories()
			if err != nil || len(ts) == 0 {
				t.Fatalf("theories %v, %v", ts, err)
			}
			return ts[0]
		}
		from := read(other)
		to := from
		to.Description, to.Statement = "Set by the CLI", "The CLI's statement"
		if _, err := other.Apply(coding.PutTheory{Theory: to, From: &from}); err != nil {
			t.Fatal(err)
		}
		p.name.SetText("Leading, renamed")
		p.statement.SetText("The reviewer's statement")
		ws.pv.otherProgramChanged() // the app notices: what is typed stays
		if p.statement.Text != "The reviewer's statement" || p.name.Text != "Leading, renamed" || p.description.Text != "Set by the CLI" {
			t.Errorf("after the refresh: name %q, statement %q, description %q", p.name.Text, p.statement.Text, p.description.Text)
		}
		test.Tap(p.save)
		if got := read(ws.session); got.Description != "Set by the CLI" || got.Statement != "The CLI's statement" || got.Name != "Leading for quality" {
			t.Fatalf("saved over the CLI's fields: %+v", got)
		}
		if text := dialogText(w); !strings.Contains(text, "Another program changed the statement") {
			t.Fatalf("dialog %q", text)
		}
		test.Tap(button(t, topDialog(t, w), "Take theirs"))
		if got := read(ws.session); got.Description != "Set by the CLI" || got.Statement != "The CLI's statement" || got.Name != "Leading, renamed" {
			t.Errorf("after Take theirs: %+v", got)
		}
		if p.statement.Text != "The CLI's statement" || !strings.Contains(ws.status.Text, "the other program's statement") {
			t.Errorf("form statement %q, status %q", p.statement.Text, ws.status.Text)
		}
	})
	t.Run("label", func(t *testing.T) {
		ws, w := openWorkspace(t)
		ws.pv.showTab("Codebook")
		p := ws.pv.tabsView.codebook
		settle(t, &p.loader)
		other := otherProgram(t, ws)
		l := *p.label(p.selected)
		to := l
		to.Colour = "#009e73"
		if _, err := other.Apply(coding.PutLabel{Label: to, From: &l}); err != nil {
			t.Fatal(err)
		}
		p.definition.SetText("What the reviewer means by it")
		test.Tap(p.save)
		if w.Canvas().Overlays().Top() != nil {
			t.Fatalf("a dialog: %q", dialogText(w))
		}
		labels, _ := ws.session.Labels()
		for _, got := range labels {
			if got.ID == l.ID && (got.Colour != "#009e73" || got.Definition != "What the reviewer means by it") {
				t.Errorf("stored colour %q, definition %q", got.Colour, got.Definition)
			}
		}
	})
}

// TestCodingPanelKeepsOtherProgramsFields: the reviewer types a memo for
// a fragment while the CLI changes its valence. When the app notices,
// the panel shows the CLI's valence and keeps the memo being typed;
// leaving the memo saves it, and both are stored. When the CLI then
// changes the memo the reviewer is typing over, the conflict dialog asks.
func TestCodingPanelKeepsOtherProgramsFields(t *testing.T) {
	ws, w := openWorkspace(t)
	f := ws.frags[0]
	ws.selectFragment(f.ID, false)
	other := otherProgram(t, ws)
	cli := func(change func(*coding.Fragment)) {
		t.Helper()
		from, err := other.Fragment(f.ID)
		if err != nil {
			t.Fatal(err)
		}
		to := from
		change(&to)
		if _, err := other.Apply(coding.EditFragment{Fragment: to, From: &from}); err != nil {
			t.Fatal(err)
		}
	}
	valence, choice := coding.Negative, "−"
	if f.Valence == coding.Negative {
		valence, choice = coding.Positive, "+"
	}
	w.Canvas().Focus(ws.panel.memo)
	ws.panel.memo.SetText("Typed in the app")
	cli(func(g *coding.Fragment) { g.Valence = valence })
	ws.pv.otherProgramChanged()
	if ws.panel.memo.Text != "Typed in the app" || ws.panel.valences.Selected != choice {
		t.Errorf("after the refresh: memo %q, valence %q", ws.panel.memo.Text, ws.panel.valences.Selected)
	}
	w.Canvas().Unfocus()
	if g, _ := ws.session.Fragment(f.ID); g.Memo != "Typed in the app" || g.Valence != valence {
		t.Errorf("stored memo %q, valence %q", g.Memo, g.Valence)
	}

	w.Canvas().Focus(ws.panel.memo)
	ws.panel.memo.SetText("The reviewer's memo")
	cli(func(g *coding.Fragment) { g.Memo = "The CLI's memo" })
	w.Canvas().Unfocus()
	if g, _ := ws.session.Fragment(f.ID); g.Memo != "The CLI's memo" {
		t.Fatalf("saved memo %q over the CLI's", g.Memo)
	}
	test.Tap(button(t, topDialog(t, w), "Keep mine"))
	if g, _ := ws.session.Fragment(f.ID); g.Memo != "The reviewer's memo" || g.Valence != valence {
		t.Errorf("after Keep mine: memo %q, valence %q", g.Memo, g.Valence)
	}
}

// TestCMOCConflictNamesTheories: the app moves a CMOC out of its theory
// while the CLI files it under another; the conflict dialog names both
// theories, not their IDs, and Keep mine stores the app's choice.
func TestCMOCConflictNamesTheories(t *testing.T) {
	ws, w := openWorkspace(t)
	other := otherProgram(t, ws)
	cmocs, err := ws.session.CMOCs()
	if err != nil || len(cmocs) == 0 {
		t.Fatalf("CMOCs %v, %v", cmocs, err)
	}
	c := cmocs[0]
	th := coding.Theory{ID: coding.NewID(), Name: "Filed by the CLI"}
	moved := c
	moved.TheoryID = th.ID
	if _, err := other.Apply(coding.Batch{coding.PutTheory{Theory: th}, coding.EditCMOC{CMOC: moved, From: &c}}); err != nil {
		t.Fatal(err)
	}
	mine := c
	mine.TheoryID = ""
	if ws.pv.do(coding.EditCMOC{CMOC: mine, From: &c}) {
		t.Fatal("saved over the CLI's theory")
	}
	test.Tap(button(t, topDialog(t, w), "See both"))
	if text := dialogText(w); !strings.Contains(text, "Theory — yours: (empty); theirs: “Filed by the CLI”") {
		t.Errorf("dialog %q", text)
	}
	test.Tap(button(t, topDialog(t, w), "Keep mine"))
	if got, _ := ws.session.CMOC(c.ID); got.TheoryID != "" {
		t.Errorf("after Keep mine the CMOC is under %q", got.TheoryID)
	}
}
