package figure

import (
	"fmt"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// Grouped by rigour, the map's sources are in bands best first and not
// appraised last, each source keeping its own column total; by design,
// designs in alphabetical order and "Design not recorded" last.
func TestMapGroups(t *testing.T) {
	p := review()
	p.Documents = append(p.Documents, coding.Document{ID: "d3", Authors: "Young, K.", Year: "2018", Study: coding.Study{Design: "Cohort study"}})
	p.Documents[0].Rigour.Judgement = coding.Low
	p.Documents[0].Design = "Trial"
	p.Documents[1].Rigour.Judgement = coding.High
	p.Fragments = append(p.Fragments, coding.Fragment{ID: "f9", DocID: "d3", Role: coding.Context, Labels: []string{"Voice"}})
	for _, tc := range []struct {
		group, sources, bands string
	}{
		{"", "Tully et al. 2010|Sims 2021|Young 2018", ""},
		{GroupRigour, "Sims 2021|Tully et al. 2010|Young 2018", "Rigour: high|Rigour: low|Rigour not appraised"},
		{GroupDesign, "Young 2018|Tully et al. 2010|Sims 2021", "Cohort study|Trial|Design not recorded"},
	} {
		t.Run(tc.group, func(t *testing.T) {
			f, err := Map(p, Options{Group: tc.group, Width: 400})
			if err != nil {
				t.Fatal(err)
			}
			var sources, bands []string
			for _, tx := range f.Texts {
				switch {
				case tx.Rotated:
					sources = append(sources, tx.S)
				case tx.Style == Bold && tx.Size == citePt:
					bands = append(bands, tx.S)
				}
			}
			if got := strings.Join(sources, "|"); got != tc.sources {
				t.Errorf("sources %s, want %s", got, tc.sources)
			}
			if got := strings.Join(bands, "|"); got != tc.bands {
				t.Errorf("bands %s, want %s", got, tc.bands)
			}
			checkInside(t, f)
			// Each source keeps its column: its total is under its name.
			want := map[string]string{"Tully et al. 2010": "2", "Sims 2021": "4", "Young 2018": "1"}
			for _, name := range sources {
				if got := columnTotal(f, name); got != want[name] {
					t.Errorf("%s: total %q, want %s", name, got, want[name])
				}
			}
		})
	}
	if _, err := Map(p, Options{Group: "colour"}); err == nil {
		t.Error("an unknown grouping was drawn")
	}
}

// columnTotal is the bold count at the foot of the named source's column.
func columnTotal(f *Figure, source string) string {
	var x0, x1 float64
	for _, tx := range f.Texts {
		if tx.Rotated && tx.S == source {
			r := f.Rects[tx.In]
			x0, x1 = r.X, r.X+r.W
		}
	}
	total, bottom := "", 0.0
	for _, tx := range f.Texts {
		if !tx.Rotated && tx.Style == Bold && tx.In >= 0 && tx.X >= x0 && tx.X+tx.W <= x1 && tx.Y > bottom {
			total, bottom = tx.S, tx.Y
		}
	}
	return fmt.Sprint(total)
}
