package figure

import (
	"bytes"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding/export"
)

// A project with nothing coded yet draws figures that say so, in every
// format, rather than failing or drawing an empty page.
func TestEmptyProjectFigures(t *testing.T) {
	for _, kind := range Kinds {
		f, err := Build(&export.Project{Title: "New review"}, kind, Options{})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if text := allText(f); !strings.Contains(text, map[string]string{KindTheories: "No CMOCs yet", KindMap: "Total"}[kind]) {
			t.Errorf("%s says %q", kind, text)
		}
		checkInside(t, f)
		for _, format := range Formats {
			var b bytes.Buffer
			if err := f.Write(&b, format, 100); err != nil || b.Len() == 0 {
				t.Errorf("%s as %s: %d bytes, %v", kind, format, b.Len(), err)
			}
		}
	}
	if _, err := Build(&export.Project{}, "pie", Options{}); err == nil {
		t.Error("an unknown kind was drawn")
	}
}
