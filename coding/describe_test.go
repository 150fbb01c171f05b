package coding_test

import (
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

// Each change is named for people as the undo menu shows it, from the
// project as it was before the change.
func TestDescribe(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "The chief executive openly addresses staff concerns.", "Staff are reassured and stay.")
	m.Frags["f1"] = Fragment{ID: "f1", DocID: "d1", Start: 53, End: 82, Page: 2, Role: Outcome, Labels: []string{"Trust"}, Memo: "m"}
	m.CMOCs["c1"] = CMOC{ID: "c1", Statement: "Leaders who listen keep their staff, because staff feel heard"}
	edit := func(change func(*Fragment)) Change {
		f := m.Frags["f1"]
		f.Labels = append([]string(nil), f.Labels...)
		change(&f)
		return EditFragment{Fragment: f}
	}
	tests := []struct {
		name   string
		change Change
		r      Lookup
		want   string
	}{
		{"code, page from the text", AddFragment{Fragment{DocID: "d1", Start: 53, End: 60, Role: Outcome}}, m, "code Outcome on p. 2"},
		{"code, no reader", AddFragment{Fragment{DocID: "d1", Start: 0, End: 3, Role: Context}}, nil, "code Context"},
		{"valence", edit(func(f *Fragment) { f.Valence = Negative }), m, "set valence − on Outcome on p. 2"},
		{"valence off", edit(func(f *Fragment) { f.Valence = NoValence; f.Role = Outcome }), m, "edit Outcome on p. 2"},
		{"recode", edit(func(f *Fragment) { f.Role = Context }), m, "recode Outcome on p. 2 as Context"},
		{"add label", edit(func(f *Fragment) { f.Labels = append(f.Labels, "Openness") }), m, "add label “Openness” to Outcome on p. 2"},
		{"remove label", edit(func(f *Fragment) { f.Labels = nil }), m, "remove label “Trust” from Outcome on p. 2"},
		{"memo", edit(func(f *Fragment) { f.Memo = "new" }), m, "edit the memo of Outcome on p. 2"},
		{"move", edit(func(f *Fragment) { f.Start = 54 }), m, "move Outcome on p. 2"},
		{"two at once", edit(func(f *Fragment) { f.Memo = "new"; f.Valence = Positive }), m, "edit Outcome on p. 2"},
		{"delete", DeleteFragment{ID: "f1"}, m, "delete Outcome on p. 2"},
		{"delete, unknown", DeleteFragment{ID: "nope"}, m, "delete a fragment"},
		{"undo of a delete", RestoreFragment(m.Frags["f1"]), m, "restore Outcome on p. 2"},
		{"new CMOC", AddCMOC{CMOC: CMOC{Statement: "Short"}}, m, "new CMOC “Short”"},
		{"delete CMOC", DeleteCMOC{ID: "c1"}, m, "delete CMOC “Leaders who listen keep their…”"},
		{"theory", PutTheory{Theory: Theory{Name: "Being"}}, m, "save programme theory “Being”"},
		{"rename label", RenameLabel{Label: "Trust", Name: "Confidence"}, m, "rename label “Trust” to “Confidence”"},
		{"merge labels", MergeLabels{Keep: "Trust", Drop: "Faith"}, m, "merge label “Faith” into “Trust”"},
		{"source", EditSource{DocID: "d1"}, m, "edit the source details of “d1”"},
		{"batch of one", Batch{DeleteFragment{ID: "f1"}}, m, "delete Outcome on p. 2"},
		{"batch", Batch{DeleteFragment{ID: "f1"}, DeleteCMOC{ID: "c1"}, DeleteLabel{ID: "l"}}, m, "delete Outcome on p. 2 and 2 more changes"},
		{"describer", named("import 3 fragments"), m, "import 3 fragments"},
	}
	for _, tt := range tests {
		if got := Describe(tt.change, tt.r); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// named is a change from outside the package that names itself.
type named string

func (n named) Apply(Tx) (Change, error) { return n, nil }
func (n named) Describe() string         { return string(n) }
