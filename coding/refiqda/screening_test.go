package refiqda

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestScreeningRoundTrip: a source's reference fields, richness and
// decision (with reason, stage, who and when) are written as Variables
// and come back from the file as they were.
func TestScreeningRoundTrip(t *testing.T) {
	p := fixture()
	d := &p.Documents[0].Document
	d.Reference = coding.Reference{Journal: "BMC Health Services Research", Volume: "14", Issue: "1", PageRange: "1-10",
		DOI: "10.1186/1472-6963-14-1", URL: "https://example.org/x"}
	d.Screening = coding.Screening{Richness: coding.Appraisal{Judgement: coding.Low, Note: "few mechanisms"},
		Decision: coding.Exclude, Reason: "insufficient richness", Stage: "richness", DecidedBy: "Ana", DecidedAt: "2026-12-03T10:00:00Z"}
	want := d.Source()
	e := export(t, p) // validated against the schema
	names := map[string]bool{}
	for _, v := range e.project.Variables {
		names[v.Name] = true
	}
	for _, n := range []string{"Journal", "DOI", "Richness", "Richness note", "Decision", "Reason", "Stage", "Decided by", "Decided at"} {
		if !names[n] {
			t.Errorf("no variable %q in %v", n, names)
		}
	}
	in, err := Read("review.qdpx", e.raw)
	if err != nil {
		t.Fatal(err)
	}
	var back coding.Document
	for _, s := range in.File.Sources {
		if s.Name == d.Title {
			back.Title = s.Name
			if w := s.SetStudy(&back); len(w) > 0 {
				t.Errorf("warnings %q", w)
			}
		}
	}
	if got := back.Source(); got != want {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
}

// TestSetStudyScreening: another tool's variables of the same names, in
// any case, set the screening; a decision that cannot be read is left out
// with a warning.
func TestSetStudyScreening(t *testing.T) {
	var doc coding.Document
	w := Source{Variables: map[string]string{"DECISION": "Included", "richness": "medium", "decided by": "Bo", "doi": "10.1/x"}}.SetStudy(&doc)
	if len(w) > 0 || doc.Decision != coding.Include || doc.Richness.Judgement != coding.Moderate || doc.DecidedBy != "Bo" || doc.DOI != "10.1/x" {
		t.Errorf("screening %+v, DOI %q, warnings %q", doc.Screening, doc.DOI, w)
	}
	w = Source{Variables: map[string]string{"Decision": "maybe", "Title": "Not the title"}}.SetStudy(&doc)
	if len(w) != 1 || doc.Decision != coding.Include || doc.Title != "" {
		t.Errorf("warnings %q, decision %q, title %q", w, doc.Decision, doc.Title)
	}
}
