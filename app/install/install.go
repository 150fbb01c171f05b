// Package install makes cmocoder the program that opens .cmoproj files
// (the install and uninstall verbs, Help ▸ Open .cmoproj files with
// cmocoder). It imports no GUI toolkit.
package install

// The file association: after `cmocoder install` (or Help ▸ the menu item
// that calls RegisterFileType) a double click on a .cmoproj file in the
// file manager opens it in cmocoder. Registration is per user and needs no
// administrator rights: freedesktop.org files under the user's XDG folders
// on Linux and the BSDs (install_other.go), HKEY_CURRENT_USER\Software\Classes
// on Windows (install_windows.go). What is written is built here, by pure
// functions, so it is tested on every system.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"cmocoder.org/cmocoder/assets"
)

// AppID identifies cmocoder to the desktop and to Fyne (preferences,
// single-instance data).
const AppID = "org.cmocoder.app"

// The names the association is registered under.
const (
	projectExt      = ".cmoproj"
	projectMIME     = "application/x-cmoproj"
	desktopFileName = AppID + ".desktop" // org.cmocoder.app.desktop
	iconName        = AppID              // org.cmocoder.app
	mimePackageName = "cmocoder.xml"
	windowsProgID   = "cmocoder.project"
	windowClass     = "cmocoder" // the main window's X11 WM_CLASS (gui.go)
	projectTypeName = "cmocoder project"
)

// RegisterFileType makes a double click on a .cmoproj file open it in this
// cmocoder, for the current user, and says in one line what it did.
func RegisterFileType() (string, error) {
	exe, err := executablePath()
	if err != nil {
		return "", err
	}
	if err := registerFileType(exe); err != nil {
		return "", err
	}
	return fmt.Sprintf("Double-clicking a %s file now opens it in cmocoder (%s).", projectExt, exe), nil
}

// UnregisterFileType removes what RegisterFileType wrote and says in one
// line what it did.
func UnregisterFileType() (string, error) {
	if err := unregisterFileType(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s files are no longer opened in cmocoder by a double click.", projectExt), nil
}

// executablePath is the absolute path of the running program, with
// symbolic links resolved, so that the association survives a changed link.
func executablePath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find the cmocoder program: %w", err)
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	return filepath.Abs(exe)
}

// ---- freedesktop.org (Linux, the BSDs) ----

// xdgDirs are the user's base directories of the XDG Base Directory
// specification.
type xdgDirs struct {
	data   string // $XDG_DATA_HOME, default ~/.local/share
	config string // $XDG_CONFIG_HOME, default ~/.config
}

// userXDGDirs reads the XDG variables; a relative path in one is ignored,
// as the specification says.
func userXDGDirs() (xdgDirs, error) {
	home, herr := os.UserHomeDir()
	dir := func(env, def string) (string, error) {
		if v := os.Getenv(env); filepath.IsAbs(v) {
			return filepath.Clean(v), nil
		}
		if herr != nil {
			return "", fmt.Errorf("cannot find the home folder for %s: %w", env, herr)
		}
		return filepath.Join(home, def), nil
	}
	data, err := dir("XDG_DATA_HOME", filepath.Join(".local", "share"))
	if err != nil {
		return xdgDirs{}, err
	}
	config, err := dir("XDG_CONFIG_HOME", ".config")
	if err != nil {
		return xdgDirs{}, err
	}
	return xdgDirs{data: data, config: config}, nil
}

func (d xdgDirs) desktopFile() string {
	return filepath.Join(d.data, "applications", desktopFileName)
}
func (d xdgDirs) mimePackage() string {
	return filepath.Join(d.data, "mime", "packages", mimePackageName)
}
func (d xdgDirs) iconFile() string {
	return filepath.Join(d.data, "icons", "hicolor", "256x256", "apps", iconName+".png")
}
func (d xdgDirs) mimeappsList() string { return filepath.Join(d.config, "mimeapps.list") }

// desktopExecArg quotes one argument of a desktop entry's Exec key: in
// double quotes, with ", `, $ and \ escaped by a backslash, and % doubled
// (Desktop Entry Specification, "The Exec key").
func desktopExecArg(arg string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range arg {
		switch r {
		case '"', '`', '$', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '%':
			b.WriteString("%%")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// desktopString escapes a value of type string of a desktop entry, which
// is read back with \\, \n, \t, \r and \s unescaped.
func desktopString(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}

// desktopEntry is the desktop file that launches exe on a project. Its
// StartupWMClass is the window's class: GLFW names it after the window's
// first title, and RunApp shows the window as "cmocoder" before it opens
// a project. It has one main category, Office as reference managers do,
// so that a menu lists it once (desktop-file-validate hints otherwise).
func desktopEntry(exe string) string {
	lines := []string{
		"[Desktop Entry]",
		"Type=Application",
		"Version=1.4",
		"Name=cmocoder",
		"GenericName=Realist review coding",
		"Comment=Code realist-review evidence in PDFs and build CMO configurations",
		"Exec=" + desktopString(desktopExecArg(exe)+" %f"),
		"Icon=" + iconName,
		"Terminal=false",
		"Categories=Office;",
		"MimeType=" + projectMIME + ";",
		"Keywords=realist;review;CMO;CMOC;qualitative;coding;PDF;",
		"StartupWMClass=" + windowClass,
	}
	return strings.Join(lines, "\n") + "\n"
}

// mimeInfo is the shared-mime-info package that defines the project type:
// by its extension, and by its content — an SQLite database (header
// "SQLite format 3\0") whose application_id, the 4 bytes at offset 68, is
// "CMOC" — so a project renamed without its extension is still known.
// Its magic outranks plain SQLite's (priority 50).
func mimeInfo() string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="` + projectMIME + `">
    <comment>` + projectTypeName + `</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <icon name="` + iconName + `"/>
    <glob pattern="*` + projectExt + `"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3\000">
        <match type="string" offset="68" value="CMOC"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
`
}

const defaultAppsSection = "[Default Applications]"

// defaultAppLine is the mimeapps.list line that makes cmocoder the default.
const defaultAppLine = projectMIME + "=" + desktopFileName

// setDefaultApp returns a mimeapps.list with cmocoder as the default
// application of the project type (set) or without that line (!set). Every
// other line stays as it was; the project type's other entries in
// [Default Applications] are replaced when setting, and left when
// removing (the user chose another application since). A file that held
// nothing else comes back empty.
func setDefaultApp(list []byte, set bool) []byte {
	text := strings.ReplaceAll(string(list), "\r\n", "\n")
	var lines []string
	if text != "" {
		lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	var out []string
	inDefaults, sawSection, placed := false, false, false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[") {
			if inDefaults && set && !placed {
				out = appendBeforeBlank(out, defaultAppLine)
				placed = true
			}
			inDefaults = trimmed == defaultAppsSection
			sawSection = sawSection || inDefaults
			out = append(out, line)
			continue
		}
		if inDefaults {
			key, value, ok := strings.Cut(trimmed, "=")
			if ok && strings.TrimSpace(key) == projectMIME {
				if set {
					if !placed {
						out = append(out, defaultAppLine)
						placed = true
					}
					continue
				}
				if strings.TrimSuffix(strings.TrimSpace(value), ";") == desktopFileName {
					continue
				}
			}
		}
		out = append(out, line)
	}
	if set && !placed {
		if inDefaults {
			out = appendBeforeBlank(out, defaultAppLine)
		} else {
			if !sawSection && len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "" {
				out = append(out, "")
			}
			out = append(out, defaultAppsSection, defaultAppLine)
		}
	}
	if !set {
		// A file that held only our line goes away with it.
		rest := ""
		for _, l := range out {
			if t := strings.TrimSpace(l); t != "" && t != defaultAppsSection {
				rest = t
				break
			}
		}
		if rest == "" {
			return nil
		}
	}
	if len(out) == 0 {
		return nil
	}
	return []byte(strings.Join(out, "\n") + "\n")
}

// appendBeforeBlank adds line at the end of a section, before the blank
// lines that separate it from the next one.
func appendBeforeBlank(out []string, line string) []string {
	i := len(out)
	for i > 0 && strings.TrimSpace(out[i-1]) == "" {
		i--
	}
	return append(out[:i], append([]string{line}, out[i:]...)...)
}

// writeInstallFile writes data to path through a temporary file in the
// same folder and a rename, so a reader never sees half a file; the
// folders are created as needed.
func writeInstallFile(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// updateMimeapps rewrites mimeapps.list with setDefaultApp, keeping its
// permissions; a symbolic link (a dotfiles repository) is followed, not
// replaced.
func updateMimeapps(path string, set bool) error {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	exists := err == nil
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	updated := setDefaultApp(old, set)
	switch {
	case exists && bytes.Equal(old, updated):
		return nil
	case updated == nil:
		if exists {
			return os.Remove(path)
		}
		return nil
	}
	return writeInstallFile(path, updated, perm)
}

// xdgFiles are the files the XDG registration writes, with their content.
func xdgFiles(d xdgDirs, exe string) []struct {
	path string
	data []byte
} {
	return []struct {
		path string
		data []byte
	}{
		{d.mimePackage(), []byte(mimeInfo())},
		{d.iconFile(), assets.Icon},
		{d.desktopFile(), []byte(desktopEntry(exe))},
	}
}

// installXDG writes the desktop entry, the MIME type and the icon, makes
// cmocoder the default application of the type, and refreshes the caches.
func installXDG(d xdgDirs, exe string) error {
	if strings.ContainsAny(exe, "\n\r") {
		return fmt.Errorf("the path of the cmocoder program %q has a line break; a desktop entry cannot launch it", exe)
	}
	for _, f := range xdgFiles(d, exe) {
		if err := writeInstallFile(f.path, f.data, 0o644); err != nil {
			return err
		}
	}
	if err := updateMimeapps(d.mimeappsList(), true); err != nil {
		return err
	}
	return refreshXDG(d)
}

// uninstallXDG removes exactly what installXDG wrote, and the default
// application line, then refreshes the caches.
func uninstallXDG(d xdgDirs) error {
	for _, f := range xdgFiles(d, "") {
		if err := os.Remove(f.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := updateMimeapps(d.mimeappsList(), false); err != nil {
		return err
	}
	return refreshXDG(d)
}

// lookPath finds the cache programs; tests replace it.
var lookPath = exec.LookPath

// refreshXDG rebuilds the user's MIME database and desktop-entry cache
// with the freedesktop.org programs, where they are installed.
func refreshXDG(d xdgDirs) error {
	for _, c := range [][]string{
		{"update-mime-database", filepath.Join(d.data, "mime")},
		{"update-desktop-database", filepath.Join(d.data, "applications")},
	} {
		prog, err := lookPath(c[0])
		if err != nil {
			continue // not installed: the file manager reads the files itself
		}
		if err := os.MkdirAll(c[1], 0o755); err != nil {
			return err
		}
		out, err := exec.Command(prog, c[1:]...).CombinedOutput()
		if err != nil {
			msg := strings.Join(strings.Fields(string(out)), " ")
			if msg != "" {
				return fmt.Errorf("%s %s: %v: %s", c[0], c[1], err, msg)
			}
			return fmt.Errorf("%s %s: %v", c[0], c[1], err)
		}
	}
	return nil
}

// ---- Windows ----

// regEntry is one registry value under HKEY_CURRENT_USER: Name "" is the
// key's default value. All are strings (REG_SZ).
type regEntry struct {
	Key, Name, Value string
}

// classesKey is where per-user file associations live.
const classesKey = `Software\Classes`

// windowsAssociation is what RegisterFileType writes on Windows: the
// extension's ProgID, its name, icon and open command.
func windowsAssociation(exe string) []regEntry {
	q := `"` + exe + `"`
	progID := classesKey + `\` + windowsProgID
	return []regEntry{
		{classesKey + `\` + projectExt, "", windowsProgID},
		{progID, "", projectTypeName},
		{progID + `\DefaultIcon`, "", q + ",0"},
		{progID + `\shell\open\command`, "", q + ` "%1"`},
	}
}

// windowsKeysToRemove lists the keys windowsAssociation creates, those made
// on the way included (shell, shell\open), deepest first, so that each is
// empty when its turn comes. Software\Classes itself is never removed.
func windowsKeysToRemove(entries []regEntry) []string {
	seen := map[string]bool{}
	var keys []string
	for _, e := range entries {
		for k := e.Key; len(k) > len(classesKey) && strings.HasPrefix(k, classesKey+`\`); k = k[:strings.LastIndex(k, `\`)] {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	// Deepest first (a stable sort: among equals, the order of mention).
	depth := func(k string) int { return strings.Count(k, `\`) }
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && depth(keys[j]) > depth(keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
