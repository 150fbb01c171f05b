package storage

import (
	"errors"
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
	if _, err := app.Apply(coding.EditSource{DocID: id, Source: coding.Source{Design: "RCT"}}); err != nil {
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
	if _, err := app.Apply(coding.EditSource{DocID: id, Source: coding.Source{Design: "Own"}}); err != nil {
		t.Fatal(err)
	}
	if v1, _ := app.DataVersion(); v1 != v0 {
		t.Errorf("own commit moved the data version %d → %d", v0, v1)
	}
	if _, err := cli.Apply(coding.EditSource{DocID: id, Source: coding.Source{Design: "RCT"}}); err != nil {
		t.Fatal(err)
	}
	if v2, _ := app.DataVersion(); v2 == v0 {
		t.Errorf("another program's commit left the data version at %d", v2)
	}
}
