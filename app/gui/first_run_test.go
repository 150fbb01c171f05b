package gui

import (
	"testing"
	"time"
)

// TestPreparingPDFReaderSaid: while PDFium is compiled for the computer
// (the first run), the status line says why the pages do not show yet,
// and then that the reader is ready, unless something else has been said
// since, which stays.
func TestPreparingPDFReaderSaid(t *testing.T) {
	ws, _ := openWorkspace(t)
	d := &mainWindow{view: ws.pv}
	// pumpUntil runs the UI queue until the status line says want.
	pumpUntil := func(want string) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for ws.status.Text != want {
			select {
			case f := <-uiQueue:
				f()
			case <-deadline:
				t.Fatalf("the status line says %q, want %q", ws.status.Text, want)
			}
		}
	}

	ready := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); d.preparingPDFReader(ready) }()
	pumpUntil(preparingMessage)
	close(ready)
	pumpUntil("The PDF reader is ready.")
	<-done

	ready, done = make(chan struct{}), make(chan struct{})
	go func() { defer close(done); d.preparingPDFReader(ready) }()
	pumpUntil(preparingMessage)
	ws.say("Added the first paper.")
	close(ready)
	for {
		select {
		case f := <-uiQueue:
			f()
			continue
		case <-done:
		}
		break
	}
	select { // the last message, if any, sent before done
	case f := <-uiQueue:
		f()
	default:
	}
	if ws.status.Text != "Added the first paper." {
		t.Errorf("the status line says %q, want what was said after the notice", ws.status.Text)
	}
}
