package main

import (
	"testing"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// holdChange sets a source's location, then holds its transaction open
// until released, as the app does in the middle of a write.
type holdChange struct {
	doc            string
	begun, release chan struct{}
	location       string
}

func (h holdChange) Apply(tx coding.Tx) (coding.Change, error) {
	d, err := tx.Document(h.doc)
	if err != nil {
		return nil, err
	}
	from := d.Source()
	to := from
	to.Location = h.location
	undo, err := coding.EditSource{DocID: h.doc, Source: to, From: &from}.Apply(tx)
	close(h.begun)
	<-h.release
	return undo, err
}

// TestCLIWaitsForTheApp: while the app is in the middle of a write, the
// `source` verb waits for it (the busy timeout) instead of failing, then
// writes its field; the app's field is kept too.
func TestCLIWaitsForTheApp(t *testing.T) {
	project := newDemo(t, t.TempDir())
	doc := docs(t, project)[0].ID
	app := openStored(t, project)
	defer app.Close()
	h := holdChange{doc: doc, begun: make(chan struct{}), release: make(chan struct{}), location: "Lilongwe"}
	committed := make(chan error, 1)
	go func() {
		_, err := app.Apply(h)
		committed <- err
	}()
	<-h.begun
	cli := make(chan result, 1)
	go func() { cli <- run(t, "source", project, doc, "--design", "RCT") }()
	select {
	case r := <-cli:
		t.Fatalf("the CLI did not wait for the app's write: exit %d\n%s", r.code, r.stderr)
	case <-time.After(time.Second):
	}
	close(h.release)
	if err := <-committed; err != nil {
		t.Fatal(err)
	}
	if r := <-cli; r.code != 0 {
		t.Fatalf("source: exit %d\n%s", r.code, r.stderr)
	}
	if s := storedSource(t, project, doc); s["design"] != "RCT" || s["location"] != "Lilongwe" {
		t.Errorf("stored design %q, location %q; want RCT, Lilongwe", s["design"], s["location"])
	}
}
