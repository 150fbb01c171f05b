package cli

import (
	"errors"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// demo is the `demo` verb: cmocoder demo PROJECT.
func (c *cli) demo(args []string) error {
	fs := newFlags("demo")
	pos, err := parseN(fs, args, 1, "demo PROJECT")
	if err != nil {
		return err
	}
	err = session.BuildDemo(c.ctx, pos[0])
	if _, write := errors.AsType[*storage.WriteError](err); write {
		// BuildDemo removes the file it began: there was no project
		// before, so none is "as it was".
		return coding.Errorf(coding.KindOf(err), "demo", "", "%s; no project was made", session.Reason(err))
	}
	return err
}
