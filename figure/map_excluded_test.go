package figure

import (
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestMapGroupsWithExcludedSource: a source the reviewers excluded keeps
// the evidence map's grouping working (its columns are every document).
func TestMapGroupsWithExcludedSource(t *testing.T) {
	p := review()
	p.Documents[0].Rigour.Judgement = coding.Low
	p.Documents[1].Rigour.Judgement = coding.High
	p.Documents[0].Decision = coding.Exclude
	f, err := Map(p, Options{Group: GroupRigour, Width: 400})
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
