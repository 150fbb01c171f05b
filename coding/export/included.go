package export

import (
	"fmt"

	"cmocoder.org/cmocoder/coding"
)

// withoutExcluded is the project as the tables show it by default: the
// sources the reviewers excluded left out with their fragments, and
// CMOCs keep only their evidence from the other sources (a CMOC whose
// evidence all came from excluded sources is left out too). Undecided
// sources stay, so that a project without decisions shows everything.
// It returns p itself when nothing is excluded, and how many sources it
// left out.
func (p *Project) withoutExcluded() (*Project, int) {
	excluded := map[string]bool{}
	q := *p
	q.Documents = nil
	for _, d := range p.Documents {
		if d.Decision == coding.Exclude {
			excluded[d.ID] = true
		} else {
			q.Documents = append(q.Documents, d)
		}
	}
	if len(excluded) == 0 {
		return p, 0
	}
	gone := map[string]bool{} // fragments of excluded sources
	q.Fragments = nil
	for _, f := range p.Fragments {
		if excluded[f.DocID] {
			gone[f.ID] = true
		} else {
			q.Fragments = append(q.Fragments, f)
		}
	}
	q.CMOCs = nil
	for _, c := range p.CMOCs {
		var kept []string
		for _, id := range c.Fragments {
			if !gone[id] {
				kept = append(kept, id)
			}
		}
		if len(kept) == 0 && len(c.Fragments) > 0 {
			continue
		}
		c.Fragments = kept
		q.CMOCs = append(q.CMOCs, c)
	}
	return &q, len(excluded)
}

// excludedNote says under a table that excluded sources are left out.
func excludedNote(n int) string {
	them := "them"
	if n == 1 {
		them = "it"
	}
	return fmt.Sprintf("%s left out as excluded (export with --all to include %s).", coding.Count(n, "source"), them)
}
