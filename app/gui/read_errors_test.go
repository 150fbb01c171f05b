package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// failingStore is a project whose reads start failing, as they do when
// another program holds the file or the disk went away.
type failingStore struct {
	session.Store
	failing bool
}

var errBusy = coding.Errorf(coding.KindBusy, "read", "review.cmoproj", "the project is in use by another program")

func (f *failingStore) fail() error {
	if f.failing {
		return errBusy
	}
	return nil
}

func (f *failingStore) Contents() (coding.Contents, error) {
	if err := f.fail(); err != nil {
		return coding.Contents{}, err
	}
	return f.Store.Contents()
}

func (f *failingStore) Theories() ([]coding.Theory, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Theories()
}

func (f *failingStore) Documents() ([]coding.Document, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Documents()
}

func (f *failingStore) Labels() ([]coding.Label, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	return f.Store.Labels()
}

// openFailingWorkspace shows the demo project on a store whose reads
// fail once it is told to.
func openFailingWorkspace(t *testing.T) (*workspace, fyne.Window, *failingStore) {
	t.Helper()
	t.Setenv("CMOCODER_CODER", "tester")
	p, err := storage.Open(demoCopy(t))
	if err != nil {
		t.Fatal(err)
	}
	store := &failingStore{Store: p}
	ws, w := openWorkspaceOn(t, session.New(store))
	return ws, w, store
}

// A view whose read fails says so and why, once, instead of showing an
// empty codebook as if the project had none.
func TestReadErrorsAreShown(t *testing.T) {
	ws, w, store := openFailingWorkspace(t)
	pv := ws.pv
	store.failing = true
	for _, tab := range []string{"Codebook", "Theories", "Sources"} {
		pv.lastReadError = ""
		pv.showTab(tab)
		settle(t, &pv.tabsView.codebook.loader)
		want := "in use by another program"
		if got := ws.status.Label.Text; !strings.Contains(got, "Cannot read the") || !strings.Contains(got, want) {
			t.Errorf("%s tab: status line %q; want the reason (%q)", tab, got, want)
		}
		if got := dialogText(w); !strings.Contains(got, want) {
			t.Errorf("%s tab: dialog %q; want the reason", tab, got)
		}
	}
	// The same reason again (another refresh) is not a second dialog.
	pv.showTab("Codebook")
	pv.refreshTabs()
	settle(t, &pv.tabsView.codebook.loader)
	before := len(w.Canvas().Overlays().List())
	pv.refreshTabs()
	pv.refreshTabs()
	settle(t, &pv.tabsView.codebook.loader)
	if after := len(w.Canvas().Overlays().List()); after != before {
		t.Errorf("refreshing again stacked %d more dialogs", after-before)
	}
}
