package export

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// TableFlow counts the sources by the stage and the decision taken on
// them, with the reasons: the full-text part of a PRISMA-style flow.
const TableFlow = "flow"

func init() { Tables = append(Tables, TableFlow) }

// noStage names decisions taken without a stage.
const noStage = "(no stage)"

// FlowTable counts sources by stage, decision and reason. Its notes tell
// the flow in words, stage by stage as realist reviews report it: "22
// assessed for relevance, 1 excluded; 21 assessed for richness, 3
// excluded; …; 18 included".
func FlowTable(p *Project) *Table {
	t := &Table{Name: TableFlow, Title: "Flow of sources at full text",
		Columns: []string{"Stage", "Decision", "Reason", "Sources"}, Numeric: []bool{false, false, false, true}}
	type key struct {
		stage    string
		decision coding.Decision
		reason   string
	}
	counts := map[key]int{}
	byDecision := map[coding.Decision]int{}
	for _, d := range p.Documents {
		k := key{clean(d.Stage), d.Decision, clean(d.Reason)}
		if k.stage == "" {
			k.stage = noStage
		}
		counts[k]++
		byDecision[d.Decision]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	stages := flowStages(p.Documents)
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if sa, sb := slices.Index(stages, a.stage), slices.Index(stages, b.stage); sa != sb {
			return sa < sb
		}
		if da, db := decisionOrder(a.decision), decisionOrder(b.decision); da != db {
			return da < db
		}
		return strings.ToLower(a.reason) < strings.ToLower(b.reason)
	})
	for _, k := range keys {
		t.Rows = append(t.Rows, []string{k.stage, k.decision.String(), k.reason, itoa(counts[k])})
	}
	for _, d := range []coding.Decision{coding.Include, coding.Exclude, coding.Undecided} {
		t.Footer = append(t.Footer, []string{"All stages", d.String(), "", itoa(byDecision[d])})
	}
	t.Footer = append(t.Footer, []string{"All stages", "all", "", itoa(len(p.Documents))})
	t.Notes = []string{flowSentence(p.Documents)}
	return t
}

// flowStages are the stages of the documents' decisions in review order:
// the usual ones, then the team's own by name, then decisions without one.
func flowStages(docs []coding.Document) []string {
	seen := map[string]bool{}
	var own []string
	for _, d := range docs {
		s := clean(d.Stage)
		if s != "" && !slices.Contains(coding.Stages, strings.ToLower(s)) && !seen[s] {
			seen[s] = true
			own = append(own, s)
		}
	}
	sort.Strings(own)
	return append(append(slices.Clone(coding.Stages), own...), noStage)
}

func decisionOrder(d coding.Decision) int {
	switch d {
	case coding.Include:
		return 0
	case coding.Exclude:
		return 1
	}
	return 2
}

// flowSentence tells the flow stage by stage: every source is assessed at
// the first stage, and those excluded at a stage go no further.
func flowSentence(docs []coding.Document) string {
	f := FlowOf(docs)
	var parts []string
	for _, st := range f.Stages {
		parts = append(parts, fmt.Sprintf("%d assessed for %s, %d excluded", st.Assessed, st.Name, st.Excluded))
	}
	if n := f.Unstaged.Excluded; n > 0 {
		parts = append(parts, fmt.Sprintf("%d excluded at no recorded stage", n))
	}
	parts = append(parts, fmt.Sprintf("%d included, %d undecided", f.Included, f.Undecided))
	return strings.Join(parts, "; ") + "."
}

// screeningColumns are the sources table's columns for richness and the
// decision, after the rigour note.
var screeningColumns = []string{"Richness", "Richness note", "Decision", "Reason", "Stage"}

// addScreening puts the screening columns into a sources table whose rows
// are docs in order.
func addScreening(t *Table, docs []coding.Document) {
	at := slices.Index(t.Columns, "Rigour note") + 1
	t.Columns = slices.Insert(t.Columns, at, screeningColumns...)
	if at <= len(t.Numeric) {
		t.Numeric = slices.Insert(t.Numeric, at, make([]bool, len(screeningColumns))...)
	}
	for i, d := range docs {
		t.Rows[i] = slices.Insert(t.Rows[i], at, string(d.Richness.Judgement), clean(d.Richness.Note),
			d.Decision.String(), clean(d.Reason), clean(d.Stage))
	}
}
