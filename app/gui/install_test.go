package gui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestHelpMenuRegistersFileType: Help ▸ Open .cmoproj files with cmocoder
// writes the association and says so in a dialog.
func TestHelpMenuRegistersFileType(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG association is tested on Linux")
	}
	ws, w := openWorkspace(t)
	data, config := t.TempDir(), t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	t.Setenv("XDG_CONFIG_HOME", config)
	menuAction(t, ws, "Help", "Open .cmoproj files with cmocoder")()
	if text := dialogText(w); !strings.Contains(text, "Double-clicking a .cmoproj file now opens it in cmocoder") {
		t.Errorf("the dialog says %q", text)
	}
	if _, err := os.Stat(filepath.Join(data, "applications", "org.cmocoder.app.desktop")); err != nil {
		t.Errorf("no desktop entry: %v", err)
	}
	list, _ := os.ReadFile(filepath.Join(config, "mimeapps.list"))
	if !strings.Contains(string(list), "application/x-cmoproj=org.cmocoder.app.desktop") {
		t.Errorf("mimeapps.list is %q", list)
	}
}
