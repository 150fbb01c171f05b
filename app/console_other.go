//go:build !windows

package app

// leaveOwnConsole matters on Windows only (console_windows.go).
func leaveOwnConsole() {}
