//go:build !windows

package gui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Copy image hands the PNG to xclip on X11 as an image/png selection, and
// says what to install where neither xclip nor wl-copy is there.
func TestCopyPNG(t *testing.T) {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", ":99")
	png := []byte("\x89PNG\r\n\x1a\nnot really")
	if err := copyPNG(png); !errors.Is(err, errNoImageClipboard) {
		t.Errorf("without xclip: %v, want %v", err, errNoImageClipboard)
	}
	got := filepath.Join(bin, "got")
	script := "#!/bin/sh\necho \"$@\" > " + got + ".args\n/bin/cat > " + got + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyPNG(png); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(got); !bytes.Equal(data, png) {
		t.Errorf("xclip was given %q", data)
	}
	if args, _ := os.ReadFile(got + ".args"); string(args) != "-selection clipboard -t image/png -i\n" {
		t.Errorf("xclip was run with %q", args)
	}
}
