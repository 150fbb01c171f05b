//go:build windows

package pdfview

import (
	"os/exec"
	"syscall"
)

// hideWindow keeps Tesseract, a console program, from flashing a console
// window over the app (CREATE_NO_WINDOW).
func hideWindow(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: 0x08000000}
}
