package storage

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

func TestChangesUndoRedo(t *testing.T) {
	p, doc := mergerProject(t)
	text, err := p.Text(doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// offset finds sub in the document text, in code points.
	offset := func(sub string) (int, int) {
		t.Helper()
		whole := []rune(text.String())
		r := []rune(sub)
		for i := 0; i+len(r) <= len(whole); i++ {
			if string(whole[i:i+len(r)]) == sub {
				return i, i + len(r)
			}
		}
		t.Fatalf("%q not in the text", sub)
		return 0, 0
	}
	evalStart, evalEnd := offset("Évaluation réaliste: 𝑥 + 𝑦 = 𝑧")
	chiefStart, chiefEnd := offset("The chief executive openly addresses staff concerns")
	p2start := text.PageStart(2)
	p3start := text.PageStart(3)
	f1, f2, f3, c1 := coding.NewID(), coding.NewID(), coding.NewID(), coding.NewID()
	being := coding.NewID()
	var trustID, newLabelID, deliveringID string

	fragment := func(t *testing.T, p *Project, id string) coding.Fragment {
		t.Helper()
		f, err := p.Fragment(id)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	label := func(t *testing.T, s state, name string) coding.Label {
		t.Helper()
		for _, l := range s.Labels {
			if l.Name == name {
				return l
			}
		}
		t.Fatalf("no label %q in %+v", name, s.Labels)
		return coding.Label{}
	}

	steps := []struct {
		name    string
		change  func() coding.Change
		check   func(t *testing.T, s state)
		deleted func() string // "entity id" the change records as deleted
	}{
		{
			name: "add fragment with new labels",
			change: func() coding.Change {
				return coding.AddFragment{Fragment: coding.Fragment{ID: f1, DocID: doc.ID, Start: evalStart, End: evalEnd,
					Role: coding.Context, Labels: []string{"Trust", " leadership ", "trust"}, Memo: "merger"}}
			},
			check: func(t *testing.T, s state) {
				f := fragment(t, p, f1)
				if f.Text != "Évaluation réaliste: 𝑥 + 𝑦 = 𝑧" || f.Page != 1 || f.Coder != "Ann" || f.Memo != "merger" {
					t.Errorf("fragment %+v", f)
				}
				if !reflect.DeepEqual(f.Labels, []string{"Trust", "leadership"}) {
					t.Errorf("labels %q", f.Labels)
				}
				if len(s.Labels) != 2 {
					t.Errorf("codebook %+v", s.Labels)
				}
				trustID = label(t, s, "Trust").ID
				if f.Created.IsZero() || !f.Created.Equal(f.Modified) {
					t.Errorf("times %v %v", f.Created, f.Modified)
				}
			},
		},
		{
			name: "add Arabic fragment on page 2 with an existing label",
			change: func() coding.Change {
				return coding.AddFragment{Fragment: coding.Fragment{ID: f2, DocID: doc.ID, Start: p2start, End: p2start + 13,
					Role: coding.Resource, Valence: coding.Positive, Labels: []string{"TRUST"}}}
			},
			check: func(t *testing.T, s state) {
				f := fragment(t, p, f2)
				if f.Text != "مرحبا بالعالم" || f.Page != 2 || !reflect.DeepEqual(f.Labels, []string{"Trust"}) {
					t.Errorf("fragment %+v", f)
				}
			},
		},
		{
			name: "add fragment across pages",
			change: func() coding.Change {
				return coding.AddFragment{Fragment: coding.Fragment{ID: f3, DocID: doc.ID, Start: p3start - 5, End: p3start + 8,
					Role: coding.Outcome, Valence: coding.Negative}}
			},
			check: func(t *testing.T, s state) {
				f := fragment(t, p, f3)
				if f.Text != text.Slice(p3start-5, p3start+8) || f.Page != 2 || utf8.RuneCountInString(f.Text) != 13 {
					t.Errorf("fragment %+v", f)
				}
				if s.Fragments[2].ID != f3 {
					t.Errorf("fragments not in offset order: %+v", s.Fragments)
				}
			},
		},
		{
			name: "edit fragment",
			change: func() coding.Change {
				return coding.EditFragment{Fragment: coding.Fragment{ID: f1, DocID: "ignored", Start: chiefStart, End: chiefEnd,
					Role: coding.Reasoning, Valence: coding.Negative, Labels: []string{"Morale", "Trust"}, Memo: "edited"}}
			},
			check: func(t *testing.T, s state) {
				f := fragment(t, p, f1)
				if f.Text != "The chief executive openly addresses staff concerns" || f.Role != coding.Reasoning ||
					f.DocID != doc.ID || f.Memo != "edited" || !reflect.DeepEqual(f.Labels, []string{"Morale", "Trust"}) {
					t.Errorf("fragment %+v", f)
				}
				if f.Modified.Equal(f.Created) {
					t.Error("Modified not updated")
				}
			},
		},
		{
			name: "rename a label: codings follow",
			change: func() coding.Change {
				return coding.PutLabel{Label: coding.Label{ID: trustID, Name: "Confidence", Definition: "staff trust leaders", Colour: "#0072b2"}}
			},
			check: func(t *testing.T, s state) {
				if f := fragment(t, p, f2); !reflect.DeepEqual(f.Labels, []string{"Confidence"}) {
					t.Errorf("labels %q", f.Labels)
				}
				if l := label(t, s, "Confidence"); l.Definition != "staff trust leaders" || l.ID != trustID {
					t.Errorf("label %+v", l)
				}
			},
		},
		{
			name: "put theory",
			change: func() coding.Change {
				return coding.PutTheory{Theory: coding.Theory{ID: being, Name: "Being", Description: "how leaders are", Position: 2}}
			},
			check: func(t *testing.T, s state) {
				if len(s.Theories) != 1 || s.Theories[0].Kind != coding.Initial || s.Theories[0].Description != "how leaders are" {
					t.Errorf("theories %+v", s.Theories)
				}
			},
		},
		{
			name: "add CMOC with a new theory and label",
			change: func() coding.Change {
				return coding.AddCMOC{TheoryName: "Delivering", CMOC: coding.CMOC{ID: c1, Statement: "Open leaders reassure staff",
					Narrative: "When ...", Fragments: []string{f1, f2, f3}, Labels: []string{"confidence", "New label"}}}
			},
			check: func(t *testing.T, s state) {
				if len(s.CMOCs) != 1 || len(s.Theories) != 2 {
					t.Fatalf("CMOCs %+v theories %+v", s.CMOCs, s.Theories)
				}
				c := s.CMOCs[0]
				deliveringID = c.TheoryID
				if !reflect.DeepEqual(c.Fragments, []string{f1, f2, f3}) || !reflect.DeepEqual(c.Labels, []string{"Confidence", "New label"}) ||
					c.Coder != "Ann" || c.Statement != "Open leaders reassure staff" {
					t.Errorf("CMOC %+v", c)
				}
				newLabelID = label(t, s, "New label").ID
				if got, err := p.CMOC(c1); err != nil || !reflect.DeepEqual(got, c) {
					t.Errorf("CMOC(%s) = %+v, %v", c1, got, err)
				}
			},
		},
		{
			name: "edit CMOC",
			change: func() coding.Change {
				return coding.EditCMOC{CMOC: coding.CMOC{ID: c1, Statement: "Reassured staff cooperate", TheoryID: being,
					Fragments: []string{f2, f1}, Labels: []string{"New label"}}}
			},
			check: func(t *testing.T, s state) {
				c := s.CMOCs[0]
				if c.TheoryID != being || !reflect.DeepEqual(c.Fragments, []string{f2, f1}) || c.Narrative != "" ||
					!reflect.DeepEqual(c.Labels, []string{"New label"}) {
					t.Errorf("CMOC %+v", c)
				}
			},
		},
		{
			name:    "delete a fragment a CMOC uses: the CMOC keeps it",
			change:  func() coding.Change { return coding.DeleteFragment{ID: f1} },
			deleted: func() string { return "fragment " + f1 },
			check: func(t *testing.T, s state) {
				if _, err := p.Fragment(f1); !coding.IsKind(err, coding.KindNotFound) {
					t.Errorf("deleted fragment: %v", err)
				}
				if c := s.CMOCs[0]; !reflect.DeepEqual(c.Fragments, []string{f2, f1}) {
					t.Errorf("CMOC lost its fragment: %+v", c)
				}
			},
		},
		{
			name:    "delete theory",
			change:  func() coding.Change { return coding.DeleteTheory{ID: deliveringID} },
			deleted: func() string { return "theory " + deliveringID },
			check: func(t *testing.T, s state) {
				if len(s.Theories) != 1 || s.Theories[0].ID != being {
					t.Errorf("theories %+v", s.Theories)
				}
			},
		},
		{
			name:    "delete CMOC",
			change:  func() coding.Change { return coding.DeleteCMOC{ID: c1} },
			deleted: func() string { return "cmoc " + c1 },
			check: func(t *testing.T, s state) {
				if len(s.CMOCs) != 0 {
					t.Errorf("CMOCs %+v", s.CMOCs)
				}
			},
		},
		{
			name:    "delete label",
			change:  func() coding.Change { return coding.DeleteLabel{ID: newLabelID} },
			deleted: func() string { return "label " + newLabelID },
			check: func(t *testing.T, s state) {
				for _, l := range s.Labels {
					if l.ID == newLabelID {
						t.Error("label still there")
					}
				}
			},
		},
		{
			name: "refined theory",
			change: func() coding.Change {
				return coding.PutTheory{Theory: coding.Theory{Name: "Being (refined)", Kind: coding.Refined, Refines: being,
					Statement: "Effective leaders ... so that ... because ...", Position: 1}}
			},
			check: func(t *testing.T, s state) {
				if len(s.Theories) != 2 || s.Theories[0].Refines != being || s.Theories[1].ID != being {
					t.Errorf("theories (by position) %+v", s.Theories)
				}
			},
		},
		{
			name: "batch",
			change: func() coding.Change {
				return coding.Batch{
					coding.DeleteFragment{ID: f2},
					coding.AddFragment{Fragment: coding.Fragment{DocID: doc.ID, Start: 0, End: 10, Role: coding.Context, Labels: []string{"Batch"}}},
				}
			},
			deleted: func() string { return "fragment " + f2 },
			check: func(t *testing.T, s state) {
				if len(s.Fragments) != 2 || s.Fragments[0].Text != "Leadership" {
					t.Errorf("fragments %+v", s.Fragments)
				}
			},
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			before := snapshot(t, p)
			undo, err := p.Apply(st.change())
			if err != nil {
				t.Fatal(err)
			}
			after := snapshot(t, p)
			st.check(t, after)
			deleted := ""
			if st.deleted != nil {
				deleted = st.deleted()
			}
			if deleted != "" && !deletions(t, p)[deleted] {
				t.Errorf("deletion of %s not recorded", deleted)
			}

			redo, err := p.Apply(undo)
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			sameState(t, "after undo", snapshot(t, p), before)
			if deleted != "" && deletions(t, p)[deleted] {
				t.Errorf("undo did not forget the deletion of %s", deleted)
			}

			if _, err := p.Apply(redo); err != nil {
				t.Fatalf("redo: %v", err)
			}
			sameState(t, "after redo", snapshot(t, p), after)
			if deleted != "" && !deletions(t, p)[deleted] {
				t.Errorf("redo did not record the deletion of %s", deleted)
			}
		})
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
	coders, err := p.Coders()
	if err != nil || len(coders) != 1 || coders[0].Name != "Ann" || coders[0].ID == "" {
		t.Errorf("coders %+v %v", coders, err)
	}
	// Everything survives closing and opening.
	want := snapshot(t, p)
	p = reopen(t, p)
	sameState(t, "reopened", snapshot(t, p), want)
}

func TestSetCoder(t *testing.T) {
	p := newProject(t)
	doc, err := p.AddDocument(coding.Document{FileName: "x.pdf"}, []byte("x"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	p.SetCoder("Bob Ø")
	// Reading writes nothing, not even the new coder.
	before := fileSum(t, p.Path())
	if _, err := p.Fragments(""); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, p.Path()) != before {
		t.Error("reading changed the file")
	}
	if _, err := p.Apply(coding.AddFragment{Fragment: coding.Fragment{DocID: doc.ID, Start: 0, End: 5, Role: coding.Context}}); err != nil {
		t.Fatal(err)
	}
	fs, _ := p.Fragments(doc.ID)
	if len(fs) != 1 || fs[0].Coder != "Bob Ø" {
		t.Errorf("fragments %+v", fs)
	}
	coders, _ := p.Coders()
	if len(coders) != 2 || coders[0].Name != "Ann" || coders[1].Name != "Bob Ø" {
		t.Errorf("coders %+v", coders)
	}
}

func TestApplyFailures(t *testing.T) {
	p, doc, frag, cmoc := codedProject(t)
	labels, _ := p.Labels()
	theories, _ := p.Theories()
	text, _ := p.Text(doc.ID)

	add := func(f coding.Fragment) coding.Change {
		if f.DocID == "" {
			f.DocID = doc.ID
		}
		if f.Role == "" {
			f.Role = coding.Context
		}
		return coding.AddFragment{Fragment: f}
	}
	cases := []struct {
		name   string
		change coding.Change
		kind   coding.Kind
		msg    []string
	}{
		{"end before start", add(coding.Fragment{Start: 10, End: 5}), coding.KindInvalid, []string{"offsets 10-5"}},
		{"past the end", add(coding.Fragment{Start: 10, End: text.Len() + 1}), coding.KindInvalid, []string{"past the end"}},
		{"negative", add(coding.Fragment{Start: -1, End: 5}), coding.KindInvalid, []string{"negative"}},
		{"white space only", add(coding.Fragment{Start: 10, End: 11}), coding.KindInvalid, []string{"white space"}},
		{"unknown document", add(coding.Fragment{DocID: "no-such-doc", Start: 0, End: 5}), coding.KindNotFound, []string{"no-such-doc"}},
		{"unknown role", add(coding.Fragment{Role: "mechanism", Start: 0, End: 5}), coding.KindInvalid, []string{"unknown role"}},
		{"unknown valence", add(coding.Fragment{Valence: "±", Start: 0, End: 5}), coding.KindInvalid, []string{"unknown valence"}},
		{"fragment id taken", add(coding.Fragment{ID: frag, Start: 0, End: 5}), coding.KindExists, []string{frag}},
		{"edit unknown fragment", coding.EditFragment{Fragment: coding.Fragment{ID: "nope", Start: 0, End: 5, Role: coding.Context}}, coding.KindNotFound, []string{"nope"}},
		{"CMOC with unknown fragment", coding.AddCMOC{CMOC: coding.CMOC{Statement: "x", Fragments: []string{frag, "ghost"}}}, coding.KindNotFound, []string{"ghost"}},
		{"CMOC with no fragment", coding.AddCMOC{CMOC: coding.CMOC{Statement: "x"}}, coding.KindInvalid, []string{"at least one fragment"}},
		{"CMOC with unknown theory", coding.AddCMOC{CMOC: coding.CMOC{Fragments: []string{frag}, TheoryID: "no-theory"}}, coding.KindNotFound, []string{"no-theory"}},
		{"delete unknown CMOC", coding.DeleteCMOC{ID: "nope"}, coding.KindNotFound, []string{"nope"}},
		{"delete label in use", coding.DeleteLabel{ID: labels[0].ID}, coding.KindInvalid, []string{"Trust", "still used by 1 fragment"}},
		{"delete theory in use", coding.DeleteTheory{ID: theories[0].ID}, coding.KindInvalid, []string{"Being", "1 CMOC"}},
		{"label name taken", coding.PutLabel{Label: coding.Label{Name: "TRUST"}}, coding.KindExists, []string{"TRUST"}},
		{"theory name taken", coding.PutTheory{Theory: coding.Theory{Name: "being"}}, coding.KindExists, []string{"being"}},
		{"bad colour", coding.PutLabel{Label: coding.Label{Name: "x", Colour: "red"}}, coding.KindInvalid, []string{"colour"}},
		{"refines unknown theory", coding.PutTheory{Theory: coding.Theory{Name: "r", Kind: coding.Refined, Refines: "nope"}}, coding.KindNotFound, []string{"nope"}},
		{"failure late in a batch", coding.Batch{
			coding.DeleteCMOC{ID: cmoc},
			coding.PutLabel{Label: coding.Label{Name: "fine"}},
			add(coding.Fragment{Start: 5, End: 2}),
		}, coding.KindInvalid, []string{"offsets 5-2"}},
	}
	want := snapshot(t, p)
	p.SetCoder("Carol") // would be registered by a successful write
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := fileSum(t, p.Path())
			undo, err := p.Apply(c.change)
			wantKind(t, err, c.kind, c.msg...)
			if undo != nil {
				t.Errorf("undo %v for a failed change", undo)
			}
			if fileSum(t, p.Path()) != before {
				t.Error("a failed change altered the file")
			}
			if s := sidecars(p.Path()); len(s) != 0 {
				t.Errorf("left %v", s)
			}
		})
	}
	sameState(t, "after failures", snapshot(t, p), want)
	if coders, _ := p.Coders(); len(coders) != 1 {
		t.Errorf("a failed change registered its coder: %+v", coders)
	}
}

// panicky is a change that writes and then panics.
type panicky struct{ label string }

func (c panicky) Apply(tx coding.Tx) (coding.Change, error) {
	if _, err := (coding.PutLabel{Label: coding.Label{Name: c.label}}).Apply(tx); err != nil {
		return nil, err
	}
	panic("boom")
}

func TestApplyPanicRollsBack(t *testing.T) {
	p := newProject(t)
	before := fileSum(t, p.Path())
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the change's panic", r)
			}
		}()
		p.Apply(panicky{"half-done"})
	}()
	if fileSum(t, p.Path()) != before {
		t.Error("a panicking change altered the file")
	}
	// The project still works.
	if _, err := p.Apply(coding.PutLabel{Label: coding.Label{Name: "after"}}); err != nil {
		t.Fatal(err)
	}
	ls, _ := p.Labels()
	if len(ls) != 1 || ls[0].Name != "after" {
		t.Errorf("labels %+v", ls)
	}
}

// TestConcurrentUse has goroutines reading and writing one project at
// once, as the app's window and its import worker do.
func TestConcurrentUse(t *testing.T) {
	p := newProject(t)
	doc, err := p.AddDocument(coding.Document{FileName: "x.pdf"}, []byte("x"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 100)
	done := make(chan bool)
	for g := range 4 {
		go func() {
			defer func() { done <- true }()
			for i := range 15 {
				var err error
				switch (g + i) % 4 {
				case 0:
					_, err = p.Apply(coding.AddFragment{Fragment: coding.Fragment{DocID: doc.ID, Start: i, End: i + 20, Role: coding.Outcome, Labels: []string{"L" + string(rune('a'+g))}}})
				case 1:
					_, err = p.Fragments(doc.ID)
				case 2:
					_, err = p.Page(doc.ID, 1+i%3)
				case 3:
					d, pdf, pages := synthDocument(uint64(100*g+i+1), 2, 200, 100)
					_, err = p.AddDocument(d, pdf, pages)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	fs, _ := p.Fragments("")
	docs, _ := p.Documents()
	if len(fs) != 15 || len(docs) != 16 {
		t.Errorf("%d fragments, %d documents", len(fs), len(docs))
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
}
