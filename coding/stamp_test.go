package coding_test

import (
	"testing"
	"time"

	. "cmocoder.org/cmocoder/coding"
)

// Every Add, Edit and Put fills in and keeps the same fields the same way:
// an Add fills what it is not given; an Edit keeps the coder and creation
// time and is modified now; a Put keeps a replaced one's creation time.
func TestStamps(t *testing.T) {
	then := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	type got struct {
		coder             string
		created, modified time.Time
	}
	for _, tc := range []struct {
		name   string
		change Change
		read   func(m *memTx) got
		want   func(m *memTx) got
	}{
		{"add fragment, nothing given", AddFragment{Fragment{ID: "f9", DocID: "d1", Start: 0, End: 3, Role: Context}},
			func(m *memTx) got { f := m.Frags["f9"]; return got{f.Coder, f.Created, f.Modified} },
			func(m *memTx) got { return got{"ana", m.Time, m.Time} }},
		{"add CMOC, all given", AddCMOC{CMOC: CMOC{ID: "c9", Fragments: []string{"f1"}, Coder: "bo", Created: then, Modified: then.Add(time.Hour)}},
			func(m *memTx) got { c := m.CMOCs["c9"]; return got{c.Coder, c.Created, c.Modified} },
			func(m *memTx) got { return got{"bo", then, then.Add(time.Hour)} }},
		{"edit fragment", EditFragment{Fragment: Fragment{ID: "f1", Start: 4, End: 19, Role: Outcome, Coder: "eve", Created: then}},
			func(m *memTx) got { f := m.Frags["f1"]; return got{f.Coder, f.Created, f.Modified} },
			func(m *memTx) got { return got{"old", then.Add(-time.Hour), m.Time} }},
		{"edit CMOC", EditCMOC{CMOC: CMOC{ID: "c1", Fragments: []string{"f1"}, Coder: "eve", Modified: then}},
			func(m *memTx) got { c := m.CMOCs["c1"]; return got{c.Coder, c.Created, c.Modified} },
			func(m *memTx) got { return got{"old", then.Add(-time.Hour), m.Time} }},
		{"put a new theory", PutTheory{Theory: Theory{ID: "t9", Name: "New", Created: then, Modified: then}},
			func(m *memTx) got { th := m.Theories["t9"]; return got{"", th.Created, th.Modified} },
			func(m *memTx) got { return got{"", then, m.Time} }},
		{"replace a theory", PutTheory{Theory: Theory{ID: "t1", Name: "Being", Created: then}},
			func(m *memTx) got { th := m.Theories["t1"]; return got{"", th.Created, th.Modified} },
			func(m *memTx) got { return got{"", then.Add(-time.Hour), m.Time} }},
		{"put a new label", PutLabel{Label: Label{ID: "l9", Name: "New"}},
			func(m *memTx) got { l := m.Codebook["l9"]; return got{"", l.Created, l.Modified} },
			func(m *memTx) got { return got{"", m.Time, m.Time} }},
		{"replace a label", PutLabel{Label: Label{ID: "l1", Name: "Trust", Created: then}},
			func(m *memTx) got { l := m.Codebook["l1"]; return got{"", l.Created, l.Modified} },
			func(m *memTx) got { return got{"", then.Add(-time.Hour), m.Time} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemTx()
			m.AddDoc("d1", "The chief executive openly addresses staff concerns.")
			old := then.Add(-time.Hour)
			m.Frags["f1"] = Fragment{ID: "f1", DocID: "d1", Start: 4, End: 19, Page: 1, Role: Context, Coder: "old", Created: old, Modified: old}
			m.CMOCs["c1"] = CMOC{ID: "c1", Fragments: []string{"f1"}, Coder: "old", Created: old, Modified: old}
			m.Theories["t1"] = Theory{ID: "t1", Name: "Being", Kind: Initial, Created: old, Modified: old}
			m.Codebook["l1"] = Label{ID: "l1", Name: "Trust", Colour: "#999999", Created: old, Modified: old}
			if _, err := tc.change.Apply(m); err != nil {
				t.Fatal(err)
			}
			if g, w := tc.read(m), tc.want(m); g.coder != w.coder || !g.created.Equal(w.created) || !g.modified.Equal(w.modified) {
				t.Errorf("got %+v, want %+v", g, w)
			}
		})
	}
}
