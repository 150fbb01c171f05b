package cli

import (
	"fmt"

	"cmocoder.org/cmocoder/app/install"
)

func (c *cli) install(args []string) error {
	fs := newFlags("install")
	if _, err := parseN(fs, args, 0, "install (no arguments)"); err != nil {
		return err
	}
	msg, err := install.RegisterFileType()
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, msg)
	return nil
}

func (c *cli) uninstall(args []string) error {
	fs := newFlags("uninstall")
	if _, err := parseN(fs, args, 0, "uninstall (no arguments)"); err != nil {
		return err
	}
	msg, err := install.UnregisterFileType()
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, msg)
	return nil
}
