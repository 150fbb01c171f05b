package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// TestCompareDecisionsDialog: Code ▸ Compare decisions with a teammate…
// shows the table of both reviewers' decisions, agreement, kappa and the
// source they decided differently; Copy report copies it.
func TestCompareDecisionsDialog(t *testing.T) {
	ws, w := openWorkspace(t)
	menuAction(t, ws, "Code", "Compare decisions with a teammate…") // the menu offers it
	decide := func(s *session.Session, d coding.Decision, reason string) {
		t.Helper()
		docs, err := s.Documents()
		if err != nil {
			t.Fatal(err)
		}
		src := docs[0].Source()
		src.Decision, src.Reason = d, reason
		if err := s.Do(coding.EditSource{DocID: docs[0].ID, Source: src}); err != nil {
			t.Fatal(err)
		}
	}
	decide(ws.session, coding.Include, "")
	other := demoCopy(t)
	bo, err := session.OpenSession(other, "Bo")
	if err != nil {
		t.Fatal(err)
	}
	decide(bo, coding.Exclude, "insufficient richness")
	bo.Close()

	ws.showDecisionAgreement(other)
	text := dialogText(w)
	for _, want := range []string{"1 source in both, 1 source decided by both", "A include  0          1",
		"agreement 0.0%", "differ: Agyeman-Duah et al. 2014: A include; B exclude, insufficient richness"} {
		if !strings.Contains(text, want) {
			t.Errorf("dialog lacks %q:\n%s", want, text)
		}
	}
	test.Tap(button(t, topDialog(t, w), "Copy report"))
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.Contains(got, "agreement 0.0%, kappa") {
		t.Errorf("clipboard %q", got)
	}
}
