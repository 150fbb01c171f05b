package cli

import (
	"fmt"
	"strings"

	"cmocoder.org/cmocoder/app/session"
)

// importREFI is the verb.
func (c *cli) importREFI(args []string) error {
	fs := newFlags("import")
	pos, err := parseN(fs, args, 2, "import PROJECT FILE.qdpx|FILE.qdc")
	if err != nil {
		return err
	}
	// The file first: a bad one is reported before the project is opened.
	in, err := session.ReadREFI(pos[1])
	if err != nil {
		return err
	}
	coder := session.DefaultCoder()
	s, err := c.open(pos[0], coder)
	if err != nil {
		return err
	}
	defer s.Close()
	warn := func(msg string) {
		fmt.Fprintf(c.stderr, "cmocoder: import: warning: %s\n", session.OneLine(fmt.Errorf("%s", msg)))
	}
	added, here, err := s.ImportFile(c.ctx, in, warn)
	if err != nil {
		return err
	}
	line := "imported: " + added.String()
	if !here.IsZero() {
		var parts []string
		for _, p := range strings.Split(here.String(), ", ") {
			if !strings.HasPrefix(p, "0 ") {
				parts = append(parts, p)
			}
		}
		line += "; already here: " + strings.Join(parts, ", ")
	}
	fmt.Fprintln(c.stdout, line)
	return nil
}
