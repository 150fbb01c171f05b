package figure

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
	"cmocoder.org/cmocoder/figure/figuretest"
)

// review is a small review: two sources, a refined theory refining an
// initial one, a CMOC with evidence of two sources for one role, a
// negative mechanism, a gap and unclassified supporting evidence.
func review() *export.Project {
	p := &export.Project{Title: "Test review"}
	p.Documents = []coding.Document{
		{ID: "d1", Title: "Leadership in wards", Authors: "Tully A; Brown B; Green C", Year: "2010"},
		{ID: "d2", Title: "Motivation", Authors: "Sims, J.", Year: "2021"},
	}
	p.Theories = []coding.Theory{
		{ID: "t1", Name: "Leading for quality", Kind: coding.Initial, Statement: "Leaders give staff a voice so that they commit because they feel heard"},
		{ID: "t2", Name: "Heard staff stay", Kind: coding.Refined, Refines: "t1"},
	}
	p.Labels = []coding.Label{{ID: "l1", Name: "Leadership"}, {ID: "l2", Name: "Voice"}}
	frag := func(id, doc string, role coding.Role, v coding.Valence, text string, labels ...string) coding.Fragment {
		return coding.Fragment{ID: id, DocID: doc, Page: 3, Role: role, Valence: v, Text: text, Labels: labels}
	}
	p.Fragments = []coding.Fragment{
		frag("f1", "d1", coding.Context, coding.NoValence, "wards under new management", "Leadership"),
		frag("f2", "d1", coding.Resource, coding.Positive, "managers held weekly listening rounds", "Voice"),
		frag("f3", "d2", coding.Resource, coding.Positive, "a suggestion scheme", "Voice"),
		frag("f4", "d2", coding.Reasoning, coding.Negative, "staff doubted anything would change", "Voice", "Leadership"),
		frag("f5", "d2", coding.Unclassified, coding.NoValence, "nurses described the rounds as theatre", "Leadership"),
	}
	p.CMOCs = []coding.CMOC{
		{ID: "c1", Statement: "Listening rounds make staff feel heard", TheoryID: "t1", Fragments: []string{"f1", "f2", "f3", "f4", "f5"}},
		{ID: "c2", Statement: "Doubt undoes voice", TheoryID: "t2", Fragments: []string{"f4"}},
	}
	return p
}

// allText is every line of a figure's text joined by spaces: what a
// reader sees, whatever the line breaks.
func allText(f *Figure) string {
	var b strings.Builder
	for _, t := range f.Texts {
		b.WriteString(t.S)
		b.WriteByte(' ')
	}
	return b.String()
}

// checkInside fails for every text that leaves the box it belongs to, or
// the figure.
func checkInside(t *testing.T, f *Figure) {
	t.Helper()
	const eps = 1e-6
	bad := 0
	for _, tx := range f.Texts {
		x0, y0, x1, y1 := tx.Bounds()
		if x0 < -eps || y0 < -eps || x1 > f.Width+eps || y1 > f.Height+eps {
			t.Errorf("%q (%.1f,%.1f)-(%.1f,%.1f) leaves the %.1f × %.1f mm figure", tx.S, x0, y0, x1, y1, f.Width, f.Height)
			bad++
		}
		if tx.In < 0 {
			continue
		}
		r := f.Rects[tx.In]
		if x0 < r.X-eps || y0 < r.Y-eps || x1 > r.X+r.W+eps || y1 > r.Y+r.H+eps {
			t.Errorf("%q (%.1f,%.1f)-(%.1f,%.1f) overflows its box (%.1f,%.1f)-(%.1f,%.1f)", tx.S, x0, y0, x1, y1, r.X, r.Y, r.X+r.W, r.Y+r.H)
			bad++
		}
		if bad > 5 {
			t.Fatal("and more")
		}
	}
}

func TestTheoriesDiagramSays(t *testing.T) {
	f, err := Theories(review(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := allText(f)
	for _, want := range []string{
		"Leading for quality", "Initial programme theory", "so that they commit because they feel heard",
		"Heard staff stay", "Refined programme theory, refines “Leading for quality”",
		"CMOC 1: Listening rounds make staff feel heard",
		"Context", "Mechanism resource +", "Mechanism reasoning −", "Outcome",
		"“managers held weekly listening rounds”; “a suggestion scheme”", // each fragment quoted
		"Tully et al. 2010; Sims 2021",                                   // both sources of the resource, once each, no pages
		"no evidence",                                                    // the outcome is a gap
		"Supporting evidence without a role: “nurses described the rounds as theatre” (Sims 2021)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the diagram does not say %q; it says:\n%s", want, text)
		}
	}
	checkInside(t, f)
}

// A negative part is outlined in dashes and a positive one solid, and each
// role's header is filled with its colour, so that valence survives
// greyscale and the roles match the app's.
func TestTheoriesBoxStyles(t *testing.T) {
	f, err := Theories(review(), Options{Theory: "leading for QUALITY"})
	if err != nil {
		t.Fatal(err)
	}
	var solid, dashed int
	fills := map[color.NRGBA]bool{}
	for _, r := range f.Rects {
		if r.Stroke == ink && r.StrokeWidth == strokeThick {
			if r.Dash == nil {
				solid++
			} else {
				dashed++
			}
		}
		if c, ok := r.Fill.(color.NRGBA); ok {
			fills[c] = true
		}
	}
	if solid < 1 || dashed < 1 {
		t.Errorf("%d solid and %d dashed thick outlines, want the + resource solid and the − reasoning dashed", solid, dashed)
	}
	for _, r := range []coding.Role{coding.Context, coding.Resource, coding.Reasoning} {
		if !fills[coding.RoleColour(r)] {
			t.Errorf("no box is filled with the %s colour %v", r, coding.RoleColour(r))
		}
	}
	if strings.Contains(allText(f), "Heard staff stay") {
		t.Error("--theory drew another theory too")
	}
}

func TestTheoriesUnknownTheory(t *testing.T) {
	_, err := Theories(review(), Options{Theory: "Nope"})
	var ce *coding.Error
	if !errors.As(err, &ce) || ce.Kind != coding.KindNotFound || !strings.Contains(err.Error(), `"Nope"`) {
		t.Fatalf("err = %v, want not found naming the theory", err)
	}
}

// long is n characters of words, or one word of n characters.
func long(n int, oneWord bool) string {
	if oneWord {
		return strings.Repeat("x", n)
	}
	return strings.Repeat("mechanism ", n/10+1)[:n]
}

// Parts of 600 characters, in words or as one long word, never leave
// their boxes, however much of them is shown.
func TestTheoriesLongTextStaysInBoxes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		oneWord bool
		clip    int
		width   float64
	}{
		{"words, clipped", false, 0, 0},
		{"words, whole", false, 1000, 0},
		{"one long word, whole", true, 1000, 0},
		{"words, narrow figure", false, 1000, 80},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := review()
			for i := range p.Fragments {
				p.Fragments[i].Text = long(600, tc.oneWord)
			}
			p.Theories[0].Name = long(600, tc.oneWord)
			p.Theories[0].Statement = long(600, tc.oneWord)
			p.CMOCs[0].Statement = long(600, tc.oneWord)
			p.Documents[0].Authors = strings.Repeat("Longname", 40) + "; " + strings.Repeat("Surname ", 30)
			f, err := Theories(p, Options{Clip: tc.clip, Width: tc.width})
			if err != nil {
				t.Fatal(err)
			}
			checkInside(t, f)
			if tc.clip == 0 {
				// Each box quotes at most DefaultClip characters.
				words := map[int]int{}
				for _, tx := range f.Texts {
					if tx.In >= 0 {
						words[tx.In] += strings.Count(tx.S, "mechanism")
					}
				}
				for box, n := range words {
					if n > DefaultClip/10+1 {
						t.Errorf("box %d quotes %d words: not clipped", box, n)
					}
				}
			}
		})
	}
}

// The map counts what `export --table matrix` counts, cell by cell.
func TestMapCountsAreTheMatrix(t *testing.T) {
	for _, by := range []string{"labels", "theories"} {
		t.Run(by, func(t *testing.T) {
			p := review()
			tbl, _, err := export.Build(p, export.TableMatrix, export.Options{MatrixBy: by})
			if err != nil {
				t.Fatal(err)
			}
			f, err := Map(p, Options{By: by})
			if err != nil {
				t.Fatal(err)
			}
			// Each cell's count is written in the cell; the rows are in
			// the table's order, sources in its columns' order.
			var got []string
			for _, tx := range f.Texts {
				if tx.In >= 0 && !tx.Rotated {
					got = append(got, tx.S)
				}
			}
			var want []string
			for _, r := range append(tbl.Rows, tbl.Footer...) {
				for _, c := range r[1 : len(r)-2] {
					if c != "0" {
						want = append(want, c)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("cells say %v, the matrix %v", got, want)
			}
			text := allText(f)
			for _, w := range []string{tbl.Title, "Tully et al. 2010", "Sims 2021", "Total", "N", "Fragments per source:"} {
				if !strings.Contains(text, w) {
					t.Errorf("the map does not say %q", w)
				}
			}
			checkInside(t, f)
		})
	}
}

// At 200 sources with long names and labels the map grows wide rather
// than its cells unreadable, and nothing leaves its cell.
func TestMapManySources(t *testing.T) {
	p := review()
	p.Documents = nil
	for i := range 200 {
		p.Documents = append(p.Documents, coding.Document{ID: fmt.Sprint("d", i), Authors: fmt.Sprintf("Verylongsurname%d A; B B; C C", i), Year: "2019"})
	}
	p.Labels = append(p.Labels, coding.Label{ID: "l3", Name: long(200, false)})
	for i := range p.Fragments {
		p.Fragments[i].DocID = fmt.Sprint("d", i*37%200)
	}
	p.Fragments[0].Labels = []string{long(200, false)}
	for i := range 1500 { // a source with a total in the thousands
		p.Fragments = append(p.Fragments, coding.Fragment{ID: fmt.Sprint("many", i), DocID: "d7", Role: coding.Context, Labels: []string{"Voice"}})
	}
	f, err := Map(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Width < 200*minCellW {
		t.Errorf("the map is %.0f mm wide for 200 sources", f.Width)
	}
	checkInside(t, f)
	names := 0
	for _, tx := range f.Texts {
		if tx.Rotated {
			names++
			if tx.Size < 4 {
				t.Errorf("source name %q at %.1f pt", tx.S, tx.Size)
			}
		}
	}
	if names != 200 {
		t.Errorf("%d source names, want 200", names)
	}
}

func TestFiguresWrite(t *testing.T) {
	f, err := Theories(review(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("svg", func(t *testing.T) {
		var b bytes.Buffer
		if err := f.Write(&b, SVG, 0); err != nil {
			t.Fatal(err)
		}
		figuretest.CheckSVG(t, b.Bytes(), "Leading for quality", "suggestion scheme", "Tully et al. 2010")
	})
	t.Run("png", func(t *testing.T) {
		var b bytes.Buffer
		if err := f.Write(&b, PNG, 300); err != nil {
			t.Fatal(err)
		}
		figuretest.CheckPNG(t, b.Bytes(), f.Width, 300, coding.Context, coding.Resource, coding.Reasoning)
	})
	t.Run("pdf", func(t *testing.T) {
		var b bytes.Buffer
		if err := f.Write(&b, PDF, 0); err != nil {
			t.Fatal(err)
		}
		figuretest.CheckPDF(t, b.Bytes(), "Leading for quality", "suggestion scheme", "Tully et al. 2010")
	})
}
