package install

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/assets"
	"cmocoder.org/cmocoder/storage"
)

// unquoteExec reads an Exec value back as a launcher does: the string
// escapes first (\\ \s \n \t \r), then the arguments, double-quoted ones
// with \" \` \$ \\ escaped, and %% for a literal %.
func unquoteExec(t *testing.T, value string) []string {
	t.Helper()
	var s strings.Builder
	for i := 0; i < len(value); i++ {
		if value[i] == '\\' && i+1 < len(value) {
			i++
			switch value[i] {
			case 's':
				s.WriteByte(' ')
			case 'n':
				s.WriteByte('\n')
			case 't':
				s.WriteByte('\t')
			case 'r':
				s.WriteByte('\r')
			case '\\':
				s.WriteByte('\\')
			default:
				t.Fatalf("unknown string escape \\%c in %q", value[i], value)
			}
			continue
		}
		s.WriteByte(value[i])
	}
	line := s.String()
	var args []string
	var cur strings.Builder
	inArg, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '\\':
			i++
			if i == len(line) || !strings.ContainsRune("\"`$\\", rune(line[i])) {
				t.Fatalf("bad escape in quoted argument of %q", line)
			}
			cur.WriteByte(line[i])
		case quoted && c == '"':
			quoted = false
		case c == '"':
			quoted, inArg = true, true
		case !quoted && c == ' ':
			if inArg {
				args = append(args, cur.String())
				cur.Reset()
				inArg = false
			}
		case !quoted && strings.ContainsRune("\"`$\\'><~|&;*?#()", rune(c)):
			t.Fatalf("reserved character %q unquoted in %q", c, line)
		case c == '%':
			i++
			if i == len(line) {
				t.Fatalf("lone %% at the end of %q", line)
			}
			if line[i] == '%' {
				cur.WriteByte('%')
			} else {
				cur.WriteString("%" + string(line[i]))
			}
			inArg = true
		default:
			cur.WriteByte(c)
			inArg = true
		}
	}
	if quoted {
		t.Fatalf("unterminated quote in %q", line)
	}
	if inArg {
		args = append(args, cur.String())
	}
	return args
}

// desktopKeys parses a desktop entry's [Desktop Entry] group.
func desktopKeys(t *testing.T, entry string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(entry, "\n"), "\n")
	if lines[0] != "[Desktop Entry]" {
		t.Fatalf("desktop entry starts with %q", lines[0])
	}
	keys := map[string]string{}
	for _, l := range lines[1:] {
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			t.Fatalf("line %q is not KEY=VALUE", l)
		}
		if _, dup := keys[k]; dup {
			t.Fatalf("key %s twice", k)
		}
		keys[k] = v
	}
	return keys
}

func TestInstallDesktopEntry(t *testing.T) {
	for _, tc := range []struct {
		exe, exec string
	}{
		{"/usr/local/bin/cmocoder", `"/usr/local/bin/cmocoder" %f`},
		{"/home/ana/My Programs/cmocoder", `"/home/ana/My Programs/cmocoder" %f`},
		{"/opt/50% off/cmocoder", `"/opt/50%% off/cmocoder" %f`},
		{`/tmp/a$b` + "`c" + `"d\e/cmocoder`, `"/tmp/a\\$b\\` + "`c" + `\\"d\\\\e/cmocoder" %f`},
		{"/home/zoë/Programme/cmocoder", `"/home/zoë/Programme/cmocoder" %f`},
	} {
		t.Run(tc.exe, func(t *testing.T) {
			keys := desktopKeys(t, desktopEntry(tc.exe))
			if keys["Exec"] != tc.exec {
				t.Errorf("Exec=%s, want %s", keys["Exec"], tc.exec)
			}
			if got := unquoteExec(t, keys["Exec"]); len(got) != 2 || got[0] != tc.exe || got[1] != "%f" {
				t.Errorf("Exec reads back as %q, want [%q %%f]", got, tc.exe)
			}
			for k, want := range map[string]string{
				"Type": "Application", "Name": "cmocoder", "Icon": "org.cmocoder.app", "Terminal": "false",
				"Categories": "Office;", "MimeType": "application/x-cmoproj;",
				"StartupWMClass": "cmocoder",
			} {
				if keys[k] != want {
					t.Errorf("%s=%q, want %q", k, keys[k], want)
				}
			}
			for _, k := range []string{"GenericName", "Comment"} {
				if keys[k] == "" {
					t.Errorf("no %s", k)
				}
			}
		})
	}
	// desktop-file-validate, where installed, finds no error.
	if _, err := exec.LookPath("desktop-file-validate"); err == nil {
		path := filepath.Join(t.TempDir(), desktopFileName)
		os.WriteFile(path, []byte(desktopEntry("/home/ana/My Programs/cmocoder")), 0o644)
		out, err := exec.Command("desktop-file-validate", path).CombinedOutput()
		if err != nil || bytes.Contains(out, []byte("error:")) {
			t.Errorf("desktop-file-validate: %v\n%s", err, out)
		}
	}
}

// mimeInfoXML is the part of shared-mime-info's format the test reads.
type mimeInfoXML struct {
	XMLName xml.Name `xml:"http://www.freedesktop.org/standards/shared-mime-info mime-info"`
	Types   []struct {
		Type     string `xml:"type,attr"`
		Comment  string `xml:"comment"`
		SubClass []struct {
			Type string `xml:"type,attr"`
		} `xml:"sub-class-of"`
		Icon struct {
			Name string `xml:"name,attr"`
		} `xml:"icon"`
		Globs []struct {
			Pattern string `xml:"pattern,attr"`
		} `xml:"glob"`
		Magic []struct {
			Priority int          `xml:"priority,attr"`
			Matches  []magicMatch `xml:"match"`
		} `xml:"magic"`
	} `xml:"mime-type"`
}

type magicMatch struct {
	Type    string       `xml:"type,attr"`
	Offset  string       `xml:"offset,attr"`
	Value   string       `xml:"value,attr"`
	Matches []magicMatch `xml:"match"`
}

// magicValue decodes the escapes of a string match (\\, \NNN octal).
func magicValue(t *testing.T, v string) []byte {
	t.Helper()
	var b []byte
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' {
			b = append(b, v[i])
			continue
		}
		if i+3 < len(v) && strings.Trim(v[i+1:i+4], "01234567") == "" {
			n := (v[i+1]-'0')*64 + (v[i+2]-'0')*8 + (v[i+3] - '0')
			b = append(b, n)
			i += 3
			continue
		}
		t.Fatalf("escape in magic value %q not handled by the test", v)
	}
	return b
}

func TestInstallMimeXML(t *testing.T) {
	var info mimeInfoXML
	if err := xml.Unmarshal([]byte(mimeInfo()), &info); err != nil {
		t.Fatal(err)
	}
	if len(info.Types) != 1 {
		t.Fatalf("%d mime types", len(info.Types))
	}
	mt := info.Types[0]
	if mt.Type != "application/x-cmoproj" || mt.Comment != "cmocoder project" || mt.Icon.Name != "org.cmocoder.app" {
		t.Errorf("type %q, comment %q, icon %q", mt.Type, mt.Comment, mt.Icon.Name)
	}
	if len(mt.Globs) != 1 || mt.Globs[0].Pattern != "*.cmoproj" {
		t.Errorf("globs %+v", mt.Globs)
	}
	if len(mt.SubClass) != 1 || mt.SubClass[0].Type != "application/vnd.sqlite3" {
		t.Errorf("sub-class-of %+v", mt.SubClass)
	}
	if len(mt.Magic) != 1 || mt.Magic[0].Priority <= 50 || len(mt.Magic[0].Matches) != 1 {
		t.Fatalf("magic %+v: want one rule above SQLite's priority 50", mt.Magic)
	}
	outer := mt.Magic[0].Matches[0]
	if outer.Type != "string" || outer.Offset != "0" || len(outer.Matches) != 1 {
		t.Fatalf("outer match %+v", outer)
	}
	inner := outer.Matches[0]
	if inner.Type != "string" || inner.Offset != "68" || inner.Value != "CMOC" || len(inner.Matches) != 0 {
		t.Fatalf("inner match %+v", inner)
	}
	// The rule recognises a real project, and only as a whole: plain SQLite
	// files fail the nested match.
	project := filepath.Join(t.TempDir(), "p.cmoproj")
	p, err := storage.Create(project, "T", "tester")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	head, err := os.ReadFile(project)
	if err != nil {
		t.Fatal(err)
	}
	want := magicValue(t, outer.Value)
	if string(want) != "SQLite format 3\x00" || !bytes.HasPrefix(head, want) {
		t.Errorf("outer value %q; the project starts %q", want, head[:16])
	}
	if string(head[68:72]) != inner.Value {
		t.Errorf("application_id bytes %q, the rule wants %q", head[68:72], inner.Value)
	}
}

func TestInstallMimeappsList(t *testing.T) {
	const ours = "application/x-cmoproj=org.cmocoder.app.desktop"
	others := "# my choices\n[Added Associations]\ntext/plain=gedit.desktop;\n\n[Default Applications]\ntext/html=firefox.desktop\napplication/pdf=org.gnome.Evince.desktop\n\n[Removed Associations]\nimage/png=gimp.desktop;\n"
	for _, tc := range []struct {
		name, before, installed, uninstalled string
		exists                               bool // the file exists after uninstall
	}{
		{name: "no file", before: "",
			installed: "[Default Applications]\n" + ours + "\n", uninstalled: "", exists: false},
		{name: "other sections and entries", before: others,
			installed:   "# my choices\n[Added Associations]\ntext/plain=gedit.desktop;\n\n[Default Applications]\ntext/html=firefox.desktop\napplication/pdf=org.gnome.Evince.desktop\n" + ours + "\n\n[Removed Associations]\nimage/png=gimp.desktop;\n",
			uninstalled: others, exists: true},
		{name: "no default section", before: "[Added Associations]\ntext/plain=gedit.desktop;\n",
			installed:   "[Added Associations]\ntext/plain=gedit.desktop;\n\n[Default Applications]\n" + ours + "\n",
			uninstalled: "[Added Associations]\ntext/plain=gedit.desktop;\n\n[Default Applications]\n", exists: true},
		{name: "another default for the type", before: "[Default Applications]\napplication/x-cmoproj=sqlitebrowser.desktop\ntext/html=firefox.desktop\n",
			installed:   "[Default Applications]\n" + ours + "\ntext/html=firefox.desktop\n",
			uninstalled: "[Default Applications]\ntext/html=firefox.desktop\n", exists: true},
		{name: "the same key in another section", before: "[Added Associations]\napplication/x-cmoproj=org.cmocoder.app.desktop;\n[Default Applications]\n",
			installed:   "[Added Associations]\napplication/x-cmoproj=org.cmocoder.app.desktop;\n[Default Applications]\n" + ours + "\n",
			uninstalled: "[Added Associations]\napplication/x-cmoproj=org.cmocoder.app.desktop;\n[Default Applications]\n", exists: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "mimeapps.list")
			if tc.before != "" {
				if err := os.WriteFile(path, []byte(tc.before), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			read := func() string {
				b, err := os.ReadFile(path)
				if err != nil && !errors.Is(err, os.ErrNotExist) {
					t.Fatal(err)
				}
				return string(b)
			}
			for run := 1; run <= 2; run++ { // the second run changes nothing
				if err := updateMimeapps(path, true); err != nil {
					t.Fatal(err)
				}
				if got := read(); got != tc.installed {
					t.Errorf("install run %d:\n%s\nwant:\n%s", run, got, tc.installed)
				}
			}
			if tc.before != "" {
				if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want the file's own 0600", fi.Mode().Perm())
				}
			}
			for run := 1; run <= 2; run++ {
				if err := updateMimeapps(path, false); err != nil {
					t.Fatal(err)
				}
				if got := read(); got != tc.uninstalled {
					t.Errorf("uninstall run %d:\n%s\nwant:\n%s", run, got, tc.uninstalled)
				}
				if _, err := os.Stat(path); (err == nil) != tc.exists {
					t.Errorf("uninstall run %d: file exists %v, want %v", run, err == nil, tc.exists)
				}
			}
			if ents, _ := os.ReadDir(dir); len(ents) > 1 || (len(ents) == 1 && ents[0].Name() != "mimeapps.list") {
				t.Errorf("left in the folder: %v", ents)
			}
		})
	}

	// A mimeapps.list that is a link into a dotfiles folder stays a link.
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "mimeapps.list")
	os.MkdirAll(filepath.Dir(target), 0o755)
	os.WriteFile(target, []byte(others), 0o644)
	link := filepath.Join(dir, "mimeapps.list")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := updateMimeapps(link, true); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(target); !strings.Contains(string(b), ours) {
		t.Errorf("the link's target was not updated:\n%s", b)
	}
}

func TestInstallXDGFiles(t *testing.T) {
	root := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(root, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	var ran []string
	defer func(old func(string) (string, error)) { lookPath = old }(lookPath)
	lookPath = func(name string) (string, error) {
		ran = append(ran, name)
		return "", exec.ErrNotFound // not installed: skipped without error
	}
	d, err := userXDGDirs()
	if err != nil {
		t.Fatal(err)
	}
	if d.data != filepath.Join(root, "data") || d.config != filepath.Join(root, "config") {
		t.Fatalf("dirs %+v", d)
	}
	others := "[Default Applications]\ntext/html=firefox.desktop\n"
	os.MkdirAll(d.config, 0o755)
	os.WriteFile(d.mimeappsList(), []byte(others), 0o644)

	exe := "/home/ana/My Programs/cmocoder"
	if err := installXDG(d, exe); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ran, " ") != "update-mime-database update-desktop-database" {
		t.Errorf("looked for %q", ran)
	}
	for _, f := range []struct{ path, want string }{
		{filepath.Join(root, "data/applications/org.cmocoder.app.desktop"), desktopEntry(exe)},
		{filepath.Join(root, "data/mime/packages/cmocoder.xml"), mimeInfo()},
		{filepath.Join(root, "data/icons/hicolor/256x256/apps/org.cmocoder.app.png"), string(assets.Icon)},
		{filepath.Join(root, "config/mimeapps.list"), others + "application/x-cmoproj=org.cmocoder.app.desktop\n"},
	} {
		b, err := os.ReadFile(f.path)
		if err != nil {
			t.Error(err)
			continue
		}
		if string(b) != f.want {
			t.Errorf("%s holds\n%.300s\nwant\n%.300s", f.path, b, f.want)
		}
	}
	img, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil || img.Bounds().Dx() != 256 || img.Bounds().Dy() != 256 {
		t.Errorf("the icon is not a 256×256 PNG: %v", err)
	}
	// No temporary file is left beside the files.
	filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if strings.Contains(filepath.Base(p), ".tmp") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})

	if err := uninstallXDG(d); err != nil {
		t.Fatal(err)
	}
	var left []string
	filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if !e.IsDir() {
			left = append(left, strings.TrimPrefix(p, root))
		}
		return nil
	})
	if strings.Join(left, " ") != "/config/mimeapps.list" {
		t.Errorf("after uninstall: %v", left)
	}
	if b, _ := os.ReadFile(d.mimeappsList()); string(b) != others {
		t.Errorf("mimeapps.list after uninstall:\n%s", b)
	}
	// Uninstalling twice is fine.
	if err := uninstallXDG(d); err != nil {
		t.Error(err)
	}

	// A failing cache program is an error with its output in one line.
	script := filepath.Join(root, "fail.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho 'bad thing'\necho 'second line' >&2\nexit 3\n"), 0o755)
	lookPath = func(name string) (string, error) { return script, nil }
	err = installXDG(d, exe)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "update-mime-database") ||
		!strings.Contains(err.Error(), "bad thing second line") {
		t.Errorf("error %q", err)
	}
}

func TestInstallUserXDGDirs(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, tc := range []struct{ data, config, wantData, wantConfig string }{
		{"", "", filepath.Join(home, ".local/share"), filepath.Join(home, ".config")},
		{"relative/data", "relative/config", filepath.Join(home, ".local/share"), filepath.Join(home, ".config")},
		{"/srv/data/", "/srv/config", "/srv/data", "/srv/config"},
	} {
		t.Setenv("XDG_DATA_HOME", tc.data)
		t.Setenv("XDG_CONFIG_HOME", tc.config)
		d, err := userXDGDirs()
		if err != nil || d.data != tc.wantData || d.config != tc.wantConfig {
			t.Errorf("XDG_DATA_HOME=%q XDG_CONFIG_HOME=%q: %+v %v", tc.data, tc.config, d, err)
		}
	}
}

func TestInstallWindowsAssociation(t *testing.T) {
	exe := `C:\Users\Ana Lima\AppData\Local\Programs\cmocoder\cmocoder.exe`
	want := []regEntry{
		{`Software\Classes\.cmoproj`, "", "cmocoder.project"},
		{`Software\Classes\cmocoder.project`, "", "cmocoder project"},
		{`Software\Classes\cmocoder.project\DefaultIcon`, "", `"C:\Users\Ana Lima\AppData\Local\Programs\cmocoder\cmocoder.exe",0`},
		{`Software\Classes\cmocoder.project\shell\open\command`, "", `"C:\Users\Ana Lima\AppData\Local\Programs\cmocoder\cmocoder.exe" "%1"`},
	}
	got := windowsAssociation(exe)
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	keys := windowsKeysToRemove(got)
	wantKeys := []string{
		`Software\Classes\cmocoder.project\shell\open\command`,
		`Software\Classes\cmocoder.project\shell\open`,
		`Software\Classes\cmocoder.project\DefaultIcon`,
		`Software\Classes\cmocoder.project\shell`,
		`Software\Classes\.cmoproj`,
		`Software\Classes\cmocoder.project`,
	}
	if strings.Join(keys, "|") != strings.Join(wantKeys, "|") {
		t.Errorf("keys to remove:\n%s\nwant\n%s", strings.Join(keys, "\n"), strings.Join(wantKeys, "\n"))
	}
}
