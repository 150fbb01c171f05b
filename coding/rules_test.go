package coding_test

import (
	"reflect"
	"slices"
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Trust", "Trust", true},
		{"Trust", "trust", true},
		{" Trust ", "TRUST", true},
		{"Ärger", "ärger", true},
		{"Σοφία", "σοφία", true},
		{"Trust", "Trusting", false},
		{"Trust", "Tr ust", false},
		{"", " ", true},
	} {
		if got := SameName(tc.a, tc.b); got != tc.same {
			t.Errorf("SameName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
		if got := NameKey(tc.a) == NameKey(tc.b); got != tc.same {
			t.Errorf("NameKey(%q) == NameKey(%q) is %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

// rulesProject has a theory "Being" holding two CMOCs, a theory "Being,
// refined" refining "Spare", a free theory "Free"; the label "Openness"
// on two fragments and a CMOC, "Reassurance" on one fragment, "Unused"
// on nothing.
func rulesProject(t *testing.T) *memTx {
	t.Helper()
	m := labelledProject(t)
	for _, c := range []Change{
		PutTheory{Theory: Theory{ID: "t1", Name: "Being"}},
		PutTheory{Theory: Theory{ID: "t2", Name: "Spare"}},
		PutTheory{Theory: Theory{ID: "t3", Name: "Being, refined", Kind: Refined, Refines: "t2"}},
		PutTheory{Theory: Theory{ID: "t4", Name: "Free"}},
		AddCMOC{CMOC: CMOC{ID: "c2", TheoryID: "t1", Fragments: []string{"f1"}}},
		AddCMOC{CMOC: CMOC{ID: "c3", TheoryID: "t1", Fragments: []string{"f3"}}},
		PutLabel{Label: Label{ID: "lu", Name: "Unused"}},
	} {
		if _, err := c.Apply(m); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// Each rule refuses with its kind and message and leaves the project as
// it was; what the rules allow goes through and undoes.
func TestRules(t *testing.T) {
	label := func(m *memTx, name string) string {
		l, err := m.LabelNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		return l.ID
	}
	for _, tc := range []struct {
		name   string
		change func(m *memTx) Change
		kind   Kind   // KindOther: the change goes through
		msg    string // the whole message a person sees
	}{
		{"a theory holding CMOCs cannot be deleted", func(*memTx) Change { return DeleteTheory{ID: "t1"} },
			KindInvalid, "Being: the programme theory still holds 2 CMOCs; move or delete them first"},
		{"a refined theory's origin cannot be deleted", func(*memTx) Change { return DeleteTheory{ID: "t2"} },
			KindInvalid, `Spare: the programme theory is refined by "Being, refined"; delete that first`},
		{"a free theory can be deleted", func(*memTx) Change { return DeleteTheory{ID: "t4"} }, KindOther, ""},
		{"a label in use cannot be deleted", func(m *memTx) Change { return DeleteLabel{ID: label(m, "Openness")} },
			KindInvalid, "Openness: the label is still used by 2 fragments and 1 CMOC; remove it from them first"},
		{"a label on one fragment", func(m *memTx) Change { return DeleteLabel{ID: label(m, "Reassurance")} },
			KindInvalid, "Reassurance: the label is still used by 1 fragment; remove it from them first"},
		{"an unused label can be deleted", func(*memTx) Change { return DeleteLabel{ID: "lu"} }, KindOther, ""},
		{"a theory cannot refine itself", func(*memTx) Change {
			return PutTheory{Theory: Theory{ID: "t3", Name: "Being, refined", Kind: Refined, Refines: "t3"}}
		}, KindInvalid, "Being, refined: a programme theory cannot refine itself"},
		{"a theory name in another case is taken", func(*memTx) Change { return PutTheory{Theory: Theory{Name: " being "}} },
			KindExists, " being : a programme theory with this name exists"},
		{"a theory keeps its own name", func(*memTx) Change { return PutTheory{Theory: Theory{ID: "t1", Name: "BEING"}} }, KindOther, ""},
		{"a label name in another case is taken", func(*memTx) Change { return PutLabel{Label: Label{Name: "OPENNESS"}} },
			KindExists, "OPENNESS: a label with this name exists"},
		{"a label keeps its own name", func(*memTx) Change { return PutLabel{Label: Label{ID: "lu", Name: "unused"}} }, KindOther, ""},
		{"a rename onto a label's name is refused", func(*memTx) Change { return RenameLabel{Label: "Unused", Name: "openness"} },
			KindExists, "openness: a label with this name exists; merge the labels instead"},
		{"a CMOC lists a fragment once", func(*memTx) Change { return AddCMOC{CMOC: CMOC{ID: "c9", Fragments: []string{"f1", "f2", "f1"}}} },
			KindInvalid, "c9: fragment f1 is listed twice"},
		{"an edited CMOC lists a fragment once", func(*memTx) Change { return EditCMOC{CMOC: CMOC{ID: "c1", Fragments: []string{"f2", "f2"}}} },
			KindInvalid, "c1: fragment f2 is listed twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := rulesProject(t)
			before := snap(m)
			undo, err := tc.change(m).Apply(m)
			if tc.kind == KindOther {
				if err != nil {
					t.Fatal(err)
				}
				if _, err := undo.Apply(m); err != nil {
					t.Fatalf("undo: %v", err)
				}
			} else if err == nil || KindOf(err) != tc.kind || err.Error() != tc.msg {
				t.Fatalf("err = %v (%v), want %v %q", err, KindOf(err), tc.kind, tc.msg)
			}
			if got := snap(m); !reflect.DeepEqual(got, before) {
				t.Errorf("the project changed:\n got %+v\nwant %+v", got, before)
			}
		})
	}
}

func TestCheckNewText(t *testing.T) {
	d := Document{ID: "d1", Title: "A scan"}
	for _, tc := range []struct {
		coded int
		want  string
	}{
		{0, ""},
		{1, `document "A scan" has coded fragments; its text can no longer change`},
		{12, `document "A scan" has coded fragments; its text can no longer change`},
	} {
		err := CheckNewText(d, tc.coded)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%d coded: %v", tc.coded, err)
			}
			continue
		}
		if err == nil || !IsKind(err, KindInvalid) || err.Error() != tc.want {
			t.Errorf("%d coded: %v, want %q", tc.coded, err, tc.want)
		}
	}
}

func TestWithFragments(t *testing.T) {
	for _, tc := range []struct {
		name  string
		has   []string
		add   []string
		want  []string
		added int
	}{
		{"new ones at the end", []string{"f1"}, []string{"f2", "f3"}, []string{"f1", "f2", "f3"}, 2},
		{"listed ones skipped", []string{"f1", "f2"}, []string{"f2", "f3", "f1"}, []string{"f1", "f2", "f3"}, 1},
		{"one given twice, added once", []string{"f1"}, []string{"f2", "f2"}, []string{"f1", "f2"}, 1},
		{"nothing new", []string{"f1"}, []string{"f1"}, []string{"f1"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := CMOC{ID: "c1", Fragments: slices.Clone(tc.has)}
			got, added := c.WithFragments(tc.add...)
			if !slices.Equal(got.Fragments, tc.want) || added != tc.added {
				t.Errorf("got %q (%d added), want %q (%d)", got.Fragments, added, tc.want, tc.added)
			}
			if !slices.Equal(c.Fragments, tc.has) {
				t.Errorf("the CMOC given changed: %q", c.Fragments)
			}
			if err := got.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}
