package storage

import (
	"path/filepath"
	"reflect"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

// TestBackup: the copy is a project that opens and holds what the original
// held when it was taken; a backup never overwrites a file.
func TestBackup(t *testing.T) {
	dir := t.TempDir()
	p, err := Create(filepath.Join(dir, "review.cmoproj"), "Review", "ana")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Apply(coding.PutLabel{Label: coding.Label{Name: "Trust", Definition: "d"}}); err != nil {
		t.Fatal(err)
	}
	want, err := p.Contents()
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "review before merge.cmoproj")
	if err := p.Backup(copyPath); err != nil {
		t.Fatal(err)
	}
	// A change after the backup is not in it.
	if _, err := p.Apply(coding.PutLabel{Label: coding.Label{Name: "Later"}}); err != nil {
		t.Fatal(err)
	}
	b, err := Open(copyPath)
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer b.Close()
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	got, err := b.Contents()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backup holds\n%+v\nwant\n%+v", got, want)
	}
	if err := p.Backup(copyPath); !coding.IsKind(err, coding.KindExists) {
		t.Errorf("backing up onto an existing file: %v", err)
	}
}
