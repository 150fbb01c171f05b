// Package app is cmocoder's front door: Main hands a verb to the command
// line (app/cli) and anything else to the desktop app (app/gui). Both
// work through app/session, so whatever the app writes the CLI lists,
// and the other way round.
package app

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"cmocoder.org/cmocoder/app/cli"
	"cmocoder.org/cmocoder/app/gui"
)

// Main runs cmocoder with args (without the program name) and returns its
// exit status. With no verb it opens the desktop app.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (len(args) == 1 && !cli.IsVerb(args[0]) && !isWord(args[0])) {
		path := ""
		if len(args) == 1 {
			path = args[0]
		}
		if msg := noDisplay(); msg != "" {
			fmt.Fprintf(stderr, "cmocoder: %s\n", msg)
			return 1 // as the verbs' errors (../shared/CLI.md)
		}
		leaveOwnConsole()
		return gui.RunApp(path)
	}
	return cli.Run(args, stdout, stderr)
}

// isWord reports whether a lone argument is a word of the command line
// (help, version, a flag) rather than a project to open.
func isWord(arg string) bool {
	return strings.HasPrefix(arg, "-") || arg == "help" || arg == "version"
}

// noDisplay says why the app cannot open a window here, or "" when it
// can: on X11 and Wayland systems a window needs DISPLAY or
// WAYLAND_DISPLAY, and GLFW would otherwise panic.
func noDisplay() string {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "no display to open the app on (DISPLAY is not set); the verbs work without one: cmocoder help"
	}
	return ""
}
