package storage

import (
	"os"
	"path/filepath"

	"cmocoder.org/cmocoder/coding"
)

// readOnly is the error of a change SQLite refused as read-only. Either
// the project file is read-only, or its folder is: SQLite writes each
// change's journal ("review.cmoproj-journal") beside the file, so a
// writable file in a read-only folder cannot be changed either, and saying
// "the file is read-only" would send the person to the wrong place.
func readOnly(name, op string) error {
	if dir := filepath.Dir(name); canWrite(name) && !canCreateIn(dir) {
		return coding.Errorf(coding.KindInvalid, op, "", "cannot save %s: its folder %s is read-only (SQLite needs to create its journal file there)", name, dir)
	}
	return coding.Errorf(coding.KindInvalid, op, "", "cannot save %s: the file is read-only", name)
}

// canWrite reports whether the file at path can be opened for writing
// (nothing is written).
func canWrite(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// canCreateIn reports whether a file can be created in dir, by creating
// an empty one and removing it: permissions, ACLs and read-only mounts
// all answer alike.
func canCreateIn(dir string) bool {
	f, err := os.CreateTemp(dir, ".cmocoder-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// existing is the error of creating a project where something is already
// (Create never overwrites): a folder is said to be one, since "a file of
// this name already exists" would puzzle whoever gave a folder to put the
// project in.
func existing(path, abs, op string) error {
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return coding.Errorf(coding.KindExists, op, path, "is a folder; give the new project file's name, such as %s", filepath.Join(path, "review.cmoproj"))
	}
	return coding.Errorf(coding.KindExists, op, path, "a file of this name already exists")
}
