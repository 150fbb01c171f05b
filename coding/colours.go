package coding

import "strings"

// NextColour is the colour a new label gets: the first colour of Palette,
// in order, that no label of the codebook has; once every one is taken,
// the one fewest labels have (the first of those), so that colours go
// round in turn and two new labels never share one while another is free.
func NextColour(codebook []Label) string {
	uses := make([]int, len(Palette))
	for _, l := range codebook {
		for i, c := range Palette {
			if strings.EqualFold(l.Colour, c) {
				uses[i]++
			}
		}
	}
	best := 0
	for i, n := range uses {
		if n < uses[best] {
			best = i
		}
	}
	return Palette[best]
}

// newLabelColour is the colour for a label joining tx's codebook.
func newLabelColour(tx Tx) (string, error) {
	codebook, err := tx.Labels()
	if err != nil {
		return "", E(KindOf(err), "choose a label colour", "", err)
	}
	return NextColour(codebook), nil
}
