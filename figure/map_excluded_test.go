package figure

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestMapGroupsWithExcludedSource: with All, a source the reviewers
// excluded keeps its column and the evidence map's grouping works.
func TestMapGroupsWithExcludedSource(t *testing.T) {
	p := review()
	p.Documents[0].Rigour.Judgement = coding.Low
	p.Documents[1].Rigour.Judgement = coding.High
	p.Documents[0].Decision = coding.Exclude
	f, err := Map(p, Options{Group: GroupRigour, Width: 400, All: true})
	if err != nil {
		t.Fatal(err)
	}
	var bands []string
	for _, tx := range f.Texts {
		if !tx.Rotated && tx.Style == Bold && tx.Size == citePt {
			bands = append(bands, tx.S)
		}
	}
	if got := strings.Join(bands, "|"); got != "Rigour: high|Rigour: low" {
		t.Errorf("bands %q, want Rigour: high|Rigour: low", got)
	}
}
