package export

import (
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refs"
)

// TableReferences is the review's reference list, for its appendix.
const TableReferences = "references"

func init() { Tables = append(Tables, TableReferences) }

// ReferenceTable lists the sources' full references in an APA-like
// style, by the short name the other tables cite them with: the citation
// (typed, or written from a reference manager's record by refs), else one
// made from the reference fields, else the title.
func ReferenceTable(p *Project) *Table {
	labels := p.citeNames()
	t := &Table{Name: TableReferences, Title: "References", Columns: []string{"Source", "Reference"}}
	for _, d := range referenceOrder(p.Documents, SourceNames(p.Documents)) {
		t.Rows = append(t.Rows, []string{labels[d.ID], clean(reference(d))})
	}
	return t
}

// reference is a document's full reference.
func reference(d coding.Document) string {
	if d.Citation != "" { // typed, or written by refs from the record's own title
		return d.Citation
	}
	if d.Journal == "" && d.DOI == "" && d.URL == "" {
		if d.Title != "" {
			return d.Title
		}
		return d.FileName
	}
	r := refs.Record{Year: d.Year, Title: d.Title, Journal: d.Journal, Volume: d.Volume, Issue: d.Issue,
		Pages: d.PageRange, DOI: d.DOI, URL: d.URL}
	for _, a := range strings.Split(d.Authors, ";") {
		if a = strings.TrimSpace(a); a != "" {
			r.Authors = append(r.Authors, a)
		}
	}
	return refs.Cite(r)
}
