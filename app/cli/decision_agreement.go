package cli

import (
	"fmt"
	"path/filepath"

	"cmocoder.org/cmocoder/app/session"
)

// decisionAgreementJSON is `agreement --decisions OTHER --json`; agreement
// and kappa are null when the reviewers decided no source in common.
type decisionAgreementJSON struct {
	Sources        int                `json:"sources"`
	Undecided      int                `json:"undecided"`
	Compared       int                `json:"compared"`
	IncludeInclude int                `json:"include_include"`
	IncludeExclude int                `json:"include_exclude"`
	ExcludeInclude int                `json:"exclude_include"`
	ExcludeExclude int                `json:"exclude_exclude"`
	Agreement      *float64           `json:"agreement"`
	Kappa          *float64           `json:"kappa"`
	Differ         []decisionDiffJSON `json:"differ"`
}

type decisionDiffJSON struct {
	DocID    string `json:"doc_id"`
	Document string `json:"document"`
	A        string `json:"a"`
	B        string `json:"b"`
}

// decisionAgreement compares the inclusion decisions in project (reviewer
// A) with those in a teammate's project or coding file (reviewer B).
func (c *cli) decisionAgreement(project, otherPath string, asJSON bool) error {
	s, err := c.open(project, "")
	if err != nil {
		return err
	}
	defer s.Close()
	other, err := session.OpenTeammate(otherPath)
	if err != nil {
		return err
	}
	defer other.Close()
	ag, err := s.CompareDecisions(other)
	if err != nil {
		return fmt.Errorf("%s: %w", otherPath, err)
	}
	if asJSON {
		j := decisionAgreementJSON{Sources: ag.Sources, Undecided: ag.Undecided, Compared: ag.Compared(),
			IncludeInclude: ag.IncludeInclude, IncludeExclude: ag.IncludeExclude, ExcludeInclude: ag.ExcludeInclude,
			ExcludeExclude: ag.ExcludeExclude, Differ: []decisionDiffJSON{}}
		if p, ok := ag.Percent(); ok {
			k, _ := ag.Kappa()
			p, k = round4(p), round4(k)
			j.Agreement, j.Kappa = &p, &k
		}
		for _, d := range ag.Differ {
			j.Differ = append(j.Differ, decisionDiffJSON{d.DocID, d.Name, d.A.Describe(), d.B.Describe()})
		}
		return writeJSON(c.stdout, j)
	}
	for _, line := range session.DecisionReport(ag, filepath.Base(project), other.Name()) {
		fmt.Fprintln(c.stdout, line)
	}
	return nil
}
