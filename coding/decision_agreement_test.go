package coding

import (
	"math"
	"testing"
)

func TestCompareDecisions(t *testing.T) {
	doc := func(id, sha string, d Decision) Document {
		return Document{ID: id, SHA256: sha, Title: "Source " + id, Screening: Screening{Decision: d}}
	}
	ours := []Document{
		doc("a", "", Include), doc("b", "", Include), doc("c", "", Exclude), doc("d", "", Exclude),
		doc("e", "", Include), doc("f", "", Undecided), doc("g", "", Include), doc("h", "AB12", Exclude),
	}
	theirs := []Document{
		doc("a", "", Include), doc("b", "", Exclude), doc("c", "", Exclude), doc("d", "", Include),
		doc("e", "", Include), doc("f", "", Include), // g is not in theirs
		doc("other-id", "ab12", Exclude), // h by its file
	}
	a := CompareDecisions(ours, theirs)
	if a.Sources != 7 || a.Undecided != 1 || a.Compared() != 6 {
		t.Errorf("sources %d, undecided %d, compared %d; want 7, 1, 6", a.Sources, a.Undecided, a.Compared())
	}
	if a.IncludeInclude != 2 || a.IncludeExclude != 1 || a.ExcludeInclude != 1 || a.ExcludeExclude != 2 {
		t.Errorf("table %+v", a)
	}
	if len(a.Differ) != 2 || a.Differ[0].DocID != "b" || a.Differ[1].DocID != "d" || a.Differ[0].B.Decision != Exclude {
		t.Errorf("differ %+v", a.Differ)
	}
	// po = 4/6; pA(include) = 3/6, pB = 3/6; pe = 1/2; kappa = 1/3.
	p, _ := a.Percent()
	k, _ := a.Kappa()
	if math.Abs(p-4.0/6) > 1e-9 || math.Abs(k-1.0/3) > 1e-9 {
		t.Errorf("percent %v, kappa %v; want 0.667, 0.333", p, k)
	}
}

func TestDecisionKappaEdges(t *testing.T) {
	for _, c := range []struct {
		name string
		a    DecisionAgreement
		p, k float64
		ok   bool
	}{
		{"none compared", DecisionAgreement{Sources: 3, Undecided: 3}, 0, 0, false},
		{"all included by both", DecisionAgreement{IncludeInclude: 5}, 1, 1, true},
		{"opposite on everything", DecisionAgreement{IncludeExclude: 2, ExcludeInclude: 2}, 0, -1, true},
		{"one disagreement", DecisionAgreement{IncludeInclude: 3, ExcludeExclude: 1, IncludeExclude: 1}, 0.8, 0.5454545454, true},
	} {
		p, ok := c.a.Percent()
		k, _ := c.a.Kappa()
		if ok != c.ok || math.Abs(p-c.p) > 1e-9 || math.Abs(k-c.k) > 1e-9 {
			t.Errorf("%s: percent %v kappa %v ok %v; want %v %v %v", c.name, p, k, ok, c.p, c.k, c.ok)
		}
	}
}
