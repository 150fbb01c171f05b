// Package buildinfo says which cmocoder this is: its version, the commit
// it was built from and when it was built (cmocoder version, Help ▸ About).
//
// The version's one source is FyneApp.toml, which package main embeds and
// hands to SetManifest, so every build says it, `go build` and `go test`'s
// included. The commit and the date are set by the Makefile with
//
//	-ldflags "-X cmocoder.org/cmocoder/internal/buildinfo.Commit=… -X …Date=…"
//
// and otherwise read from what the Go toolchain records of the checkout.
package buildinfo

import (
	"bufio"
	"bytes"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// Set at build time with -ldflags -X (see the package comment).
var (
	Commit string // the commit's hash, short
	Date   string // the build date, 2006-01-02
)

var version = "dev"

// SetManifest takes the version from FyneApp.toml's [Details] Version.
// A manifest without one leaves the version as it was.
func SetManifest(fyneApp []byte) {
	if v := ManifestVersion(fyneApp); v != "" {
		version = v
	}
}

// ManifestVersion is the Version of FyneApp.toml's [Details] table, or ""
// when it has none. Only the few lines of that table are read, so no
// TOML library is needed.
func ManifestVersion(fyneApp []byte) string {
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(fyneApp))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[] ")
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || section != "Details" || strings.TrimSpace(key) != "Version" {
			continue
		}
		v, err := strconv.Unquote(strings.TrimSpace(value))
		if err != nil {
			return ""
		}
		return v
	}
	return ""
}

// Version is the program's version, "dev" when no manifest was set.
func Version() string { return version }

// Info is the version, the commit and the build date; the commit and the
// date fall back on what `go build` records of a git checkout, and are
// "unknown" when neither is there.
func Info() (ver, commit, date string) {
	commit, date = Commit, Date
	if commit == "" || date == "" {
		vcsCommit, vcsDate := vcsInfo()
		if commit == "" {
			commit = vcsCommit
		}
		if date == "" {
			date = vcsDate
		}
	}
	if commit == "" {
		commit = "unknown"
	}
	if date == "" {
		date = "unknown"
	}
	return version, commit, date
}

// Line is what `cmocoder version` prints:
// "cmocoder 0.1.0 (commit 1a2b3c4, built 2026-12-03)".
func Line() string {
	v, c, d := Info()
	return fmt.Sprintf("cmocoder %s (commit %s, built %s)", v, c, d)
}

// vcsInfo is the commit (short, "+dirty" when the tree had changes) and
// the commit's date that the Go toolchain stamped into the binary.
func vcsInfo() (commit, date string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "", ""
	}
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
			if len(commit) > 7 {
				commit = commit[:7]
			}
		case "vcs.time":
			date, _, _ = strings.Cut(s.Value, "T")
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if commit != "" && dirty {
		commit += "+dirty"
	}
	return commit, date
}
