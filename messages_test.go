package main

// Messages of issue 13: each refusal is one line that says what is wrong
// where the person can fix it, exit 1, and the project unchanged.

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/internal/testfiles"
)

// nobody is the user a root test runs the binary as, so that file
// permissions hold (root's writes ignore them).
const nobody = 65534

// runAs runs the binary as a user that permissions apply to: as nobody
// (through setpriv) when the test runs as root, else as the test's user.
// The binary is copied into dir, which nobody can reach.
func runAs(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if os.Geteuid() != 0 {
		return run(t, args...)
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root without setpriv: permissions cannot be tested")
	}
	exe := filepath.Join(dir, "cmocoder")
	if _, err := os.Stat(exe); err != nil {
		testfiles.CopyMode(t, bin, exe, 0o755)
	}
	cmd := exec.Command(setpriv, append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", exe}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "CMOCODER_CODER=tester", "LANG=C.UTF-8", "HOME="+dir)
	code, err := exitCode(cmd.Run())
	if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// readOnlyFolder is a folder the binary (as runAs runs it) cannot create
// files in, holding a copy of project that it can write, and a codebook
// to import; it returns the folder and the project's copy. For root, it
// is made outside t.TempDir (whose parent only root can enter).
func readOnlyFolder(t *testing.T, project string) (dir, p string) {
	t.Helper()
	base, err := os.MkdirTemp("", "cmocoder-ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(filepath.Join(base, "folder"), 0o755)
		os.RemoveAll(base)
	})
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(base, "folder")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p = filepath.Join(dir, "review.cmoproj")
	testfiles.Copy(t, project, p)
	testfiles.Copy(t, filepath.Join(refiSamples, "taguette-1.4.1-codebook.qdc"), filepath.Join(base, "codebook.qdc"))
	if os.Geteuid() == 0 {
		for _, f := range []string{dir, p} {
			if err := os.Chown(f, nobody, nobody); err != nil {
				t.Skipf("cannot give the folder to nobody: %v", err)
			}
		}
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	return dir, p
}

// symlinkQdpx is a .qdpx whose PDF source's file is a symbolic link entry
// (to /etc/passwd), as a ZIP made on Unix can hold.
func symlinkQdpx(t *testing.T, path string) {
	t.Helper()
	const guid = "a0000000-0000-4000-8000-000000000001"
	writeZipWith(t, path, func(zw *zip.Writer) error {
		w, _ := zw.Create("project.qde")
		io.WriteString(w, `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><PDFSource guid="`+guid+`" name="Study" path="internal://`+guid+`.pdf"/></Sources></Project>`)
		h := &zip.FileHeader{Name: "sources/" + guid + ".pdf"}
		h.SetMode(fs.ModeSymlink | 0o777)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, "/etc/passwd")
		return err
	})
}

// TestRefusalMessages: a read-only folder holding a writable project, a
// position beyond 64 bits, a symbolic link in a .qdpx and `new` on a
// folder each get one line that names the real cause.
func TestRefusalMessages(t *testing.T) {
	dir := t.TempDir()
	p := newProject(t)
	doc := "anything" // the offsets are refused before the document is looked for
	symlinked := filepath.Join(dir, "linked.qdpx")
	symlinkQdpx(t, symlinked)
	folder := filepath.Join(dir, "reviews")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	roDir, roProject := readOnlyFolder(t, p)

	for _, c := range []struct {
		name    string
		run     func() result
		project string // the file that must not change
		want    string // the whole line, but for its tail after wantEnd
	}{
		{"a read-only folder", func() result {
			return runAs(t, filepath.Dir(roDir), "import", roProject, filepath.Join(filepath.Dir(roDir), "codebook.qdc"))
		}, roProject,
			"cmocoder: import: cannot save " + roProject + ": its folder " + roDir + " is read-only (SQLite needs to create its journal file there)"},
		{"START beyond 64 bits", func() result { return run(t, "code", p, doc, "99999999999999999999", "5", "--role", "context") }, p,
			"cmocoder: code: START 99999999999999999999 is not a valid position: positions count the characters of the text from 0"},
		{"END beyond 64 bits", func() result { return run(t, "code", p, doc, "5", "184467440737095516160") }, p,
			"cmocoder: code: END 184467440737095516160 is not a valid position: positions count the characters of the text from 0"},
		{"a symbolic link in a .qdpx", func() result { return run(t, "import", p, symlinked) }, p,
			`cmocoder: import: linked.qdpx: not read: its entry "sources/a0000000-0000-4000-8000-000000000001.pdf" is a symbolic link, and a .qdpx holds only files`},
		{"new on a folder", func() result { return run(t, "new", folder) }, "",
			"cmocoder: new: " + folder + ": is a folder; give the new project file's name, such as " + filepath.Join(folder, "review.cmoproj")},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before [32]byte
			if c.project != "" {
				before = fileSum(t, c.project)
			}
			r := c.run()
			if r.code != 1 || r.stdout != "" || r.stderr != c.want+"\n" {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant exit 1 and %q", r.code, r.stdout, r.stderr, c.want)
			}
			if c.project != "" && fileSum(t, c.project) != before {
				t.Error("the project changed")
			}
		})
	}
	if entries, err := os.ReadDir(folder); err != nil || len(entries) != 0 {
		t.Errorf("new on a folder left %v (%v) in it", entries, err)
	}
	if entries, _ := os.ReadDir(roDir); len(entries) != 1 || strings.HasSuffix(entries[0].Name(), "-journal") {
		t.Errorf("the read-only folder holds %v", entries)
	}
}
