package gui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// errNoImageClipboard says why an image could not be copied where the
// desktop offers no way to: Fyne's clipboard holds text only.
var errNoImageClipboard = errors.New("copying an image needs wl-copy (Wayland) or xclip (X11); install one, or use Save as…")

// copyPNG puts a PNG image on the desktop's clipboard, through the tool
// the desktop has for it: wl-copy on Wayland, xclip on X11, PowerShell's
// Windows Forms clipboard on Windows. Fyne's own clipboard takes text only.
func copyPNG(png []byte) error {
	if runtime.GOOS == "windows" {
		return copyPNGWindows(png)
	}
	var cmd *exec.Cmd
	switch {
	case os.Getenv("WAYLAND_DISPLAY") != "" && onPath("wl-copy"):
		cmd = exec.Command("wl-copy", "--type", "image/png")
	case os.Getenv("DISPLAY") != "" && onPath("xclip"):
		cmd = exec.Command("xclip", "-selection", "clipboard", "-t", "image/png", "-i")
	default:
		return errNoImageClipboard
	}
	cmd.Stdin = bytes.NewReader(png)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("copy the image with %s: %v %s", filepath.Base(cmd.Path), err, strings.TrimSpace(string(out)))
	}
	return nil
}

func onPath(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// copyPNGWindows hands the PNG to the clipboard through a temporary file
// and PowerShell, which every Windows since 7 has.
func copyPNGWindows(png []byte) error {
	f, err := os.CreateTemp("", "cmocoder-figure-*.png")
	if err != nil {
		return fmt.Errorf("copy the image: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(png); err != nil {
		f.Close()
		return fmt.Errorf("copy the image: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("copy the image: %w", err)
	}
	script := "Add-Type -AssemblyName System.Windows.Forms,System.Drawing; " +
		"$i = [System.Drawing.Image]::FromFile('" + strings.ReplaceAll(f.Name(), "'", "''") + "'); " +
		"[System.Windows.Forms.Clipboard]::SetImage($i); $i.Dispose()"
	if out, err := exec.Command("powershell", "-NoProfile", "-STA", "-Command", script).CombinedOutput(); err != nil {
		return fmt.Errorf("copy the image with PowerShell: %v %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
