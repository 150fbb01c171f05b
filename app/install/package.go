package install

import (
	"path/filepath"
	"strconv"
)

// DataFile is one file a package installs for every user under a data
// folder (/usr/share for the Debian package, share/ of the portable
// archive): Path is relative to that folder.
type DataFile struct {
	Path string
	Data []byte
}

// PackageFiles are the files that make .cmoproj files open in the program
// at exe: the desktop entry, the MIME definition (by extension and by
// content) and the 256×256 icon. They are the very files `cmocoder install`
// writes per user, so a package and the verb cannot drift apart.
func PackageFiles(exe string) []DataFile {
	var files []DataFile
	for _, f := range xdgFiles(xdgDirs{}, exe) {
		files = append(files, DataFile{Path: filepath.ToSlash(f.path), Data: f.data})
	}
	return files
}

// IconPath is where the icon of size×size pixels goes under a data folder,
// in the hicolor theme that desktop entries and the MIME type name.
func IconPath(size int) string {
	s := strconv.Itoa(size)
	return "icons/hicolor/" + s + "x" + s + "/apps/" + iconName + ".png"
}

// RegistryEntry is one per-user registry value of the Windows file
// association: Key under HKEY_CURRENT_USER, Name "" for the key's default
// value, Value a string.
type RegistryEntry = regEntry

// WindowsAssociation is what `cmocoder install` writes on Windows for the
// program at exe, with the keys to remove on uninstall, deepest first.
// The Windows installer writes the same.
func WindowsAssociation(exe string) (entries []RegistryEntry, removeKeys []string) {
	entries = windowsAssociation(exe)
	return entries, windowsKeysToRemove(entries)
}
