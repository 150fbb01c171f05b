package coding_test

import (
	"maps"
	"reflect"
	"strings"
	"testing"

	. "cmocoder.org/cmocoder/coding"
)

// docSnap is the memTx state a source edit touches.
func docSnap(m *memTx) map[string]Document { return maps.Clone(m.Docs) }

func TestEditSource(t *testing.T) {
	for _, tc := range []struct {
		name    string
		src     Source
		wantErr string
		check   func(t *testing.T, d Document)
	}{
		{"characteristics and appraisal", Source{Year: " 2014 ", Citation: "BMC HSR", Authors: "Agyeman-Duah JNA; Theurer A",
			Study: Study{Design: "Interviews", Location: "Lilongwe, Malawi", Participants: "38 staff", Objectives: "Barriers",
				Relevance: Appraisal{High, "speaks to leadership"}, Rigour: Appraisal{Moderate, "one site"}}},
			"", func(t *testing.T, d Document) {
				if d.Year != "2014" || d.Design != "Interviews" || d.Relevance != (Appraisal{High, "speaks to leadership"}) || d.Rigour.Judgement != Moderate {
					t.Errorf("document = %+v", d)
				}
				if !d.Modified.Equal(newMemTx().Time) {
					t.Errorf("Modified = %v", d.Modified)
				}
				if d.Title != "d1" || d.Pages != 1 {
					t.Errorf("the edit touched the import facts: %+v", d)
				}
			}},
		{"year with letter", Source{Year: "2014a"}, "", nil},
		{"no date", Source{Year: "n.d."}, "", nil},
		{"bad year", Source{Year: "14"}, "not four digits", nil},
		{"bad judgement", Source{Study: Study{Relevance: Appraisal{Judgement: "great"}}}, "unknown relevance judgement", nil},
		{"control character", Source{Study: Study{Design: "a\x00b\nc"}}, "", func(t *testing.T, d Document) {
			if d.Design != "a b\nc" {
				t.Errorf("design = %q, want the control character replaced", d.Design)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemTx()
			m.AddDoc("d1", "Some text.")
			before := docSnap(m)
			undo, err := EditSource{DocID: "d1", Source: tc.src}.Apply(m)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !IsKind(err, KindInvalid) {
					t.Fatalf("err = %v, want an invalid-input error with %q", err, tc.wantErr)
				}
				if !reflect.DeepEqual(docSnap(m), before) {
					t.Error("a refused edit changed the document")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != nil {
				tc.check(t, m.Docs["d1"])
			}
			after := docSnap(m)
			redo, err := undo.Apply(m)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(docSnap(m), before) {
				t.Errorf("undo: got %+v, want %+v", m.Docs["d1"], before["d1"])
			}
			if _, err := redo.Apply(m); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(docSnap(m), after) {
				t.Error("redo did not restore the edit")
			}
		})
	}
	if _, err := (EditSource{DocID: "nope"}).Apply(newMemTx()); !IsKind(err, KindNotFound) {
		t.Errorf("unknown document: %v", err)
	}
}

func TestParseJudgement(t *testing.T) {
	checkParse(t, "ParseJudgement", ParseJudgement, map[string]Judgement{"High": High, "h": High, "medium": Moderate, "moderate": Moderate, "LOW": Low, "": NotAppraised, "none": NotAppraised}, "excellent")
}

func TestShortName(t *testing.T) {
	for _, tc := range []struct {
		d    Document
		want string
	}{
		{Document{Authors: "Agyeman-Duah JNA; Theurer A; Munthali C", Year: "2014"}, "Agyeman-Duah et al. 2014"},
		{Document{Authors: "Smith, J.; Jones, K.", Year: "2019"}, "Smith and Jones 2019"},
		{Document{Authors: "Jane A. van der Berg", Year: "2020"}, "Berg 2020"},
		{Document{Authors: "Smith JA"}, "Smith"},
		{Document{Authors: "Nuala E. Tully {et al.}", Year: "2010"}, "Tully et al. 2010"},
		{Document{Authors: "Smith, J. et al", Year: "2011"}, "Smith et al. 2011"},
		{Document{Title: "A report", Year: "2001"}, "A report 2001"},
	} {
		if got := tc.d.ShortName(); got != tc.want {
			t.Errorf("ShortName(%q) = %q, want %q", tc.d.Authors, got, tc.want)
		}
	}
}

// labelledProject has two labels used by fragments and a CMOC.
func labelledProject(t *testing.T) *memTx {
	t.Helper()
	m := newMemTx()
	m.AddDoc("d1", "The chief executive openly addresses staff concerns. Staff are reassured.")
	for _, c := range []Change{
		AddFragment{Fragment{ID: "f1", DocID: "d1", Start: 4, End: 19, Role: Resource, Labels: []string{"Openness", "Leadership"}}},
		AddFragment{Fragment{ID: "f2", DocID: "d1", Start: 53, End: 72, Role: Reasoning, Labels: []string{"Reassurance"}}},
		AddFragment{Fragment{ID: "f3", DocID: "d1", Start: 20, End: 51, Role: Resource, Labels: []string{"Leadership", "Openness"}}},
		AddCMOC{CMOC: CMOC{ID: "c1", Fragments: []string{"f1", "f2"}, Labels: []string{"Openness"}}},
	} {
		if _, err := c.Apply(m); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestRenameAndMergeLabels(t *testing.T) {
	for _, tc := range []struct {
		name      string
		change    Change
		wantErr   string
		wantFrags map[string][]string
		wantCMOC  []string
		wantCodes []string // the codebook's names afterwards, sorted
	}{
		{"rename", RenameLabel{Label: "openness", Name: "Transparency"}, "",
			map[string][]string{"f1": {"Transparency", "Leadership"}, "f2": {"Reassurance"}, "f3": {"Leadership", "Transparency"}},
			[]string{"Transparency"}, []string{"Leadership", "Reassurance", "Transparency"}},
		{"rename changing case only", RenameLabel{Label: "Openness", Name: "OPENNESS"}, "",
			map[string][]string{"f1": {"OPENNESS", "Leadership"}, "f2": {"Reassurance"}, "f3": {"Leadership", "OPENNESS"}},
			[]string{"OPENNESS"}, []string{"Leadership", "OPENNESS", "Reassurance"}},
		{"rename onto another label", RenameLabel{Label: "Openness", Name: "leadership"}, "merge the labels instead", nil, nil, nil},
		{"rename to nothing", RenameLabel{Label: "Openness", Name: " "}, "needs a name", nil, nil, nil},
		{"rename unknown", RenameLabel{Label: "Nope", Name: "X"}, "no such label", nil, nil, nil},
		{"merge", MergeLabels{Keep: "Leadership", Drop: "Openness"}, "",
			map[string][]string{"f1": {"Leadership"}, "f2": {"Reassurance"}, "f3": {"Leadership"}},
			[]string{"Leadership"}, []string{"Leadership", "Reassurance"}},
		{"merge into an unused spelling", MergeLabels{Keep: "reassurance", Drop: "openness"}, "",
			map[string][]string{"f1": {"Reassurance", "Leadership"}, "f2": {"Reassurance"}, "f3": {"Leadership", "Reassurance"}},
			[]string{"Reassurance"}, []string{"Leadership", "Reassurance"}},
		{"merge into itself", MergeLabels{Keep: "Openness", Drop: "openness"}, "into itself", nil, nil, nil},
		{"merge unknown", MergeLabels{Keep: "Openness", Drop: "Nope"}, "no such label", nil, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := labelledProject(t)
			before := snap(m)
			undo, err := tc.change.Apply(m)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range tc.wantFrags {
				if got := m.Frags[id].Labels; !reflect.DeepEqual(got, want) {
					t.Errorf("%s labels = %q, want %q", id, got, want)
				}
			}
			if got := m.CMOCs["c1"].Labels; !reflect.DeepEqual(got, tc.wantCMOC) {
				t.Errorf("CMOC labels = %q, want %q", got, tc.wantCMOC)
			}
			var names []string
			for _, l := range m.Codebook {
				names = append(names, l.Name)
			}
			sortStrings(names)
			if !reflect.DeepEqual(names, tc.wantCodes) {
				t.Errorf("codebook = %q, want %q", names, tc.wantCodes)
			}
			// Every fragment keeps a coding: none lost its labels.
			for id, f := range m.Frags {
				if len(f.Labels) == 0 {
					t.Errorf("%s lost its labels", id)
				}
			}
			after := snap(m)
			redo, err := undo.Apply(m)
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			if got := snap(m); !reflect.DeepEqual(got, before) {
				t.Errorf("undo:\n got %+v\nwant %+v", got, before)
			}
			if _, err := redo.Apply(m); err != nil {
				t.Fatalf("redo: %v", err)
			}
			if got := snap(m); !reflect.DeepEqual(got, after) {
				t.Errorf("redo:\n got %+v\nwant %+v", got, after)
			}
		})
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && strings.ToLower(s[j]) < strings.ToLower(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
