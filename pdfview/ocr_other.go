//go:build !windows

package pdfview

import "os/exec"

// hideWindow is needed on Windows only.
func hideWindow(*exec.Cmd) {}
