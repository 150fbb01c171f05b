package session

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"cmocoder.org/cmocoder/coding"
)

// CompareDecisions compares this project's inclusion decisions (reviewer
// A) with a teammate's project or coding file (reviewer B), on the sources
// both hold (coding.CompareDecisions). It only reads both.
func (s *Session) CompareDecisions(other *Teammate) (coding.DecisionAgreement, error) {
	ours, err := s.Documents()
	if err != nil {
		return coding.DecisionAgreement{}, err
	}
	theirs, err := other.documents()
	if err != nil {
		return coding.DecisionAgreement{}, err
	}
	return coding.CompareDecisions(ours, theirs), nil
}

// documents are the teammate's documents with their source fields.
func (t *Teammate) documents() ([]coding.Document, error) {
	side := coding.MergeSide{}
	if t.project != nil {
		var err error
		if side, err = t.project.MergeSide(); err != nil {
			return nil, err
		}
	} else {
		side = t.coding.Coding
	}
	docs := make([]coding.Document, len(side.Documents))
	for i, d := range side.Documents {
		docs[i] = d.Document
	}
	return docs, nil
}

// DecisionReport is the decision agreement in lines of text, as the
// agreement verb prints it and the app shows it: what was compared, the
// table of decisions, agreement and kappa, and the sources decided
// differently. a and b name the two projects.
func DecisionReport(ag coding.DecisionAgreement, a, b string) []string {
	out := []string{fmt.Sprintf("Decisions of %s (A) and %s (B): %s in both, %s decided by both, %s left undecided by one or both.",
		a, b, coding.Count(ag.Sources, "source"), coding.Count(ag.Compared(), "source"), coding.Count(ag.Undecided, "source"))}
	if ag.Compared() == 0 {
		return append(out, "No source was decided by both: nothing to compare yet.")
	}
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tB include\tB exclude")
	fmt.Fprintf(tw, "A include\t%d\t%d\n", ag.IncludeInclude, ag.IncludeExclude)
	fmt.Fprintf(tw, "A exclude\t%d\t%d\n", ag.ExcludeInclude, ag.ExcludeExclude)
	tw.Flush()
	out = append(out, "")
	out = append(out, strings.Split(strings.TrimRight(table.String(), "\n"), "\n")...)
	p, _ := ag.Percent()
	k, _ := ag.Kappa()
	kappa := fmt.Sprintf("%.2f", k)
	if kappa == "-0.00" {
		kappa = "0.00"
	}
	out = append(out, "", fmt.Sprintf("agreement %.1f%%, kappa %s", 100*p, kappa))
	for _, d := range ag.Differ {
		out = append(out, fmt.Sprintf("differ: %s: A %s; B %s", d.Name, d.A.Describe(), d.B.Describe()))
	}
	return out
}
