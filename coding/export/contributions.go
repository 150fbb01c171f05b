package export

import (
	"slices"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// TableContributions is the CMOC-by-source table of contributions.
const TableContributions = "contributions"

// contributionLetters are the roles as the contributions table marks
// them, in configuration order, then unclassified evidence.
var contributionLetters = map[coding.Role]string{
	coding.Context: "C", coding.Resource: "Mres", coding.Reasoning: "Mrea", coding.Outcome: "O", coding.Unclassified: "U",
}

// ContributionTable is the supplementary table "contributions of included
// sources to the CMOCs": CMOCs down (numbered and ordered as in the cmocs
// table), sources across, each cell the roles the source gives the CMOC
// evidence for ("C, Mres, O"), blank when it gives none; then how many
// sources support each CMOC, and a footer row of how many CMOCs each
// source supports.
func ContributionTable(p *Project) *Table {
	x := newIndex(p)
	byID := make(map[string]coding.CMOC, len(p.CMOCs))
	for _, c := range p.CMOCs {
		byID[c.ID] = c
	}
	t := &Table{Name: TableContributions, Title: "Contributions of sources to CMOCs",
		Columns: []string{"CMOC", "ID", "Programme theory", "Statement"}, Numeric: []bool{true, false, false, false}}
	for _, d := range p.Documents {
		t.Columns = append(t.Columns, x.names[d.ID])
		t.Numeric = append(t.Numeric, false)
	}
	t.Columns = append(t.Columns, "N (sources)")
	t.Numeric = append(t.Numeric, true)
	supports := make([]int, len(p.Documents))
	for _, th := range x.theoryOrder() {
		for _, b := range th.Boxes {
			roles := map[string][]coding.Role{} // document → its roles in this CMOC
			for _, id := range byID[b.ID].Fragments {
				if f, ok := x.frags[id]; ok && !slices.Contains(roles[f.DocID], f.Role) {
					roles[f.DocID] = append(roles[f.DocID], f.Role)
				}
			}
			row := []string{itoa(b.Number), b.ID, th.Name, b.Statement}
			for i, d := range p.Documents {
				row = append(row, contributionCell(roles[d.ID]))
				if len(roles[d.ID]) > 0 {
					supports[i]++
				}
			}
			t.Rows = append(t.Rows, append(row, itoa(len(roles))))
		}
	}
	foot := []string{"CMOCs supported", "", "", ""}
	for _, n := range supports {
		foot = append(foot, itoa(n))
	}
	t.Footer = [][]string{append(foot, "")}
	t.Notes = []string{"C: context; Mres: mechanism resource; Mrea: mechanism reasoning; O: outcome; U: unclassified evidence (no role yet). " +
		"A blank cell: the source gives the CMOC no evidence."}
	return t
}

// contributionCell marks roles in configuration order: "C, Mres, O".
func contributionCell(roles []coding.Role) string {
	var marks []string
	for _, r := range coding.Categories {
		if slices.Contains(roles, r) {
			marks = append(marks, contributionLetters[r])
		}
	}
	return strings.Join(marks, ", ")
}
