package refiqda

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// An unclassified fragment is exported as a selection coded with its
// labels only: no role code, no warning, no "Unclassified" code in the
// codebook; one without labels is a selection without codings.
func TestUnclassifiedExport(t *testing.T) {
	p := fixture()
	doc := p.Documents[0].ID
	labelled := coding.Fragment{ID: "c0000000-0000-4000-8000-0000000000c1", DocID: doc, Start: 0, End: 4, Page: 1,
		Role: coding.Unclassified, Labels: []string{"Communication"}, Coder: "Ana", Text: "Café", Created: t0, Modified: t0}
	bare := labelled
	bare.ID, bare.Labels = "c0000000-0000-4000-8000-0000000000c2", nil
	p.Fragments = append(p.Fragments, labelled, bare)
	e := export(t, p)
	if len(e.warnings) != 1 { // the fixture's CMOC cites a deleted fragment
		t.Errorf("warnings %q", e.warnings)
	}
	for _, c := range allCodes(e.project.Codes) {
		if c.Name == "Unclassified" {
			t.Error("the codebook has an Unclassified code")
		}
	}
	sels := map[string]rSel{}
	for _, s := range e.project.PDFSources[0].Representation.Selections {
		sels[s.GUID] = s
	}
	for _, tc := range []struct {
		f    coding.Fragment
		want []string
	}{
		{labelled, []string{entityGUID("label", "b0000000-0000-4000-8000-000000000001")}},
		{bare, nil},
	} {
		s, ok := sels[entityGUID("fragment", tc.f.ID)]
		if !ok {
			t.Errorf("fragment %s not exported", tc.f.ID)
			continue
		}
		var got []string
		for _, c := range s.Codings {
			got = append(got, c.Code.Target)
		}
		if len(got) != len(tc.want) || len(got) == 1 && got[0] != tc.want[0] {
			t.Errorf("fragment %s coded with %q, want %q", tc.f.ID, got, tc.want)
		}
	}
}
