package coding_test

import (
	"fmt"
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

func TestNextColour(t *testing.T) {
	with := func(colours ...string) []Label {
		var ls []Label
		for i, c := range colours {
			ls = append(ls, Label{ID: fmt.Sprint(i), Name: fmt.Sprint("l", i), Colour: c})
		}
		return ls
	}
	p := Palette
	for _, tc := range []struct {
		name     string
		codebook []Label
		want     string
	}{
		{"empty codebook", nil, p[0]},
		{"first taken", with(p[0]), p[1]},
		{"a gap", with(p[0], p[2]), p[1]},
		{"any case", with("#E69F00"), p[1]},
		{"a colour not in the palette", with("#123456"), p[0]},
		{"all taken once", with(p...), p[0]},
		{"round again", with(append(p, p[0], p[1])...), p[2]},
	} {
		if got := NextColour(tc.codebook); got != tc.want {
			t.Errorf("%s: NextColour = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Labels that join the codebook one after another while coding get
// different colours, as many as the palette has, then go round.
func TestNewLabelsGetColoursInTurn(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "Some text that is long enough to hold ten fragments of a few letters.")
	seen := map[string]string{}
	for i := range len(Palette) + 1 {
		name := fmt.Sprintf("label %d", i)
		f := Fragment{DocID: "d1", Start: i, End: i + 3, Role: Context, Labels: []string{name}}
		if _, err := (AddFragment{f}).Apply(m); err != nil {
			t.Fatal(err)
		}
		l, err := m.LabelNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		if i == len(Palette) {
			if l.Colour != Palette[0] {
				t.Errorf("label %d got %s, want the first colour again", i, l.Colour)
			}
			break
		}
		if other, ok := seen[l.Colour]; ok {
			t.Errorf("%q and %q both got %s", other, name, l.Colour)
		}
		seen[l.Colour] = name
	}
	// A label put without a colour (the codebook's New label) follows
	// the same turn.
	if _, err := (PutLabel{Label: Label{Name: "Trust"}}).Apply(m); err != nil {
		t.Fatal(err)
	}
	if l, _ := m.LabelNamed("Trust"); l.Colour != Palette[1] {
		t.Errorf("Trust got %s, want %s", l.Colour, Palette[1])
	}
}
