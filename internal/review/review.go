// Package review codes a project as a team would have after months of a
// large review (issue 14's 500 papers): the coding the benchmarks of the
// CLI and of the app put on the documents they add.
package review

import (
	"fmt"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// Code adds, in one transaction, 40 fragments a document (up to 20,000
// in all) over 60 labels, and 300 CMOCs of four fragments each under 12
// theories. It returns the first document's ID.
func Code(p *storage.Project) (string, error) {
	docs, err := p.Documents()
	if err != nil {
		return "", err
	}
	if len(docs) == 0 {
		return "", fmt.Errorf("code the review: the project has no documents")
	}
	var batch coding.Batch
	for i := range 60 {
		batch = append(batch, coding.PutLabel{Label: coding.Label{Name: fmt.Sprintf("Mechanism %02d", i)}})
	}
	roles := []coding.Role{coding.Context, coding.Resource, coding.Reasoning, coding.Outcome}
	var frags []coding.Fragment
	for _, d := range docs {
		for k := 0; k < 40 && (k+1)*60 < d.Chars && len(frags) < 20000; k++ {
			f := coding.Fragment{ID: coding.NewID(), DocID: d.ID, Start: k * 60, End: k*60 + 50, Role: roles[k%4],
				Labels: []string{fmt.Sprintf("Mechanism %02d", (k+len(frags))%60)}}
			frags = append(frags, f)
			batch = append(batch, coding.AddFragment{Fragment: f})
		}
	}
	if len(frags) == 0 {
		return "", fmt.Errorf("code the review: no document is long enough for a fragment")
	}
	for i := range 300 {
		var ids []string
		for k := range 4 {
			ids = append(ids, frags[(i*4+k)%len(frags)].ID)
		}
		batch = append(batch, coding.AddCMOC{CMOC: coding.CMOC{Statement: fmt.Sprintf("CMOC %d", i), Fragments: ids},
			TheoryName: fmt.Sprintf("Theory %d", i%12)})
	}
	if _, err := p.Apply(batch); err != nil {
		return "", fmt.Errorf("code the review: %w", err)
	}
	return docs[0].ID, nil
}
