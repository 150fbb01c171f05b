package storage

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/internal/testfiles"
)

// openV1Copy opens a copy of the v1 fixture, migrating it.
func openV1Copy(t *testing.T) *Project {
	t.Helper()
	return openCopy(t, testfiles.Gunzip(t, "testdata/v1.cmoproj.gz"), "v1.cmoproj")
}

// openV1At opens a copy of the v1 fixture and checks that opening migrated
// it to schema version (at least) v.
func openV1At(t *testing.T, v int) *Project {
	t.Helper()
	p := openV1Copy(t)
	var got int
	p.db.QueryRow("PRAGMA user_version").Scan(&got)
	if got < v {
		t.Fatalf("user_version %d after open, want %d or more", got, v)
	}
	return p
}

// TestV2SourcesMigration: a v1 file gains empty source fields, keeps its
// data, and takes a source edit that survives reopening.
func TestV2SourcesMigration(t *testing.T) {
	p := openV1At(t, 2)
	d, err := p.Document(fixtureDoc)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Merger" || d.Pages != 3 || d.Source() != (coding.Source{Title: d.Title, Authors: d.Authors, Year: d.Year, Citation: d.Citation}) {
		t.Errorf("migrated document = %+v", d)
	}
	c, err := p.Contents()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 1 || len(c.Fragments) != 1 || len(c.CMOCs) != 1 || c.Title != "Fixture v1" {
		t.Errorf("contents: %d docs, %d fragments, %d CMOCs, title %q", len(c.Documents), len(c.Fragments), len(c.CMOCs), c.Title)
	}
	if del, ok := c.DeletedFragments[fixtureGone]; !ok || del.Coder != "Ann" || del.At == "" || len(c.DeletedFragments) != 1 {
		t.Errorf("deleted fragments = %+v", c.DeletedFragments)
	}
	src := coding.Source{Title: "Merger", Year: "2014", Citation: "J Health 2014", Authors: "Ann A; Bo B",
		Study: coding.Study{Design: "Case study", Location: "Leeds", Participants: "12 managers", Objectives: "Why mergers fail",
			Relevance: coding.Appraisal{Judgement: coding.High, Note: "on point"}, Rigour: coding.Appraisal{Judgement: coding.Low, Note: "n = 12"}}}
	p.SetCoder("Ann")
	undo, err := p.Apply(coding.EditSource{DocID: fixtureDoc, Source: src})
	if err != nil {
		t.Fatal(err)
	}
	p2 := reopen(t, p)
	d2, err := p2.Document(fixtureDoc)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Source() != src || !d2.Modified.After(d.Modified) || d2.Pages != 3 || d2.SHA256 != d.SHA256 {
		t.Errorf("edited source = %+v", d2)
	}
	if _, err := p2.Apply(undo); err != nil {
		t.Fatal(err)
	}
	if d3, _ := p2.Document(fixtureDoc); !reflect.DeepEqual(d3, d) {
		t.Errorf("undo: got %+v, want %+v", d3, d)
	}
	// The schema refuses an unknown judgement even if a caller skips
	// the domain's checks.
	if _, err := p2.db.Exec("UPDATE documents SET relevance = 'great'"); err == nil {
		t.Error("the schema took an unknown judgement")
	}
}

func TestRenameMergeLabelsStored(t *testing.T) {
	p := newProject(t)
	d, err := p.AddDocument(coding.Document{FileName: "a.pdf"}, []byte("%PDF-a"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []coding.Change{
		coding.AddFragment{Fragment: coding.Fragment{ID: "f1", DocID: d.ID, Start: 0, End: 10, Role: coding.Context, Labels: []string{"Trust", "Voice"}}},
		coding.AddFragment{Fragment: coding.Fragment{ID: "f2", DocID: d.ID, Start: 11, End: 13, Role: coding.Outcome, Labels: []string{"Voice"}}},
		coding.AddCMOC{CMOC: coding.CMOC{ID: "c1", Fragments: []string{"f1", "f2"}, Labels: []string{"Voice", "Trust"}}},
	} {
		if _, err := p.Apply(c); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, p)
	undo, err := p.Apply(coding.RenameLabel{Label: "voice", Name: "Speaking up"})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := p.Fragment("f2"); !reflect.DeepEqual(f.Labels, []string{"Speaking up"}) {
		t.Errorf("renamed: f2 labels %q", f.Labels)
	}
	if _, err := p.Apply(undo); err != nil {
		t.Fatal(err)
	}
	sameState(t, "undo rename", snapshot(t, p), before)

	undo, err = p.Apply(coding.MergeLabels{Keep: "Trust", Drop: "Voice"})
	if err != nil {
		t.Fatal(err)
	}
	f1, _ := p.Fragment("f1")
	f2, _ := p.Fragment("f2")
	c1, _ := p.CMOC("c1")
	if !reflect.DeepEqual(f1.Labels, []string{"Trust"}) || !reflect.DeepEqual(f2.Labels, []string{"Trust"}) || !reflect.DeepEqual(c1.Labels, []string{"Trust"}) {
		t.Errorf("merged: f1 %q f2 %q c1 %q", f1.Labels, f2.Labels, c1.Labels)
	}
	if ls, _ := p.Labels(); len(ls) != 1 || !deletions(t, p)["label "+before.Labels[1].ID] {
		t.Errorf("after merge: labels %+v, deletions %v", ls, deletions(t, p))
	}
	redo, err := p.Apply(undo)
	if err != nil {
		t.Fatal(err)
	}
	sameState(t, "undo merge", snapshot(t, p), before)
	if deletions(t, p)["label "+before.Labels[1].ID] {
		t.Error("undo left the label's deletion recorded")
	}
	if _, err := p.Apply(redo); err != nil {
		t.Fatal(err)
	}
	if ls, _ := p.Labels(); len(ls) != 1 {
		t.Errorf("redo merge: labels %+v", ls)
	}
}
