package export

import (
	"sort"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// Flow is the flow of sources through the full-text stages, as a
// PRISMA-style diagram draws it: every source is assessed at the first
// stage, and those excluded at a stage go no further.
type Flow struct {
	Total  int         // every source
	Stages []FlowStage // in review order (the usual stages, then the team's own)
	// Unstaged are the sources excluded with no stage recorded.
	Unstaged            FlowStage
	Included, Undecided int
}

// FlowStage is one stage: how many sources were assessed there and how
// many were excluded, by reason (most first, no reason last).
type FlowStage struct {
	Name     string
	Assessed int
	Excluded int
	Reasons  []ReasonCount
}

// ReasonCount is how many sources were excluded for a reason ("" when
// none was given).
type ReasonCount struct {
	Reason string
	N      int
}

// FlowOf counts the flow of docs.
func FlowOf(docs []coding.Document) Flow {
	f := Flow{Total: len(docs), Unstaged: FlowStage{Name: noStage}}
	reasons := map[string]map[string]int{} // folded stage → reason → sources
	for _, d := range docs {
		switch d.Decision {
		case coding.Include:
			f.Included++
		case coding.Undecided:
			f.Undecided++
		case coding.Exclude:
			s := strings.ToLower(clean(d.Stage))
			if s == "" {
				s = strings.ToLower(noStage)
			}
			if reasons[s] == nil {
				reasons[s] = map[string]int{}
			}
			reasons[s][clean(d.Reason)]++
		}
	}
	left := len(docs)
	for _, name := range flowStages(docs) {
		st := FlowStage{Name: name, Assessed: left}
		for r, n := range reasons[strings.ToLower(name)] {
			st.Reasons = append(st.Reasons, ReasonCount{r, n})
			st.Excluded += n
		}
		sort.Slice(st.Reasons, func(i, j int) bool {
			a, b := st.Reasons[i], st.Reasons[j]
			if a.N != b.N {
				return a.N > b.N
			}
			if (a.Reason == "") != (b.Reason == "") {
				return b.Reason == "" // no reason recorded last
			}
			return strings.ToLower(a.Reason) < strings.ToLower(b.Reason)
		})
		left -= st.Excluded
		if name == noStage {
			st.Assessed = 0
			f.Unstaged = st
			continue
		}
		f.Stages = append(f.Stages, st)
	}
	return f
}
