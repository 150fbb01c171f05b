package app

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// cmocoder.exe is one binary for the window and the verbs, built as a
// console program so that the verbs print where they were typed. Started
// from Explorer (a double-clicked .cmoproj, a shortcut), Windows gives it
// a console window of its own; the app lets that go, so no empty black
// window sits beside it. A console shared with the shell it was typed in
// is kept.
func leaveOwnConsole() {
	kernel32 := windows.NewLazySystemDLL("kernel32.dll")
	list := kernel32.NewProc("GetConsoleProcessList")
	if list.Find() != nil {
		return
	}
	var pids [2]uint32
	n, _, _ := list.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	if n == 1 { // only this process uses the console: it was made for us
		kernel32.NewProc("FreeConsole").Call()
	}
}
