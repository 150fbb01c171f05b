package cli

import (
	"fmt"
	"slices"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

const reasonsUsage = "reasons PROJECT [--add R]... [--remove R]... [--reset] [--json]"

// reasons prints the team's list of reasons for excluding a source, after
// adding, removing or resetting them to the common ones as asked (one
// undoable change).
func (c *cli) reasons(args []string) error {
	fs := newFlags("reasons")
	var add, remove listFlag
	fs.Var(&add, "add", "add a reason (repeat for more)")
	fs.Var(&remove, "remove", "remove a reason, in any case (repeat for more)")
	reset := fs.Bool("reset", false, "go back to the common reasons first")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseN(fs, args, 1, reasonsUsage)
	if err != nil {
		return err
	}
	s, err := c.open(pos[0], "")
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Reasons()
	if err != nil {
		return err
	}
	if *reset || len(add) > 0 || len(remove) > 0 {
		next := list
		if *reset {
			next = slices.Clone(coding.DefaultReasons)
		}
		for _, r := range remove {
			i := slices.IndexFunc(next, func(have string) bool { return strings.EqualFold(have, strings.TrimSpace(r)) })
			if i < 0 {
				return coding.Errorf(coding.KindNotFound, "reasons", r, "no reason %q in the list (%s)", r, strings.Join(next, "; "))
			}
			next = slices.Delete(next, i, i+1)
		}
		next = append(next, add...)
		if err := s.Do(coding.SetReasons{Reasons: next}); err != nil {
			return err
		}
		if list, err = s.Reasons(); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(c.stdout, list)
	}
	for _, r := range list {
		fmt.Fprintln(c.stdout, r)
	}
	return nil
}
