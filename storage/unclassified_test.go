package storage

import (
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestV4UnclassifiedMigration: a project made before fragments could be
// unclassified opens at schema 4 or later with its fragments and their
// labels as they were, and then takes an unclassified fragment that
// survives reopening and is given a role later.
func TestV4UnclassifiedMigration(t *testing.T) {
	p := openV1At(t, 4)
	fr, err := p.Fragment(fixtureFragment)
	if err != nil || fr.Role != coding.Context || !reflect.DeepEqual(fr.Labels, []string{"Trust"}) || fr.Memo != "m" {
		t.Fatalf("migrated fragment %+v %v", fr, err)
	}
	u := coding.Fragment{ID: "00000000-0000-4000-8000-0000000000aa", DocID: fixtureDoc, Start: 0, End: 10,
		Role: coding.Unclassified, Labels: []string{"Trust", "Voice"}}
	if _, err := p.Apply(coding.AddFragment{Fragment: u}); err != nil {
		t.Fatalf("adding an unclassified fragment: %v", err)
	}
	path := p.Path()
	p.Close()
	p = mustOpen(t, path)
	defer p.Close()
	got, err := p.Fragment(u.ID)
	if err != nil || got.Role != coding.Unclassified || !reflect.DeepEqual(got.Labels, u.Labels) {
		t.Fatalf("after reopening: %+v %v", got, err)
	}
	got.Role = coding.Resource
	if _, err := p.Apply(coding.EditFragment{Fragment: got}); err != nil {
		t.Fatalf("giving it a role: %v", err)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
}

// TestRoleColumn: the role column takes the four roles and unclassified,
// and still refuses anything else even when written around coding's checks.
func TestRoleColumn(t *testing.T) {
	p := newProject(t)
	d, err := p.AddDocument(coding.Document{FileName: "m.pdf", Title: "M"}, []byte("%PDF-x"), threePages())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		role string
		ok   bool
	}{
		{"context", true}, {"unclassified", true}, {"", false}, {"mechanism", false},
	} {
		t.Run(tc.role, func(t *testing.T) {
			_, err := p.db.Exec(`INSERT INTO fragments (id, doc_id, start_offset, end_offset, page, role, created, modified)
				VALUES (?, ?, 0, 5, 1, ?, '2026-01-01', '2026-01-01')`, "f-"+tc.role, d.ID, tc.role)
			if (err == nil) != tc.ok {
				t.Errorf("role %q: err %v, want accepted %v", tc.role, err, tc.ok)
			}
		})
	}
}
