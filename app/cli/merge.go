package cli

import (
	"fmt"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

// mergeJSON is one row of `merge --json`, an array as every --json is
// (CLI.md): a row per kind of entity added, updated or deleted, with its
// count, then a row per conflict, with the entity's id and why.
type mergeJSON struct {
	Action  string `json:"action"` // added, updated, deleted or conflict
	Entity  string `json:"entity"` // documents, fragments, ...; fragment, CMOC, ... for a conflict
	Count   int    `json:"count"`
	ID      string `json:"id,omitempty"`
	About   string `json:"about,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

// mergeRows lays a merge plan out as --json rows.
func mergeRows(plan coding.MergePlan) []mergeJSON {
	rows := []mergeJSON{}
	for _, a := range []struct {
		action string
		c      coding.MergeCounts
	}{{"added", plan.Added}, {"updated", plan.Updated}, {"deleted", plan.Deleted}} {
		for _, e := range []struct {
			entity string
			n      int
		}{{"documents", a.c.Documents}, {"fragments", a.c.Fragments}, {"cmocs", a.c.CMOCs},
			{"labels", a.c.Labels}, {"theories", a.c.Theories}, {"coders", a.c.Coders}} {
			if e.n > 0 {
				rows = append(rows, mergeJSON{Action: a.action, Entity: e.entity, Count: e.n})
			}
		}
	}
	for _, k := range plan.Conflicts {
		rows = append(rows, mergeJSON{Action: "conflict", Entity: k.Entity, Count: 1, ID: k.ID, About: k.About, Reason: k.Reason, Message: k.String()})
	}
	return rows
}

// merge merges a teammate's project or coding file into PROJECT (coding/merge.go has the
// rules) and prints what it added, updated and deleted, and each conflict.
// Conflicts leave ours as it was and are reported; the exit status is
// still 0. OTHER is opened read-only; a coding file is told from a
// project by its first bytes.
func (c *cli) merge(args []string) error {
	fs := newFlags("merge")
	dryRun := fs.Bool("dry-run", false, "only print what the merge would do")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	pos, err := parseN(fs, args, 2, "merge PROJECT OTHER.cmoproj|OTHER.coding [--dry-run] [--json]")
	if err != nil {
		return err
	}
	s, other, err := openWithFile(c, pos[0], pos[1], "", session.OpenTeammate)
	if err != nil {
		return err
	}
	defer other.Close()
	defer s.Close()
	plan, err := s.Merge(other, *dryRun)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(c.stdout, mergeRows(plan)); err != nil {
			return err
		}
	} else {
		for _, line := range plan.Report() {
			fmt.Fprintln(c.stdout, line)
		}
	}
	if *dryRun {
		c.warn("merge", "dry run: "+pos[0]+" was not changed")
	}
	return nil
}
