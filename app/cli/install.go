package cli

import (
	"fmt"

	"cmocoder.org/cmocoder/app/install"
)

func (c *cli) install(args []string) error {
	return c.fileType("install", args, install.RegisterFileType)
}

func (c *cli) uninstall(args []string) error {
	return c.fileType("uninstall", args, install.UnregisterFileType)
}

// fileType is the install or uninstall verb: it takes no arguments, does
// its work and prints what was done.
func (c *cli) fileType(verb string, args []string, do func() (string, error)) error {
	if _, err := parseN(newFlags(verb), args, 0, verb+" (no arguments)"); err != nil {
		return err
	}
	msg, err := do()
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, msg)
	return nil
}
