package cli

import (
	"cmocoder.org/cmocoder/app/session"
)

// demo is the `demo` verb: cmocoder demo PROJECT.
func (c *cli) demo(args []string) error {
	fs := newFlags("demo")
	pos, err := parseN(fs, args, 1, "demo PROJECT")
	if err != nil {
		return err
	}
	return notMade(session.BuildDemo(c.ctx, pos[0]))
}
