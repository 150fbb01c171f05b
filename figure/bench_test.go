package figure

import (
	"fmt"
	"io"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// largeReview is a whole review's programme theory: 12 theories of 25
// CMOCs each, 300 in all, every CMOC with a fragment of each role from
// sources among 120, and a codebook of 30 labels.
func largeReview() *export.Project {
	p := &export.Project{Title: "Large review"}
	for i := range 120 {
		p.Documents = append(p.Documents, coding.Document{ID: fmt.Sprint("d", i), Authors: fmt.Sprintf("Author%d A; B B; C C", i), Year: fmt.Sprint(1995 + i%30)})
	}
	for i := range 30 {
		p.Labels = append(p.Labels, coding.Label{ID: fmt.Sprint("l", i), Name: fmt.Sprintf("Mechanism %d", i)})
	}
	for i := range 12 {
		p.Theories = append(p.Theories, coding.Theory{ID: fmt.Sprint("t", i), Name: fmt.Sprintf("Theory %d", i), Kind: coding.Initial,
			Statement: "Leaders who listen to staff so that staff raise concerns because they expect to be heard and protected"})
	}
	for c := range 300 {
		cmoc := coding.CMOC{ID: fmt.Sprint("c", c), TheoryID: fmt.Sprint("t", c%12), Statement: fmt.Sprintf("Case %d: in wards under pressure, listening rounds make staff feel heard, and concerns are raised sooner", c)}
		for j, r := range coding.Roles {
			f := coding.Fragment{ID: fmt.Sprintf("f%d-%d", c, j), DocID: fmt.Sprint("d", (c*7+j*13)%120), Page: 1 + j, Role: r, Valence: coding.Positive,
				Labels: []string{fmt.Sprintf("Mechanism %d", (c+j)%30)},
				Text:   "staff on the ward described how the weekly listening rounds let them raise concerns about staffing and safety without fear of blame from senior managers"}
			p.Fragments = append(p.Fragments, f)
			cmoc.Fragments = append(cmoc.Fragments, f.ID)
		}
		p.CMOCs = append(p.CMOCs, cmoc)
	}
	return p
}

// BenchmarkTheories12x300 lays out the diagram of 12 theories and 300
// CMOCs and writes it as SVG and as PDF, and one theory as a 300 dpi PNG.
func BenchmarkTheories12x300(b *testing.B) {
	p := largeReview()
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			if _, err := Theories(p, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	f, err := Theories(p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{SVG, PDF} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := f.Write(io.Discard, format, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	one, err := Theories(p, Options{Theory: "Theory 3"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("png-one-theory", func(b *testing.B) {
		for b.Loop() {
			if err := one.Write(io.Discard, PNG, DefaultDPI); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMap120 lays out and writes the evidence map of 30 labels by
// 120 sources as a 300 dpi PNG.
func BenchmarkMap120(b *testing.B) {
	p := largeReview()
	for b.Loop() {
		f, err := Map(p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Write(io.Discard, PNG, DefaultDPI); err != nil {
			b.Fatal(err)
		}
	}
}
