package coding

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// t0 is the time the tests' common copy was made; at(n) is n minutes later.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func mdoc(id, sha, text string, modified int) MergeDocument {
	return MergeDocument{
		Document:   Document{ID: id, Title: "Tully 2010", FileName: id + ".pdf", SHA256: sha, Authors: "Tully; Ross; Bain", Year: "2010", Pages: 4, Added: at(0), Modified: at(modified)},
		TextSHA256: text,
	}
}

func mfrag(id, doc string, start int, coder string, modified int, labels ...string) Fragment {
	return Fragment{ID: id, DocID: doc, Start: start, End: start + 10, Page: 2, Role: Context, Labels: labels,
		Coder: coder, Text: "some text", Created: at(0), Modified: at(modified)}
}

func mlabel(id, name, def string, modified int) Label {
	return Label{ID: id, Name: name, Definition: def, Colour: "#e69f00", Created: at(0), Modified: at(modified)}
}

func mtheory(id, name string, modified int) Theory {
	return Theory{ID: id, Name: name, Kind: Initial, Created: at(0), Modified: at(modified)}
}

func mcmoc(id, theory string, modified int, frags ...string) CMOC {
	return CMOC{ID: id, Statement: "C → M → O", TheoryID: theory, Fragments: frags, Coder: "Ann", Created: at(0), Modified: at(modified)}
}

func del(entity, id string, min int, coder string) Deletion {
	return Deletion{Entity: entity, ID: id, At: at(min), Coder: coder}
}

// base is a common copy: one document with one fragment, a label, a theory.
func base() MergeSide {
	return MergeSide{
		Documents: []MergeDocument{mdoc("d1", "aaa", "T1", 0)},
		Labels:    []Label{mlabel("l1", "Leadership", "", 0)},
		Theories:  []Theory{mtheory("t1", "Being", 0)},
		Fragments: []Fragment{mfrag("f1", "d1", 0, "Ann", 0, "Leadership")},
		CMOCs:     []CMOC{mcmoc("c1", "t1", 0, "f1")},
		Coders:    []string{"Ann"},
	}
}

// edited is base with one edit made: a side of a merge test.
func edited(edit func(s *MergeSide)) func() MergeSide {
	return func() MergeSide {
		s := base()
		edit(&s)
		return s
	}
}

// fragMemo is base with f1's memo set at minute min.
func fragMemo(memo string, min int) func() MergeSide {
	return edited(func(s *MergeSide) { s.Fragments[0].Memo, s.Fragments[0].Modified = memo, at(min) })
}

// removed is base with f1 (a fragment) or c1 (a CMOC) gone, deleted by
// coder at minute min.
func removed(entity string, min int, coder string) func() MergeSide {
	return edited(func(s *MergeSide) {
		id := "f1"
		if entity == EntityCMOC {
			id, s.CMOCs = "c1", nil
		} else {
			s.Fragments = nil
		}
		s.Deletions = []Deletion{del(entity, id, min, coder)}
	})
}

// docDesign is base with d1's design set at minute min.
func docDesign(design string, min int) func() MergeSide {
	return edited(func(s *MergeSide) { s.Documents[0].Design, s.Documents[0].Modified = design, at(min) })
}

// labelRenamed is base with l1 renamed at minute min, f1 coded with the new name.
func labelRenamed(name string, min int) func() MergeSide {
	return edited(func(s *MergeSide) {
		s.Labels[0].Name, s.Labels[0].Modified = name, at(min)
		s.Fragments[0].Labels = []string{name}
	})
}

// labelDefined is base with l1's definition set at minute min.
func labelDefined(def string, min int) func() MergeSide {
	return edited(func(s *MergeSide) { s.Labels[0].Definition, s.Labels[0].Modified = def, at(min) })
}

// withTrust is base with a second, unused label l2 "Trust".
var withTrust = edited(func(s *MergeSide) { s.Labels = append(s.Labels, mlabel("l2", "Trust", "", 1)) })

// trustDeleted is base with l2 deleted by coder at minute 5.
func trustDeleted(coder string) func() MergeSide {
	return edited(func(s *MergeSide) { s.Deletions = []Deletion{del(EntityLabel, "l2", 5, coder)} })
}

// leadershipDeleted is base with l1 taken off f1 at minute 4 and deleted by Bob at minute 5.
var leadershipDeleted = edited(func(s *MergeSide) {
	s.Labels = nil
	s.Fragments[0].Labels = nil
	s.Fragments[0].Modified = at(4)
	s.Deletions = []Deletion{del(EntityLabel, "l1", 5, "Bob")}
})

// cmocStated is base with c1's statement set at minute min.
func cmocStated(statement string, min int) func() MergeSide {
	return edited(func(s *MergeSide) { s.CMOCs[0].Statement, s.CMOCs[0].Modified = statement, at(min) })
}

func TestPlanMergeRules(t *testing.T) {
	type check func(t *testing.T, p MergePlan)
	wantCounts := func(added, updated, deleted MergeCounts, conflicts int) check {
		return func(t *testing.T, p MergePlan) {
			t.Helper()
			if p.Added != added || p.Updated != updated || p.Deleted != deleted || len(p.Conflicts) != conflicts {
				t.Errorf("added %+v updated %+v deleted %+v conflicts %v;\nwant %+v %+v %+v and %d conflicts",
					p.Added, p.Updated, p.Deleted, p.Conflicts, added, updated, deleted, conflicts)
			}
		}
	}
	wantConflict := func(parts ...string) check {
		return func(t *testing.T, p MergePlan) {
			t.Helper()
			for _, c := range p.Conflicts {
				ok := true
				for _, s := range parts {
					ok = ok && strings.Contains(c.String(), s)
				}
				if ok {
					return
				}
			}
			t.Errorf("no conflict mentions %q: %v", parts, p.Conflicts)
		}
	}
	none := MergeCounts{}
	tests := []struct {
		name         string
		ours, theirs func() MergeSide
		checks       []check
	}{
		{"identical copies: nothing to do", base, base, []check{
			wantCounts(none, none, none, 0),
			func(t *testing.T, p MergePlan) {
				if !p.Empty() || !reflect.DeepEqual(p.Report(), []string{"nothing to do"}) {
					t.Errorf("report %q", p.Report())
				}
			},
		}},
		{"coders: union", base, edited(func(s *MergeSide) { s.Coders = []string{"Bob", "Ann"} }), []check{
			wantCounts(MergeCounts{Coders: 1}, none, none, 0),
			func(t *testing.T, p MergePlan) {
				if !slices.Equal(p.Coders, []string{"Bob"}) {
					t.Errorf("coders %q", p.Coders)
				}
			},
		}},
		{"fragment only in OTHER: added with its coder and times", base, edited(func(s *MergeSide) {
			s.Fragments = append(s.Fragments, mfrag("f2", "d1", 50, "Bob", 7, "Leadership"))
		}), []check{
			wantCounts(MergeCounts{Fragments: 1}, none, none, 0),
			func(t *testing.T, p MergePlan) {
				if len(p.PutFragments) != 1 || !reflect.DeepEqual(p.PutFragments[0], mfrag("f2", "d1", 50, "Bob", 7, "Leadership")) {
					t.Errorf("put %+v", p.PutFragments)
				}
			},
		}},
		{"same passage, same role, two coders: both kept", base, edited(func(s *MergeSide) {
			f := mfrag("f9", "d1", 0, "Bob", 3, "Leadership") // f1's span, Bob's own fragment
			s.Fragments = append(s.Fragments, f)
		}), []check{wantCounts(MergeCounts{Fragments: 1}, none, none, 0)}},
		{"fragment in both, OTHER newer: updated", base, fragMemo("Bob's memo", 5), []check{
			wantCounts(none, MergeCounts{Fragments: 1}, none, 0),
			func(t *testing.T, p MergePlan) {
				if p.PutFragments[0].Memo != "Bob's memo" || !p.PutFragments[0].Modified.Equal(at(5)) {
					t.Errorf("put %+v", p.PutFragments[0])
				}
			},
		}},
		{"fragment in both, ours newer: kept, no conflict", fragMemo("Ann's memo", 9), fragMemo("Bob's memo", 5),
			[]check{wantCounts(none, none, none, 0)}},
		{"fragment changed in both at the same time: conflict, ours kept", fragMemo("Ann's memo", 5), fragMemo("Bob's memo", 5), []check{
			wantCounts(none, none, none, 1),
			wantConflict("fragment f1 (Tully et al. 2010, p. 2): changed in both at the same time; kept ours"),
		}},
		{"deleted here after OTHER's last change: stays deleted silently", removed(EntityFragment, 4, "Ann"), base,
			[]check{wantCounts(none, none, none, 0)}},
		{"deleted here, changed in OTHER after: conflict, stays deleted", removed(EntityFragment, 4, "Ann"), fragMemo("Bob's memo", 6), []check{
			wantCounts(none, none, none, 1),
			wantConflict("fragment f1", "deleted here", "by Ann", "kept deleted"),
			func(t *testing.T, p MergePlan) {
				if len(p.PutFragments) != 0 {
					t.Errorf("re-added %+v", p.PutFragments)
				}
			},
		}},
		{"deleted in OTHER after our last change: deleted here with OTHER's time and coder", base, removed(EntityFragment, 4, "Bob"), []check{
			wantCounts(none, none, MergeCounts{Fragments: 1}, 0),
			func(t *testing.T, p MergePlan) {
				if !reflect.DeepEqual(p.DeleteFragments, []Deletion{del(EntityFragment, "f1", 4, "Bob")}) {
					t.Errorf("deletions %+v", p.DeleteFragments)
				}
			},
		}},
		{"deleted in OTHER, changed here after: conflict, ours kept", fragMemo("Ann's memo", 6), removed(EntityFragment, 4, "Bob"), []check{
			wantCounts(none, none, none, 1),
			wantConflict("fragment f1", "deleted in OTHER", "by Bob", "kept ours"),
		}},
		{"document matched by SHA-256, same text: OTHER's fragments move onto ours", base, edited(func(s *MergeSide) {
			s.Documents = []MergeDocument{mdoc("dB", "aaa", "T1", 0)}
			s.Fragments = []Fragment{mfrag("f5", "dB", 30, "Bob", 2, "leadership")}
			s.Labels = []Label{mlabel("lB", "leadership", "", -1)} // ours is newer: kept
			s.Theories, s.CMOCs = nil, nil
		}), []check{
			wantCounts(MergeCounts{Fragments: 1}, none, none, 0),
			func(t *testing.T, p MergePlan) {
				f := p.PutFragments[0]
				if f.DocID != "d1" || !slices.Equal(f.Labels, []string{"Leadership"}) || f.Coder != "Bob" {
					t.Errorf("fragment %+v, want it on d1 with our label Leadership", f)
				}
				if len(p.AddDocuments)+len(p.AddLabels) != 0 {
					t.Errorf("added %v %v", p.AddDocuments, p.AddLabels)
				}
			},
		}},
		{"document matched by SHA-256, different text: conflict naming it, its fragments not merged", base, edited(func(s *MergeSide) {
			s.Documents = []MergeDocument{mdoc("dB", "aaa", "T1-ocr", 0)}
			s.Fragments = []Fragment{mfrag("f5", "dB", 30, "Bob", 2), mfrag("f6", "dB", 60, "Bob", 2)}
			s.CMOCs = nil
		}), []check{
			wantCounts(none, none, none, 1),
			wantConflict("document d1 (Tully et al. 2010)", "different text", "2 fragments of OTHER on it not merged"),
		}},
		{"document only in OTHER: added, its fragments keep its ID", base, edited(func(s *MergeSide) {
			s.Documents = append(s.Documents, mdoc("d2", "bbb", "T2", 0))
			s.Fragments = append(s.Fragments, mfrag("f7", "d2", 0, "Bob", 1, "Trust"))
			s.Labels = append(s.Labels, mlabel("l2", "Trust", "", 1))
		}), []check{
			wantCounts(MergeCounts{Documents: 1, Fragments: 1, Labels: 1}, none, none, 0),
			func(t *testing.T, p MergePlan) {
				if !slices.Equal(p.AddDocuments, []string{"d2"}) || p.PutFragments[0].DocID != "d2" || p.AddLabels[0].ID != "l2" {
					t.Errorf("plan %+v", p)
				}
			},
		}},
		{"document metadata: OTHER newer wins", base, docDesign("realist evaluation", 3), []check{
			wantCounts(none, MergeCounts{Documents: 1}, none, 0),
			func(t *testing.T, p MergePlan) {
				if d := p.UpdateDocuments[0]; d.ID != "d1" || d.Design != "realist evaluation" {
					t.Errorf("update %+v", d)
				}
			},
		}},
		{"document metadata: ours newer kept", docDesign("case study", 4), docDesign("realist evaluation", 3),
			[]check{wantCounts(none, none, none, 0)}},
		{"document metadata changed at the same time: conflict", docDesign("case study", 3), docDesign("realist evaluation", 3),
			[]check{wantCounts(none, none, none, 1), wantConflict("document d1", "source details")}},
		{"label matched by name (case-insensitive), OTHER's newer definition wins, our ID kept", base, edited(func(s *MergeSide) {
			s.Labels = []Label{mlabel("lB", "LEADERSHIP", "leaders inspire", 5)}
			s.Fragments[0].Labels = []string{"LEADERSHIP"}
		}), []check{
			wantCounts(none, MergeCounts{Labels: 1}, none, 0),
			func(t *testing.T, p MergePlan) {
				if l := p.UpdateLabels[0]; l.ID != "l1" || l.Name != "LEADERSHIP" || l.Definition != "leaders inspire" {
					t.Errorf("label %+v", l)
				}
			},
		}},
		{"label renamed in OTHER (same ID): renamed here", base, labelRenamed("Inspiring leadership", 2),
			[]check{wantCounts(none, MergeCounts{Labels: 1}, none, 0)}},
		{"label renamed in OTHER onto a name we use: conflict", edited(func(s *MergeSide) {
			s.Labels = append(s.Labels, mlabel("l3", "Trust", "", 1))
		}), labelRenamed("trust", 2),
			[]check{wantCounts(none, none, none, 1), wantConflict("label l1", "another label here has that name")}},
		{"label changed in both at the same time: conflict", labelDefined("A", 2), labelDefined("B", 2),
			[]check{wantCounts(none, none, none, 1), wantConflict(`label l1 ("Leadership"): changed in both`)}},
		{"theory matched by name, refines remapped, newer wins", edited(func(s *MergeSide) {
			s.Theories = append(s.Theories, mtheory("t2", "Being (refined)", 0))
			s.Theories[1].Kind, s.Theories[1].Refines = Refined, "t1"
		}), edited(func(s *MergeSide) {
			s.Theories = []Theory{mtheory("tB1", "Being", 0), mtheory("tB2", "Being (refined)", 4)}
			s.Theories[1].Kind, s.Theories[1].Refines, s.Theories[1].Statement = Refined, "tB1", "leaders ... so that ..."
			s.CMOCs = nil
		}), []check{
			wantCounts(none, MergeCounts{Theories: 1}, none, 0),
			func(t *testing.T, p MergePlan) {
				th := p.UpdateTheories[0]
				if th.ID != "t2" || th.Refines != "t1" || th.Statement == "" || th.Name != "Being (refined)" {
					t.Errorf("theory %+v", th)
				}
			},
		}},
		{"CMOC only in OTHER: added with theory and labels mapped, fragments as they are", base, edited(func(s *MergeSide) {
			s.Theories = []Theory{mtheory("tB", "BEING", -1), mtheory("tN", "Delivering", 0)}
			s.Labels = []Label{mlabel("lB", "leadership", "", -1)}
			s.Fragments[0].Labels = []string{"leadership"}
			c := mcmoc("c2", "tB", 3, "f1", "gone")
			c.Labels = []string{"leadership"}
			d := mcmoc("c3", "tN", 3, "f1")
			s.CMOCs = []CMOC{mcmoc("c1", "tB", 0, "f1"), c, d}
		}), []check{
			wantCounts(MergeCounts{CMOCs: 2, Theories: 1}, none, none, 0),
			func(t *testing.T, p MergePlan) {
				c := p.PutCMOCs[0]
				if c.TheoryID != "t1" || !slices.Equal(c.Labels, []string{"Leadership"}) || !slices.Equal(c.Fragments, []string{"f1", "gone"}) {
					t.Errorf("CMOC %+v", c)
				}
				if p.PutCMOCs[1].TheoryID != "tN" || p.AddTheories[0].ID != "tN" {
					t.Errorf("new theory: %+v %+v", p.PutCMOCs[1], p.AddTheories)
				}
			},
		}},
		{"CMOC deleted in OTHER after our last change: deleted here", base, removed(EntityCMOC, 2, "Bob"),
			[]check{wantCounts(none, none, MergeCounts{CMOCs: 1}, 0)}},
		{"CMOC deleted here, changed in OTHER after: conflict", removed(EntityCMOC, 2, "Ann"), cmocStated("better", 3),
			[]check{wantCounts(none, none, none, 1), wantConflict("CMOC c1", "kept deleted")}},
		{"CMOC changed in both at the same time: conflict", cmocStated("ours", 3), cmocStated("theirs", 3),
			[]check{wantCounts(none, none, none, 1), wantConflict(`CMOC c1 ("ours"): changed in both`)}},
		{"label deleted here but carried by a fragment of OTHER: comes back", trustDeleted("Ann"), edited(func(s *MergeSide) {
			s.Labels = append(s.Labels, mlabel("l2", "Trust", "", 1))
			s.Fragments = append(s.Fragments, mfrag("f8", "d1", 70, "Bob", 1, "Trust"))
		}), []check{wantCounts(MergeCounts{Fragments: 1, Labels: 1}, none, none, 0)}},
		{"label deleted here, unused in OTHER: stays deleted", trustDeleted("Ann"), withTrust,
			[]check{wantCounts(none, none, none, 0)}},
		{"label deleted in OTHER, unused here: deleted", withTrust, trustDeleted("Bob"),
			[]check{wantCounts(none, none, MergeCounts{Labels: 1}, 0)}},
		{"label deleted in OTHER, its last use there updated here: deleted", base, leadershipDeleted,
			[]check{wantCounts(none, MergeCounts{Fragments: 1}, MergeCounts{Labels: 1}, 0)}},
		{"label deleted in OTHER but still used here: kept", edited(func(s *MergeSide) {
			s.Fragments = append(s.Fragments, mfrag("f3", "d1", 90, "Ann", 1, "Leadership"))
		}), leadershipDeleted, []check{wantCounts(none, MergeCounts{Fragments: 1}, none, 0)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ours, theirs := tc.ours(), tc.theirs()
			oursCopy := tc.ours()
			p := PlanMerge(ours, theirs)
			for _, c := range tc.checks {
				c(t, p)
			}
			if !reflect.DeepEqual(ours, oursCopy) {
				t.Error("PlanMerge changed its argument")
			}
			// Applying the plan and merging again finds nothing more to
			// do (the conflicts stay until someone resolves them).
			merged := applyPlan(ours, theirs, p)
			again := PlanMerge(merged, theirs)
			if !again.Empty() || len(again.Conflicts) != len(p.Conflicts) {
				t.Errorf("second merge: %q", again.Report())
			}
		})
	}
}

// TestPlanMergeConverges merges A into B and B into A, where both started
// from one copy and changed different things: both end with the same coding.
func TestPlanMergeConverges(t *testing.T) {
	ann, bob := base(), base()
	// Ann: a new fragment, a label's definition, a CMOC.
	ann.Fragments = append(ann.Fragments, mfrag("fa", "d1", 20, "Ann", 3, "Leadership"))
	ann.Labels[0].Definition, ann.Labels[0].Modified = "leaders inspire", at(4)
	ann.CMOCs = append(ann.CMOCs, mcmoc("ca", "t1", 5, "fa"))
	// Bob: deletes f1, codes a new document, edits the theory.
	bob.Fragments = []Fragment{mfrag("fb", "d2", 0, "Bob", 2, "Trust")}
	bob.Deletions = []Deletion{del(EntityFragment, "f1", 6, "Bob")}
	bob.Documents = append(bob.Documents, mdoc("d2", "bbb", "T2", 0))
	bob.Labels = append(bob.Labels, mlabel("lt", "Trust", "", 2))
	bob.Theories[0].Description, bob.Theories[0].Modified = "how leaders are", at(7)
	bob.Coders = []string{"Ann", "Bob"}

	a := applyPlan(ann, bob, PlanMerge(ann, bob))
	b := applyPlan(bob, ann, PlanMerge(bob, ann))
	norm := func(s MergeSide) MergeSide {
		s.Deletions = nil
		slices.SortFunc(s.Fragments, func(x, y Fragment) int { return strings.Compare(x.ID, y.ID) })
		slices.SortFunc(s.CMOCs, func(x, y CMOC) int { return strings.Compare(x.ID, y.ID) })
		slices.SortFunc(s.Labels, func(x, y Label) int { return strings.Compare(x.ID, y.ID) })
		slices.SortFunc(s.Documents, func(x, y MergeDocument) int { return strings.Compare(x.ID, y.ID) })
		slices.Sort(s.Coders)
		return s
	}
	if !reflect.DeepEqual(norm(a), norm(b)) {
		t.Errorf("A←B and B←A differ:\n%+v\n%+v", norm(a), norm(b))
	}
	if len(a.Fragments) != 2 { // fa and fb; f1 deleted
		t.Errorf("fragments %+v", a.Fragments)
	}
}

func TestMergeReport(t *testing.T) {
	p := MergePlan{
		Added:     MergeCounts{Documents: 3, Fragments: 41, CMOCs: 2, Labels: 5, Theories: 1},
		Updated:   MergeCounts{Labels: 1},
		Deleted:   MergeCounts{Fragments: 1},
		Conflicts: []Conflict{{Entity: EntityFragment, ID: "9c1e2f3a-1111", About: "Tully et al. 2010, p. 4", Reason: "changed in both at the same time; kept ours"}},
	}
	want := []string{
		"added: 3 documents, 41 fragments, 2 CMOCs, 5 labels, 1 theory",
		"updated: 1 label",
		"deleted: 1 fragment",
		"conflict: fragment 9c1e2f3a… (Tully et al. 2010, p. 4): changed in both at the same time; kept ours",
	}
	if got := p.Report(); !reflect.DeepEqual(got, want) {
		t.Errorf("report\n%q\nwant\n%q", got, want)
	}
}

// applyPlan does in memory what storage does in a file: the plan applied
// to ours, theirs supplying the documents to copy.
func applyPlan(ours, theirs MergeSide, p MergePlan) MergeSide {
	s := MergeSide{
		Documents: slices.Clone(ours.Documents), Labels: slices.Clone(ours.Labels),
		Theories: slices.Clone(ours.Theories), Fragments: slices.Clone(ours.Fragments),
		CMOCs: slices.Clone(ours.CMOCs), Deletions: slices.Clone(ours.Deletions),
		Coders: append(slices.Clone(ours.Coders), p.Coders...),
	}
	for _, id := range p.AddDocuments {
		for _, d := range theirs.Documents {
			if d.ID == id {
				s.Documents = append(s.Documents, d)
			}
		}
	}
	for _, d := range p.UpdateDocuments {
		for i := range s.Documents {
			if s.Documents[i].ID == d.ID {
				s.Documents[i].Document = d
			}
		}
	}
	for _, l := range p.UpdateLabels {
		for i := range s.Labels {
			if s.Labels[i].ID == l.ID {
				old := s.Labels[i].Name
				s.Labels[i] = l
				for j := range s.Fragments { // codings follow a rename
					for k, n := range s.Fragments[j].Labels {
						if strings.EqualFold(n, old) {
							s.Fragments[j].Labels[k] = l.Name
						}
					}
				}
			}
		}
	}
	s.Labels = append(s.Labels, p.AddLabels...)
	for _, th := range p.UpdateTheories {
		for i := range s.Theories {
			if s.Theories[i].ID == th.ID {
				s.Theories[i] = th
			}
		}
	}
	s.Theories = append(s.Theories, p.AddTheories...)
	put := func(id string) int {
		for i, f := range s.Fragments {
			if f.ID == id {
				return i
			}
		}
		return -1
	}
	for _, f := range p.PutFragments {
		if i := put(f.ID); i >= 0 {
			s.Fragments[i] = f
		} else {
			s.Fragments = append(s.Fragments, f)
		}
	}
	for _, c := range p.PutCMOCs {
		i := slices.IndexFunc(s.CMOCs, func(x CMOC) bool { return x.ID == c.ID })
		if i >= 0 {
			s.CMOCs[i] = c
		} else {
			s.CMOCs = append(s.CMOCs, c)
		}
	}
	gone := func(ds []Deletion) map[string]bool {
		m := map[string]bool{}
		for _, d := range ds {
			m[d.ID] = true
			s.Deletions = append(s.Deletions, d)
		}
		return m
	}
	gf, gc, gl, gt := gone(p.DeleteFragments), gone(p.DeleteCMOCs), gone(p.DeleteLabels), gone(p.DeleteTheories)
	s.Fragments = slices.DeleteFunc(s.Fragments, func(f Fragment) bool { return gf[f.ID] })
	s.CMOCs = slices.DeleteFunc(s.CMOCs, func(c CMOC) bool { return gc[c.ID] })
	s.Labels = slices.DeleteFunc(s.Labels, func(l Label) bool { return gl[l.ID] })
	s.Theories = slices.DeleteFunc(s.Theories, func(t Theory) bool { return gt[t.ID] })
	return s
}
