package coding_test

import (
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	. "cmocoder.org/cmocoder/coding"
)

func TestTextOffsets(t *testing.T) {
	// Astral and Arabic characters take one offset each; pages are joined
	// by one form feed.
	text := NewText([]Page{{Text: "ab𝑥c"}, {Text: ""}, {Text: "مرحبا x"}})
	if got, want := text.Len(), 4+1+0+1+7; got != want {
		t.Fatalf("Len = %d, want %d", got, want)
	}
	if got, want := text.String(), "ab𝑥c\f\fمرحبا x"; got != want {
		t.Fatalf("String = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		start, end int
		want       string
	}{
		{0, 4, "ab𝑥c"},
		{2, 3, "𝑥"},
		{3, 6, "c\f\f"},
		{4, 8, "\f\fمر"},
		{6, 13, "مرحبا x"},
		{0, 13, "ab𝑥c\f\fمرحبا x"},
	} {
		if got := text.Slice(tc.start, tc.end); got != tc.want {
			t.Errorf("Slice(%d, %d) = %q, want %q", tc.start, tc.end, got, tc.want)
		}
		// Slice must agree with the plain string's runes.
		if got := string([]rune(text.String())[tc.start:tc.end]); got != tc.want {
			t.Errorf("runes[%d:%d] = %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
	for _, tc := range []struct{ off, page int }{{0, 1}, {3, 1}, {4, 1}, {5, 2}, {6, 3}, {12, 3}} {
		if got := text.PageAt(tc.off); got != tc.page {
			t.Errorf("PageAt(%d) = %d, want %d", tc.off, got, tc.page)
		}
	}
}

func TestCheckSpan(t *testing.T) {
	text := NewText([]Page{{Text: "Staff were reassured."}, {Text: "   "}})
	for _, tc := range []struct {
		start, end int
		wantErr    string
	}{
		{0, 5, ""},
		{0, 21, ""},
		{0, 25, ""},
		{-1, 3, "negative"},
		{5, 5, "before the end"},
		{6, 2, "before the end"},
		{0, 26, "past the end"},
		{21, 25, "only white space"},
	} {
		err := CheckSpan(text, tc.start, tc.end)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("CheckSpan(%d, %d) = %v, want nil", tc.start, tc.end, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("CheckSpan(%d, %d) = %v, want %q", tc.start, tc.end, err, tc.wantErr)
		case tc.wantErr != "" && !IsKind(err, KindInvalid):
			t.Errorf("CheckSpan(%d, %d) kind = %v, want KindInvalid", tc.start, tc.end, KindOf(err))
		}
	}
}

func TestParseRoleAndValence(t *testing.T) {
	checkParse(t, "ParseRole", ParseRole, map[string]Role{"context": Context, "C": Context, "Resource": Resource, "m res": Resource, "reasoning": Reasoning, "outcome": Outcome, "O": Outcome}, "mechanism")
	checkParse(t, "ParseValence", ParseValence, map[string]Valence{"+": Positive, "-": Negative, "−": Negative, "": NoValence, "none": NoValence}, "++")
}

func TestConfiguration(t *testing.T) {
	frag := func(r Role, v Valence, text string) Fragment { return Fragment{Role: r, Valence: v, Text: text} }
	for _, tc := range []struct {
		name  string
		frags []Fragment
		want  string
	}{
		{"full", []Fragment{
			frag(Outcome, Negative, "Team members are upset"),
			frag(Context, NoValence, "Hospital merger requires integration of departments"),
			frag(Resource, Negative, "Team leader asks for the team's\nsuggestions but overrides them"),
			frag(Reasoning, Negative, "Staff feel unheard"),
		}, "Hospital merger requires integration of departments (C) → Team leader asks for the team's suggestions but overrides them (M−, Resource) → Staff feel unheard (M−, Reasoning) → Team members are upset (O−)"},
		{"gaps", []Fragment{frag(Resource, Positive, "the chief executive openly addresses staff concerns")},
			"… (C) → the chief executive openly addresses staff concerns (M+, Resource) → … (M, Reasoning) → … (O)"},
		{"several of one role", []Fragment{frag(Outcome, Positive, "less turnover"), frag(Outcome, Negative, "more overtime")},
			"… (C) → … (M, Resource) → … (M, Reasoning) → less turnover; more overtime (O+/−)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Configuration(tc.frags); got != tc.want {
				t.Errorf("Configuration =\n %q\nwant\n %q", got, tc.want)
			}
		})
	}
}

// snapshot copies a memTx's entity maps so a test can compare states.
type snapshot struct {
	frags    map[string]Fragment
	cmocs    map[string]CMOC
	theories map[string]Theory
	labels   map[string]Label
}

func snap(m *memTx) snapshot {
	return snapshot{maps.Clone(m.Frags), maps.Clone(m.CMOCs), maps.Clone(m.Theories), maps.Clone(m.Codebook)}
}

func TestChangesUndoRedo(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "The chief executive openly addresses staff concerns.", "Staff are reassured and stay.")

	steps := []struct {
		name   string
		change func() Change
	}{
		{"add context", func() Change {
			return AddFragment{Fragment{ID: "f1", DocID: "d1", Start: 4, End: 19, Role: Context, Labels: []string{"Leadership", " leadership "}}}
		}},
		{"add outcome", func() Change {
			return AddFragment{Fragment{ID: "f2", DocID: "d1", Start: 53, End: 82, Role: Outcome, Valence: Positive}}
		}},
		{"edit", func() Change {
			return EditFragment{Fragment: Fragment{ID: "f1", Start: 4, End: 51, Role: Resource, Valence: Positive, Labels: []string{"Openness"}, Memo: "m"}}
		}},
		{"cmoc", func() Change {
			return AddCMOC{CMOC: CMOC{ID: "c1", Statement: "s", Fragments: []string{"f1", "f2"}, Labels: []string{"Trust"}}, TheoryName: "Being"}
		}},
		{"edit cmoc", func() Change { return EditCMOC{CMOC: CMOC{ID: "c1", Statement: "s2", Fragments: []string{"f2"}}} }},
		{"delete fragment", func() Change { return DeleteFragment{ID: "f1"} }},
		{"delete cmoc", func() Change { return DeleteCMOC{ID: "c1"} }},
	}
	var states []snapshot
	var undos []Change
	for _, s := range steps {
		states = append(states, snap(m))
		u, err := s.change().Apply(m)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		undos = append(undos, u)
	}
	if f := m.Frags["f2"]; f.Page != 2 || f.Text != "Staff are reassured and stay." || f.Coder != "ana" {
		t.Errorf("f2 = page %d text %q coder %q", f.Page, f.Text, f.Coder)
	}
	final := snap(m)
	// Undo everything, checking each earlier state; keep the redos.
	var redos []Change
	for i := len(undos) - 1; i >= 0; i-- {
		r, err := undos[i].Apply(m)
		if err != nil {
			t.Fatalf("undo %s: %v", steps[i].name, err)
		}
		redos = append(redos, r)
		if got := snap(m); !reflect.DeepEqual(got, states[i]) {
			t.Fatalf("after undoing %s:\n got %+v\nwant %+v", steps[i].name, got, states[i])
		}
	}
	for i := len(redos) - 1; i >= 0; i-- {
		if _, err := redos[i].Apply(m); err != nil {
			t.Fatalf("redo: %v", err)
		}
	}
	if got := snap(m); !reflect.DeepEqual(got, final) {
		t.Fatalf("after redo:\n got %+v\nwant %+v", got, final)
	}
}

func TestChangesRefuseBadInput(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "Short text.")
	if _, err := (AddFragment{Fragment{ID: "f1", DocID: "d1", Start: 0, End: 5, Role: Context}}).Apply(m); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		c    Change
		kind Kind
		msg  string
	}{
		{"offset past end", AddFragment{Fragment{DocID: "d1", Start: 3, End: 40, Role: Context}}, KindInvalid, "past the end"},
		{"empty span", AddFragment{Fragment{DocID: "d1", Start: 3, End: 3, Role: Context}}, KindInvalid, "before the end"},
		{"unknown role", AddFragment{Fragment{DocID: "d1", Start: 0, End: 3, Role: "mechanism"}}, KindInvalid, "unknown role"},
		{"unknown valence", AddFragment{Fragment{DocID: "d1", Start: 0, End: 3, Role: Outcome, Valence: "?"}}, KindInvalid, "unknown valence"},
		{"unknown document", AddFragment{Fragment{DocID: "nope", Start: 0, End: 3, Role: Context}}, KindNotFound, "nope"},
		{"duplicate id", AddFragment{Fragment{ID: "f1", DocID: "d1", Start: 0, End: 3, Role: Context}}, KindExists, "exists"},
		{"cmoc without fragments", AddCMOC{CMOC: CMOC{Statement: "s"}}, KindInvalid, "at least one fragment"},
		{"cmoc with unknown fragment", AddCMOC{CMOC: CMOC{Fragments: []string{"zz"}}}, KindNotFound, "zz"},
		{"cmoc listing a fragment twice", AddCMOC{CMOC: CMOC{Fragments: []string{"f1", "f1"}}}, KindInvalid, "twice"},
		{"theory without name", PutTheory{Theory: Theory{Name: " "}}, KindInvalid, "needs a name"},
		{"label with bad colour", PutLabel{Label: Label{Name: "x", Colour: "red"}}, KindInvalid, "#rrggbb"},
		{"edit unknown fragment", EditFragment{Fragment: Fragment{ID: "zz", Role: Context}}, KindNotFound, "zz"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.Apply(m)
			if err == nil {
				t.Fatal("succeeded")
			}
			if KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v (kind %d), want kind %d containing %q", err, KindOf(err), tc.kind, tc.msg)
			}
		})
	}
}

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if len(id) != 36 || id[14] != '4' || strings.Count(id, "-") != 4 || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

// TestEditCMOCWithMissingEvidence: a CMOC naming a fragment deleted since
// can still be edited, and keeps naming it; a fragment it did not name
// before must exist.
func TestEditCMOCWithMissingEvidence(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "The chief executive openly addresses staff concerns.", "Staff are reassured and stay.")
	for _, c := range []Change{
		AddFragment{Fragment{ID: "f1", DocID: "d1", Start: 4, End: 19, Role: Context}},
		AddFragment{Fragment{ID: "f2", DocID: "d1", Start: 53, End: 82, Role: Outcome}},
		AddCMOC{CMOC: CMOC{ID: "c1", Statement: "s", Fragments: []string{"f1", "f2"}}},
		DeleteFragment{ID: "f1"},
	} {
		if _, err := c.Apply(m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := (EditCMOC{CMOC: CMOC{ID: "c1", Statement: "s2", Fragments: []string{"f1", "f2"}}}).Apply(m); err != nil {
		t.Fatalf("editing a CMOC with missing evidence: %v", err)
	}
	if c := m.CMOCs["c1"]; c.Statement != "s2" || !reflect.DeepEqual(c.Fragments, []string{"f1", "f2"}) {
		t.Errorf("after the edit: %+v", c)
	}
	_, err := (EditCMOC{CMOC: CMOC{ID: "c1", Statement: "s3", Fragments: []string{"f1", "f2", "zz"}}}).Apply(m)
	if !IsKind(err, KindNotFound) || !strings.Contains(err.Error(), "zz") {
		t.Errorf("adding an unknown fragment: %v", err)
	}
}

// TestAddKeepsGivenTimes: an import gives a fragment's and a CMOC's times
// from the file, and they are kept; without them, now is used.
func TestAddKeepsGivenTimes(t *testing.T) {
	m := newMemTx()
	m.AddDoc("d1", "The chief executive openly addresses staff concerns.")
	then := m.Time.Add(-48 * time.Hour)
	if _, err := (AddFragment{Fragment{ID: "f1", DocID: "d1", Start: 4, End: 19, Role: Context, Created: then, Modified: then.Add(time.Hour)}}).Apply(m); err != nil {
		t.Fatal(err)
	}
	if _, err := (AddFragment{Fragment{ID: "f2", DocID: "d1", Start: 20, End: 30, Role: Outcome}}).Apply(m); err != nil {
		t.Fatal(err)
	}
	if _, err := (AddCMOC{CMOC: CMOC{ID: "c1", Statement: "s", Fragments: []string{"f1"}, Created: then, Modified: then}}).Apply(m); err != nil {
		t.Fatal(err)
	}
	if f := m.Frags["f1"]; !f.Created.Equal(then) || !f.Modified.Equal(then.Add(time.Hour)) {
		t.Errorf("given times: created %v modified %v", f.Created, f.Modified)
	}
	if f := m.Frags["f2"]; !f.Created.Equal(m.Time) || !f.Modified.Equal(m.Time) {
		t.Errorf("no times given: created %v modified %v, want now", f.Created, f.Modified)
	}
	if c := m.CMOCs["c1"]; !c.Modified.Equal(then) {
		t.Errorf("CMOC modified %v", c.Modified)
	}
}
