package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKillDuringTextAdd kills `add` of a long interview transcript at
// moments through its work, as TestKillDuringAdd does for a PDF: the
// project opens, passes its full check, and holds the whole transcript or
// none of it.
func TestKillDuringTextAdd(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "INTERVIEWER: How did the ward change in week %d?\r\nNURSE %d: We were listened to, and we trusted the managers more.\r\n\r\n", i, i%7)
	}
	transcript := filepath.Join(t.TempDir(), "interview.txt")
	if err := os.WriteFile(transcript, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want := len([]rune(strings.ReplaceAll(b.String(), "\r\n", "\n")))
	for _, when := range []string{"journal", "50ms", "200ms", "500ms", "1s", "finished"} {
		t.Run(when, func(t *testing.T) {
			proj, ds := addKilled(t, transcript, when)
			switch len(ds) {
			case 0:
				if when == "finished" {
					t.Fatal("the transcript is not in after add finished")
				}
				t.Logf("killed at %s: the transcript is not in", when)
			case 1:
				text, err := proj.Text(ds[0].ID)
				// A page break stands where the line break it replaced was.
				if err != nil || text.Len() != want || ds[0].Chars != text.Len() {
					t.Fatalf("part of a transcript: %d code points of %d (%d pages), err %v", text.Len(), want, len(text.Pages), err)
				}
				t.Logf("killed at %s: the whole transcript is in", when)
			default:
				t.Fatalf("%d documents", len(ds))
			}
		})
	}
}
