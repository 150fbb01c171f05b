package coding

import (
	"slices"
	"unicode"
)

// Intercoder agreement compares how two coders coded the same document,
// role by role, the way NVivo's coding comparison does: every unit of the
// text is coded with the role by both coders, by one of them, or by
// neither. The units are the text's code points other than white space and
// page separators, so that a fragment that takes in a trailing space or a
// line break does not count as disagreement.

// Agreement is the comparison of two coders' coding of one role in one
// document (or, pooled, in several).
type Agreement struct {
	DocID string // "" when pooled over documents
	Role  Role
	Units int // units of the text (non-space code points)
	Both  int // units both coders coded with the role
	OnlyA int // units only the first coder coded with it
	OnlyB int // units only the second coder coded with it
}

// Neither is the number of units neither coder coded with the role.
func (a Agreement) Neither() int { return a.Units - a.Both - a.OnlyA - a.OnlyB }

// Percent is the share of units on which the coders agree (both coded or
// neither did), from 0 to 1; 1 for a text without units.
func (a Agreement) Percent() float64 {
	if a.Units == 0 {
		return 1
	}
	return float64(a.Both+a.Neither()) / float64(a.Units)
}

// Kappa is Cohen's kappa over the units: agreement corrected for what
// chance would give with each coder's share of coded units. When chance
// alone explains full agreement (neither coder coded the role, or both
// coded everything) kappa is 1, as NVivo reports it.
func (a Agreement) Kappa() float64 {
	if a.Units == 0 {
		return 1
	}
	n := float64(a.Units)
	pa := float64(a.Both+a.OnlyA) / n
	pb := float64(a.Both+a.OnlyB) / n
	pe := pa*pb + (1-pa)*(1-pb)
	if pe >= 1 {
		return 1
	}
	return (a.Percent() - pe) / (1 - pe)
}

// Overlap is the share of the units either coder coded with the role that
// both coded (Jaccard), from 0 to 1: unlike Percent it is not inflated by
// the text nobody coded. ok is false when neither coder coded the role.
func (a Agreement) Overlap() (overlap float64, ok bool) {
	coded := a.Both + a.OnlyA + a.OnlyB
	if coded == 0 {
		return 0, false
	}
	return float64(a.Both) / float64(coded), true
}

// Add pools another comparison into a (for the totals over documents).
func (a *Agreement) Add(b Agreement) {
	a.Units += b.Units
	a.Both += b.Both
	a.OnlyA += b.OnlyA
	a.OnlyB += b.OnlyB
}

// CompareCoders compares coderA's and coderB's fragments of one document,
// whose text is text, for every role (in the order of Roles) and then for
// Unclassified, a category of its own: two coders who both left a passage
// unclassified agree on it. The Unclassified row is left out when neither
// coder left anything in the document unclassified, so that a project
// without such fragments compares as it always did. Fragments of
// other coders or documents are ignored; overlapping fragments of one coder
// count once.
func CompareCoders(docID, text string, frags []Fragment, coderA, coderB string) []Agreement {
	// units[i] is the number of units in the first i code points.
	units := []int{0}
	for _, r := range text {
		n := units[len(units)-1]
		if r != PageSeparator && !unicode.IsSpace(r) {
			n++
		}
		units = append(units, n)
	}
	total := units[len(units)-1]
	var out []Agreement
	for _, role := range Categories {
		a := spansOf(frags, docID, coderA, role, len(units)-1)
		b := spansOf(frags, docID, coderB, role, len(units)-1)
		if role == Unclassified && len(a) == 0 && len(b) == 0 {
			continue
		}
		covA, covB := measure(a, units), measure(b, units)
		both := measure(intersect(a, b), units)
		out = append(out, Agreement{DocID: docID, Role: role, Units: total, Both: both, OnlyA: covA - both, OnlyB: covB - both})
	}
	return out
}

// span is a half-open range of code points.
type span struct{ start, end int }

// spansOf is the merged, sorted spans a coder coded with role in a
// document, clipped to its n code points.
func spansOf(frags []Fragment, docID, coder string, role Role, n int) []span {
	var s []span
	for _, f := range frags {
		if f.DocID != docID || f.Coder != coder || f.Role != role {
			continue
		}
		start, end := max(f.Start, 0), min(f.End, n)
		if start < end {
			s = append(s, span{start, end})
		}
	}
	slices.SortFunc(s, func(x, y span) int { return x.start - y.start })
	var merged []span
	for _, x := range s {
		if k := len(merged) - 1; k >= 0 && x.start <= merged[k].end {
			merged[k].end = max(merged[k].end, x.end)
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// intersect is the spans in both a and b (each sorted and merged).
func intersect(a, b []span) []span {
	var out []span
	for i, j := 0, 0; i < len(a) && j < len(b); {
		start, end := max(a[i].start, b[j].start), min(a[i].end, b[j].end)
		if start < end {
			out = append(out, span{start, end})
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return out
}

// measure counts the units the spans cover.
func measure(spans []span, units []int) int {
	n := 0
	for _, s := range spans {
		n += units[s.end] - units[s.start]
	}
	return n
}
