package figure

import (
	"bytes"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// flowReview is five sources: one excluded at relevance, two at richness
// (one with no reason), one included at rigour, one undecided.
func flowReview() *export.Project {
	dec := func(id string, d coding.Decision, stage, reason string) coding.Document {
		return coding.Document{ID: id, Title: id, Screening: coding.Screening{Decision: d, Stage: stage, Reason: reason}}
	}
	return &export.Project{Documents: []coding.Document{
		dec("a", coding.Exclude, "relevance", "not relevant to the programme theory"),
		dec("b", coding.Exclude, "richness", "insufficient richness"),
		dec("c", coding.Exclude, "richness", ""),
		dec("d", coding.Include, "rigour", ""),
		dec("e", coding.Undecided, "", ""),
	}}
}

// TestFlowFigure: the flow diagram has a box per stage with the sources
// assessed there, beside it the sources excluded by reason, arrows down
// the stages and to each exclusion box, and the sources included and
// undecided at the end; no text leaves its box, even at a narrow width.
func TestFlowFigure(t *testing.T) {
	for _, w := range []float64{180, 90} {
		f, err := Build(flowReview(), KindFlow, Options{Width: w})
		if err != nil {
			t.Fatal(err)
		}
		text := allText(f)
		for _, want := range []string{
			"Full texts assessed for relevance (n = 5)", "Excluded (n = 1) not relevant to the programme theory (n = 1)",
			"Sources assessed for richness (n = 4)", "Excluded (n = 2) insufficient richness (n = 1) no reason recorded (n = 1)",
			"Sources assessed for rigour (n = 2)", "Excluded (n = 0)", "Sources included (n = 1)", "Not yet decided (n = 1)",
		} {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
				t.Errorf("width %v: the diagram lacks %q:\n%s", w, want, text)
			}
		}
		arrows := 0
		for _, l := range f.Lines {
			if l.Arrow {
				arrows++
			}
		}
		if arrows != 3+3 { // down the stages to the included; to each stage's exclusions
			t.Errorf("width %v: %d arrows, want 6", w, arrows)
		}
		checkInside(t, f)
		var svg bytes.Buffer
		if err := f.Write(&svg, SVG, 0); err != nil {
			t.Fatal(err)
		}
	}
}
