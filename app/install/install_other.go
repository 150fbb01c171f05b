//go:build !windows

package install

import (
	"errors"
	"runtime"
)

// registerFileType registers exe for .cmoproj files in the user's
// freedesktop.org folders (install.go).
func registerFileType(exe string) error {
	if err := xdgSupported(); err != nil {
		return err
	}
	d, err := userXDGDirs()
	if err != nil {
		return err
	}
	return installXDG(d, exe)
}

func unregisterFileType() error {
	if err := xdgSupported(); err != nil {
		return err
	}
	d, err := userXDGDirs()
	if err != nil {
		return err
	}
	return uninstallXDG(d)
}

// xdgSupported says why this system has no freedesktop.org file
// associations, or nil when it has them (Linux, the BSDs, illumos).
func xdgSupported() error {
	switch runtime.GOOS {
	case "darwin", "ios":
		return errors.New("on macOS the file association comes with the app bundle (cmocoder.app); there is nothing to install")
	case "android", "js", "wasip1", "plan9":
		return errors.New("file associations cannot be installed on " + runtime.GOOS)
	}
	return nil
}
