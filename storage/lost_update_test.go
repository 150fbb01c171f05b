package storage

import (
	"errors"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// twoPrograms is a project open twice, as the app and the CLI have it:
// two connections on one file, and a document in it.
func twoPrograms(t *testing.T) (app, cli *Project, docID string) {
	t.Helper()
	app = newProject(t)
	doc, pdf, pages := synthDocument(7, 1, 200, 64)
	d, err := app.AddDocument(doc, pdf, pages)
	if err != nil {
		t.Fatal(err)
	}
	return app, mustOpen(t, app.Path()), d.ID
}

// edited is s with some fields set, by their CLI names.
func edited(s coding.Source, fields map[string]string) coding.Source {
	for name, v := range fields {
		*coding.SourceField(&s, name) = v
	}
	return s
}

// wantStored checks source fields, by their CLI names, as p reads them.
func wantStored(t *testing.T, p *Project, docID string, want map[string]string) {
	t.Helper()
	d, err := p.Document(docID)
	if err != nil {
		t.Fatal(err)
	}
	s := d.Source()
	for name, v := range want {
		if got := *coding.SourceField(&s, name); got != v {
			t.Errorf("stored %s %q, want %q", name, got, v)
		}
	}
}

// TestFieldLevelSourceEdits: the app reads a source, the CLI changes some
// fields, then the app saves its edit made from what it read. Fields only
// one of them changed are all stored; a field both changed to different
// values is a conflict naming it with both values, and nothing of the
// app's edit is written.
func TestFieldLevelSourceEdits(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cli, app map[string]string
		conflict []coding.FieldConflict
		want     map[string]string
	}{
		{
			name: "different fields",
			cli:  map[string]string{"design": "RCT", "location": "Malawi"},
			app:  map[string]string{"authors": "Banda J"},
			want: map[string]string{"design": "RCT", "location": "Malawi", "authors": "Banda J", "year": "2014"},
		},
		{
			name:     "same field",
			cli:      map[string]string{"design": "RCT"},
			app:      map[string]string{"design": "Cohort study", "authors": "Banda J"},
			conflict: []coding.FieldConflict{{Field: "design", Old: "", Stored: "RCT", Mine: "Cohort study"}},
			want:     map[string]string{"design": "RCT", "authors": "Ann Example; Bob Sample"},
		},
		{
			name: "same field, same value",
			cli:  map[string]string{"design": "RCT"},
			app:  map[string]string{"design": "RCT", "rigour": "high"},
			want: map[string]string{"design": "RCT", "rigour": "high"},
		},
		{
			name:     "judgement and note",
			cli:      map[string]string{"relevance": "low", "relevance-note": "Off topic"},
			app:      map[string]string{"relevance": "high"},
			conflict: []coding.FieldConflict{{Field: "relevance", Old: "", Stored: "low", Mine: "high"}},
			want:     map[string]string{"relevance": "low", "relevance-note": "Off topic"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app, cli, id := twoPrograms(t)
			d, _ := app.Document(id)
			read := d.Source() // what the app's form shows
			if _, err := cli.Apply(coding.EditSource{DocID: id, Source: edited(read, tc.cli), From: &read}); err != nil {
				t.Fatal(err)
			}
			_, err := app.Apply(coding.EditSource{DocID: id, Source: edited(read, tc.app), From: &read})
			c, isConflict := coding.AsEditConflict(err)
			switch {
			case tc.conflict == nil && err != nil:
				t.Fatalf("edit: %v", err)
			case tc.conflict != nil && !isConflict:
				t.Fatalf("edit gave %v, want a conflict", err)
			case tc.conflict != nil:
				if !errors.Is(err, coding.ErrConflict) || !coding.IsKind(err, coding.KindConflict) {
					t.Errorf("%v is not ErrConflict of KindConflict", err)
				}
				if len(c.Fields) != len(tc.conflict) || c.Fields[0] != tc.conflict[0] {
					t.Errorf("conflict fields %+v, want %+v", c.Fields, tc.conflict)
				}
			}
			for _, p := range []*Project{app, cli} {
				wantStored(t, p, id, tc.want)
			}
		})
	}
}

// TestSourceEditWithoutFromReplacesAll: an edit that does not say what it
// started from replaces every field, as importing a source does.
func TestSourceEditWithoutFromReplacesAll(t *testing.T) {
	app, _, id := twoPrograms(t)
	if _, err := app.Apply(coding.EditSource{DocID: id, Source: coding.Source{Study: coding.Study{Design: "RCT"}}}); err != nil {
		t.Fatal(err)
	}
	d, _ := app.Document(id)
	if d.Design != "RCT" || d.Authors != "" || d.Year != "" {
		t.Errorf("stored %+v", d.Source())
	}
}

// TestSourceUndoAfterChangeUnderneath: the undo of a source edit puts back
// only the fields the edit changed, and is refused as a conflict when
// another program has changed one of them since.
func TestSourceUndoAfterChangeUnderneath(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cli      map[string]string
		conflict bool
		want     map[string]string
	}{
		{"other field", map[string]string{"design": "RCT"}, false, map[string]string{"authors": "Ann Example; Bob Sample", "design": "RCT"}},
		{"same field", map[string]string{"authors": "Phiri K"}, true, map[string]string{"authors": "Phiri K"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app, cli, id := twoPrograms(t)
			d, _ := app.Document(id)
			read := d.Source()
			undo, err := app.Apply(coding.EditSource{DocID: id, Source: edited(read, map[string]string{"authors": "Banda J"}), From: &read})
			if err != nil {
				t.Fatal(err)
			}
			d, _ = cli.Document(id)
			now := d.Source()
			if _, err := cli.Apply(coding.EditSource{DocID: id, Source: edited(now, tc.cli), From: &now}); err != nil {
				t.Fatal(err)
			}
			_, err = app.Apply(undo)
			if got := errors.Is(err, coding.ErrConflict); got != tc.conflict || (!tc.conflict && err != nil) {
				t.Fatalf("undo: %v, want a conflict %v", err, tc.conflict)
			}
			wantStored(t, app, id, tc.want)
		})
	}
}

// TestDataVersionSeesOtherPrograms: the data version moves when another
// connection commits, and not when the project's own connection does, so
// the app refreshes for the CLI's changes only.
func TestDataVersionSeesOtherPrograms(t *testing.T) {
	app, cli, id := twoPrograms(t)
	v0, err := app.DataVersion()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Apply(coding.EditSource{DocID: id, Source: coding.Source{Study: coding.Study{Design: "Own"}}}); err != nil {
		t.Fatal(err)
	}
	if v1, _ := app.DataVersion(); v1 != v0 {
		t.Errorf("own commit moved the data version %d → %d", v0, v1)
	}
	if _, err := cli.Apply(coding.EditSource{DocID: id, Source: coding.Source{Study: coding.Study{Design: "RCT"}}}); err != nil {
		t.Fatal(err)
	}
	if v2, _ := app.DataVersion(); v2 == v0 {
		t.Errorf("another program's commit left the data version at %d", v2)
	}
}

// find is the item with the ID id that list lists.
func find[T any](t *testing.T, list func() ([]T, error), id string, idOf func(T) string) T {
	t.Helper()
	all, err := list()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all {
		if idOf(v) == id {
			return v
		}
	}
	t.Fatalf("no %s", id)
	var zero T
	return zero
}

// addFragment adds a document and codes a fragment in it.
func addFragment(t *testing.T, p *Project) coding.Fragment {
	t.Helper()
	doc, pdf, pages := synthDocument(9, 1, 200, 64)
	d, err := p.AddDocument(doc, pdf, pages)
	if err != nil {
		t.Fatal(err)
	}
	f := coding.Fragment{ID: coding.NewID(), DocID: d.ID, Start: 0, End: 10, Role: coding.Context}
	if _, err := p.Apply(coding.AddFragment{Fragment: f}); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFieldLevelRecordEdits: programme theories, labels and CMOCs edited
// from what an editor read write only the fields changed, as sources do:
// the CLI's field and the app's both stay; both changing one field is a
// conflict, unless the edit says to keep its value or take theirs; and an
// undo over the other program's field is refused.
func TestFieldLevelRecordEdits(t *testing.T) {
	setCMOC := func(c *coding.CMOC, field, value string) {
		if field == "labels" {
			c.Labels = []string{value}
			return
		}
		*map[string]*string{"statement": &c.Statement, "narrative": &c.Narrative}[field] = value
	}
	setFragment := func(f *coding.Fragment, field, value string) {
		switch field {
		case "memo":
			f.Memo = value
		case "valence":
			f.Valence = coding.Valence(value)
		case "labels":
			f.Labels = []string{value}
		}
	}
	for _, rec := range []fieldRecord{
		wholeRecord("theory", coding.Theory{ID: coding.NewID(), Name: "Leading"}, (*Project).Theories, theoryID, theoryStrings, putTheory,
			"name", "description", "statement"),
		wholeRecord("label", coding.Label{ID: coding.NewID(), Name: "Trust"}, (*Project).Labels, labelID, labelStrings, putLabel,
			"definition", "colour", "name"),
		{
			name: "fragment",
			make: func(t *testing.T, p *Project) (func(*Project) any, func(any, string, string, coding.Resolution) coding.Change) {
				f := addFragment(t, p)
				return func(p *Project) any { v, _ := p.Fragment(f.ID); return v },
					editFrom(setFragment, func(to coding.Fragment, from *coding.Fragment, r coding.Resolution) coding.Change {
						return coding.EditFragment{Fragment: to, From: from, Resolve: r}
					})
			},
			get: func(v any, field string) string {
				f := v.(coding.Fragment)
				return map[string]string{"memo": f.Memo, "valence": string(f.Valence), "labels": strings.Join(f.Labels, ", ")}[field]
			},
			mine: "memo", theirs: "valence", same: "labels", theirsValue: "+",
		},
		{
			name: "CMOC",
			make: func(t *testing.T, p *Project) (func(*Project) any, func(any, string, string, coding.Resolution) coding.Change) {
				f := addFragment(t, p)
				c := coding.CMOC{ID: coding.NewID(), Statement: "Leaders listen", Fragments: []string{f.ID}}
				if _, err := p.Apply(coding.AddCMOC{CMOC: c}); err != nil {
					t.Fatal(err)
				}
				return func(p *Project) any { v, _ := p.CMOC(c.ID); return v },
					editFrom(setCMOC, func(to coding.CMOC, from *coding.CMOC, r coding.Resolution) coding.Change {
						return coding.EditCMOC{CMOC: to, From: from, Resolve: r}
					})
			},
			get: func(v any, field string) string {
				c := v.(coding.CMOC)
				return map[string]string{"statement": c.Statement, "narrative": c.Narrative, "labels": strings.Join(c.Labels, ", ")}[field]
			},
			mine: "statement", theirs: "narrative", same: "labels",
		},
	} {
		t.Run(rec.name, func(t *testing.T) {
			app, cli, _ := twoPrograms(t)
			read, edit := rec.make(t, app)
			theirs := rec.theirsValue
			if theirs == "" {
				theirs = "#009e73"
			}
			want := func(p *Project, field, value string) {
				t.Helper()
				if got := rec.get(read(p), field); got != value {
					t.Errorf("stored %s %q, want %q", field, got, value)
				}
			}
			// Different fields: both stay.
			was := read(app)
			if _, err := cli.Apply(edit(read(cli), rec.theirs, theirs, coding.Refuse)); err != nil {
				t.Fatal(err)
			}
			undo, err := app.Apply(edit(was, rec.mine, "Mine", coding.Refuse))
			if err != nil {
				t.Fatal(err)
			}
			want(cli, rec.theirs, theirs)
			want(cli, rec.mine, "Mine")

			// The same field: a conflict, then each resolution.
			was = read(app)
			if _, err := cli.Apply(edit(read(cli), rec.same, "Theirs", coding.Refuse)); err != nil {
				t.Fatal(err)
			}
			_, err = app.Apply(edit(was, rec.same, "Ours", coding.Refuse))
			if c, ok := coding.AsEditConflict(err); !ok || c.Fields[0].Field != rec.same || c.Fields[0].Stored != "Theirs" || c.Fields[0].Mine != "Ours" {
				t.Fatalf("editing the same field: %v", err)
			}
			want(app, rec.same, "Theirs")
			if _, err := app.Apply(edit(was, rec.same, "Ours", coding.TakeTheirs)); err != nil {
				t.Fatal(err)
			}
			want(app, rec.same, "Theirs")
			if _, err := app.Apply(edit(was, rec.same, "Ours", coding.KeepMine)); err != nil {
				t.Fatal(err)
			}
			want(app, rec.same, "Ours")

			// Undoing the first edit puts back only its field; after the
			// CLI changed that field it is refused.
			if _, err := cli.Apply(edit(read(cli), rec.mine, "Changed again", coding.Refuse)); err != nil {
				t.Fatal(err)
			}
			if _, err := app.Apply(undo); !errors.Is(err, coding.ErrConflict) {
				t.Errorf("undo over the CLI's change: %v, want a conflict", err)
			}
			want(app, rec.mine, "Changed again")
			want(app, rec.theirs, theirs)
		})
	}
}

// fieldRecord is a kind of record TestFieldLevelRecordEdits edits.
type fieldRecord struct {
	name string
	// make adds the record and returns a function that edits it
	// from what was read: set changes one field, by how a
	// conflict names it.
	make func(t *testing.T, p *Project) (read func(*Project) any, edit func(from any, field, value string, r coding.Resolution) coding.Change)
	// get is a field's value as stored.
	get func(v any, field string) string
	// mine and theirs are two fields; same is the one both change.
	mine, theirs, same string
	// theirsValue is what the CLI sets theirs to ("#009e73" when "").
	theirsValue string
}

// wholeRecord is the fieldRecord of a kind put whole (a theory, a label)
// whose fields (by name) are strings.
func wholeRecord[T any](name string, v T, list func(*Project) ([]T, error), idOf func(T) string, fields func(*T) map[string]*string,
	put func(to T, from *T, r coding.Resolution) coding.Change, mine, theirs, same string) fieldRecord {
	set := func(x *T, field, value string) { *fields(x)[field] = value }
	get := func(x any, field string) string { v := x.(T); return *fields(&v)[field] }
	return fieldRecord{name: name, make: putThenEdit(v, list, idOf, set, put), get: get, mine: mine, theirs: theirs, same: same}
}

// The string fields of theories and labels by the names conflicts give
// them, their IDs and their put changes, for wholeRecord.
func theoryStrings(th *coding.Theory) map[string]*string {
	return map[string]*string{"name": &th.Name, "description": &th.Description, "statement": &th.Statement}
}

func labelStrings(l *coding.Label) map[string]*string {
	return map[string]*string{"name": &l.Name, "definition": &l.Definition, "colour": &l.Colour}
}

func theoryID(th coding.Theory) string { return th.ID }
func labelID(l coding.Label) string    { return l.ID }

func putTheory(to coding.Theory, from *coding.Theory, r coding.Resolution) coding.Change {
	return coding.PutTheory{Theory: to, From: from, Resolve: r}
}

func putLabel(to coding.Label, from *coding.Label, r coding.Resolution) coding.Change {
	return coding.PutLabel{Label: to, From: from, Resolve: r}
}

// editFrom is a record's edit for TestFieldLevelRecordEdits: from as an
// editor read it (a T), one field set to value, made a change by change.
func editFrom[T any](set func(*T, string, string), change func(to T, from *T, r coding.Resolution) coding.Change) func(any, string, string, coding.Resolution) coding.Change {
	return func(from any, field, value string, r coding.Resolution) coding.Change {
		f := from.(T)
		to := f
		set(&to, field, value)
		return change(to, &f, r)
	}
}

// putThenEdit is a record's make for TestFieldLevelRecordEdits of a kind
// put whole (a theory, a label): v is put as it is, read back from list by
// its ID, and edited with put from what was read.
func putThenEdit[T any](v T, list func(*Project) ([]T, error), idOf func(T) string, set func(*T, string, string), put func(to T, from *T, r coding.Resolution) coding.Change) func(*testing.T, *Project) (func(*Project) any, func(any, string, string, coding.Resolution) coding.Change) {
	return func(t *testing.T, p *Project) (func(*Project) any, func(any, string, string, coding.Resolution) coding.Change) {
		if _, err := p.Apply(put(v, nil, coding.Refuse)); err != nil {
			t.Fatal(err)
		}
		read := func(p *Project) any {
			return find(t, func() ([]T, error) { return list(p) }, idOf(v), idOf)
		}
		return read, editFrom(set, put)
	}
}
