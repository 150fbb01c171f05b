package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallCommandLine(t *testing.T) {
	root := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(root, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("PATH", t.TempDir()) // no desktop-file or MIME cache programs to run
	for _, tc := range []struct {
		args      []string
		code      int
		out, err  string
		installed bool // the desktop file exists afterwards
	}{
		{[]string{"install", "extra"}, exitUsage, "", "cmocoder: expected install (no arguments)\n(see cmocoder help)\n", false},
		{[]string{"install", "--force"}, exitUsage, "", "", false},
		{[]string{"install"}, exitOK, "Double-clicking a .cmoproj file now opens it in cmocoder (", "", true},
		{[]string{"uninstall", "x"}, exitUsage, "", "cmocoder: expected uninstall (no arguments)\n(see cmocoder help)\n", true},
		{[]string{"uninstall"}, exitOK, ".cmoproj files are no longer opened in cmocoder by a double click.\n", "", false},
	} {
		var out, errb bytes.Buffer
		code := Run(tc.args, &out, &errb)
		if code != tc.code || !strings.HasPrefix(out.String(), tc.out) || (tc.err != "" && errb.String() != tc.err) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out.String(), errb.String())
		}
		if code == exitOK && (strings.Count(out.String(), "\n") != 1 || errb.Len() != 0) {
			t.Errorf("%v: stdout %q, stderr %q: want one line and no message", tc.args, out.String(), errb.String())
		}
		_, err := os.Stat(filepath.Join(root, "data/applications", "org.cmocoder.app.desktop"))
		if (err == nil) != tc.installed {
			t.Errorf("after %v the desktop file exists: %v", tc.args, err == nil)
		}
	}
	// A folder that cannot be written: exit 1, one line on stderr.
	blocker := filepath.Join(root, "file")
	os.WriteFile(blocker, nil, 0o644)
	t.Setenv("XDG_DATA_HOME", blocker)
	var out, errb bytes.Buffer
	if code := Run([]string{"install"}, &out, &errb); code != exitError || out.Len() != 0 ||
		!strings.HasPrefix(errb.String(), "cmocoder: install: ") || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("install into a file: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	if !strings.Contains(usageText, "cmocoder install") || !strings.Contains(usageText, "cmocoder uninstall") {
		t.Error("help does not list install and uninstall")
	}
}
