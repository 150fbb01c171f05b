// Command gen writes the files that `make dist` puts in the packages and
// that are made from the program's own sources, so that they are written
// once: the desktop entry and the MIME type that `cmocoder install`
// writes (app/install), the icons from assets/Icon.png, the man page from
// `cmocoder help`, and the Windows icon and registry entries.
//
//	gen data DIR EXE            desktop entry, MIME type, icons under DIR (a share/ folder)
//	gen man VERSION DATE        man page from the help text on standard input
//	gen ico FILE                Windows icon
//	gen nsis FILE               NSIS macros writing and removing the file association
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	want := func(n int) error {
		if len(args) != n+1 {
			return fmt.Errorf("%s wants %d arguments (see dist/gen/main.go)", args[0], n)
		}
		return nil
	}
	if len(args) == 0 {
		return fmt.Errorf("no command (see dist/gen/main.go)")
	}
	switch args[0] {
	case "data":
		if err := want(2); err != nil {
			return err
		}
		return writeData(args[1], args[2])
	case "man":
		if err := want(2); err != nil {
			return err
		}
		return writeMan(os.Stdin, os.Stdout, args[1], args[2])
	case "ico":
		if err := want(1); err != nil {
			return err
		}
		return writeICO(args[1])
	case "nsis":
		if err := want(1); err != nil {
			return err
		}
		return os.WriteFile(args[1], []byte(nsisAssociation(`$INSTDIR\cmocoder.exe`, `$INSTDIR\cmocoder.ico`)), 0o644)
	}
	return fmt.Errorf("unknown command %q (see dist/gen/main.go)", args[0])
}
