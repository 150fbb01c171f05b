package coding

import "strings"

// Agreement on inclusion decisions: two reviewers screen the same sources,
// each in their own copy of the project, and a realist review reports how
// often they agreed before they decided together. Only sources both
// decided (include or exclude) are compared; a source one of them left
// undecided is counted apart.

// DecisionPair is two reviewers' screening of one source.
type DecisionPair struct {
	DocID string
	Name  string // the source's short name
	A, B  Screening
}

// DecisionAgreement is the comparison of two reviewers' decisions on the
// sources both projects hold.
type DecisionAgreement struct {
	Sources   int // sources in both projects
	Undecided int // of those, sources one or both left undecided
	// The sources both decided, by the pair of decisions (A's first).
	IncludeInclude, IncludeExclude, ExcludeInclude, ExcludeExclude int
	// Differ are the sources decided differently, in the order of A's
	// project.
	Differ []DecisionPair
}

// Compared is the number of sources both reviewers decided.
func (a DecisionAgreement) Compared() int {
	return a.IncludeInclude + a.IncludeExclude + a.ExcludeInclude + a.ExcludeExclude
}

// Percent is the share of the sources both decided on which they decided
// the same, from 0 to 1; ok is false when they decided none in common.
func (a DecisionAgreement) Percent() (p float64, ok bool) {
	n := a.Compared()
	if n == 0 {
		return 0, false
	}
	return float64(a.IncludeInclude+a.ExcludeExclude) / float64(n), true
}

// Kappa is Cohen's kappa of the decisions: agreement corrected for what
// chance would give with each reviewer's share of inclusions. When chance
// alone explains full agreement (both included everything, or both
// excluded everything) kappa is 1, as for coding agreement; ok is false
// when they decided no source in common.
func (a DecisionAgreement) Kappa() (k float64, ok bool) {
	po, ok := a.Percent()
	if !ok {
		return 0, false
	}
	n := float64(a.Compared())
	pa := float64(a.IncludeInclude+a.IncludeExclude) / n
	pb := float64(a.IncludeInclude+a.ExcludeInclude) / n
	pe := pa*pb + (1-pa)*(1-pb)
	if pe >= 1 {
		return 1, true
	}
	return (po - pe) / (1 - pe), true
}

// CompareDecisions compares the decisions of reviewer A (ours) and
// reviewer B (theirs) on the sources both hold: the same document by ID,
// else by the SHA-256 of its file, as a merge pairs them.
func CompareDecisions(ours, theirs []Document) DecisionAgreement {
	byID := make(map[string]Document, len(theirs))
	bySHA := map[string]Document{}
	for _, d := range theirs {
		byID[d.ID] = d
		if d.SHA256 != "" {
			bySHA[strings.ToLower(d.SHA256)] = d
		}
	}
	var a DecisionAgreement
	for _, o := range ours {
		t, ok := byID[o.ID]
		if !ok && o.SHA256 != "" {
			t, ok = bySHA[strings.ToLower(o.SHA256)]
		}
		if !ok {
			continue
		}
		a.Sources++
		switch {
		case o.Decision == Undecided || t.Decision == Undecided:
			a.Undecided++
			continue
		case o.Decision == Include && t.Decision == Include:
			a.IncludeInclude++
		case o.Decision == Include:
			a.IncludeExclude++
		case t.Decision == Include:
			a.ExcludeInclude++
		default:
			a.ExcludeExclude++
		}
		if o.Decision != t.Decision {
			a.Differ = append(a.Differ, DecisionPair{DocID: o.ID, Name: o.ShortName(), A: o.Screening, B: t.Screening})
		}
	}
	return a
}

// Describe is a decision in words, for a report: "exclude, insufficient
// richness, by Ann".
func (s Screening) Describe() string { return describeDecision(s) }
