package install

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestPackageFilesAreWhatInstallWrites: the files a package installs under
// /usr/share are, byte for byte, those `cmocoder install` writes under the
// user's data folder, at the same relative paths.
func TestPackageFilesAreWhatInstallWrites(t *testing.T) {
	old := lookPath
	lookPath = func(string) (string, error) { return "", os.ErrNotExist }
	defer func() { lookPath = old }()
	d := xdgDirs{data: t.TempDir(), config: t.TempDir()}
	const exe = "/usr/bin/cmocoder"
	if err := installXDG(d, exe); err != nil {
		t.Fatal(err)
	}
	files := PackageFiles(exe)
	if len(files) != 3 {
		t.Fatalf("PackageFiles gives %d files, want the desktop entry, the MIME type and the icon", len(files))
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(d.data, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("install wrote no %s: %v", f.Path, err)
			continue
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("%s differs from what install writes", f.Path)
		}
	}
	if p := IconPath(256); p != filepath.ToSlash(mustRel(t, d.data, d.iconFile())) {
		t.Errorf("IconPath(256) = %s, install writes the icon at %s", p, d.iconFile())
	}
}

func mustRel(t *testing.T, base, path string) string {
	t.Helper()
	r, err := filepath.Rel(base, path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
