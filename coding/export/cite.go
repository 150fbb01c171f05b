package export

import (
	"slices"
	"sort"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// The citation styles: how the tables name a source.
const (
	// CiteAuthorYear names a source by its authors and year, "Tully et
	// al. 2010", with a/b suffixes for two of the same (SourceNames).
	CiteAuthorYear = "author-year"
	// CiteNumbered names it by its number in the reference list, "[3]".
	CiteNumbered = "numbered"
)

// CiteStyles lists the citation styles, the default first.
var CiteStyles = []string{CiteAuthorYear, CiteNumbered}

// Citations gives every document the label the tables cite it by in a
// style ("" is author-year): its short name, or its number in the
// reference list, which is ordered by short name.
func Citations(docs []coding.Document, style string) (map[string]string, error) {
	names := SourceNames(docs)
	switch style {
	case "", CiteAuthorYear:
		return names, nil
	case CiteNumbered:
		out := make(map[string]string, len(docs))
		for i, d := range referenceOrder(docs, names) {
			out[d.ID] = "[" + itoa(i+1) + "]"
		}
		return out, nil
	}
	return nil, coding.Errorf(coding.KindInvalid, "export", style, "unknown citation style %q (want %s)", style, strings.Join(CiteStyles, " or "))
}

// referenceOrder is the order of the reference list: by short name, case
// folded, import order among equals.
func referenceOrder(docs []coding.Document, names map[string]string) []coding.Document {
	out := slices.Clone(docs)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.ToLower(names[out[i].ID]) < strings.ToLower(names[out[j].ID])
	})
	return out
}

// citeNames are the labels of p's documents in the style Build was asked
// for; Build has checked the style.
func (p *Project) citeNames() map[string]string {
	names, err := Citations(p.Documents, p.cite)
	if err != nil {
		return SourceNames(p.Documents)
	}
	return names
}

// numberedNote says under a table citing by number where the numbers
// come from.
const numberedNote = "Sources are cited by their number in the reference list (the references table)."

// citesSources reports whether a table names sources in its cells or
// columns (the reference list itself, the flow and the codebook do not
// need the note).
func citesSources(table string) bool {
	switch table {
	case TableCMOCs, TableFragments, TableMatrix, TableSources, TableContributions:
		return true
	}
	return false
}

// Citing is p with its sources cited in a style (CiteStyles; "" is
// author-year) by the tables built from it directly (CMOCTable, …), as
// Build does with Options.Cite: for a figure drawn from those tables.
func (p *Project) Citing(style string) (*Project, error) {
	if _, err := Citations(nil, style); err != nil {
		return nil, err
	}
	q := *p
	q.cite = style
	return &q, nil
}
