package storage

import (
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// Two labels that join the codebook in one change (a fragment coded with
// two new labels; these two names once shared vermillion, picked by a hash
// of the name) get two colours: the transaction's list of labels holds
// the one added before.
func TestNewLabelsGetDistinctColours(t *testing.T) {
	p, doc := mergerProject(t)
	f := coding.Fragment{DocID: doc.ID, Start: 0, End: 5, Role: coding.Context, Labels: []string{"Trust", "Motivation"}}
	if _, err := p.Apply(coding.AddFragment{Fragment: f}); err != nil {
		t.Fatal(err)
	}
	labels, err := p.Labels()
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 2 || labels[0].Colour == labels[1].Colour {
		t.Errorf("codebook %+v: want two labels of two colours", labels)
	}
}
