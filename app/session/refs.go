package session

import (
	"fmt"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refs"
	"cmocoder.org/cmocoder/pdfview"
)

// RefsReport is what importing a reference list did.
type RefsReport struct {
	Matched            int
	UnmatchedDocuments []coding.Document // no record was matched to them
	UnmatchedRecords   []refs.Record     // matched to no document
	Changed            int               // matched documents whose source fields changed
}

// String is the report as the CLI prints it: "matched: N, unmatched
// documents: …, unmatched references: …".
func (r RefsReport) String() string {
	var docs, recs []string
	for _, d := range r.UnmatchedDocuments {
		docs = append(docs, d.FileName)
	}
	for _, rec := range r.UnmatchedRecords {
		recs = append(recs, rec.Label())
	}
	list := func(xs []string) string {
		if len(xs) == 0 {
			return "none"
		}
		return strings.Join(xs, "; ")
	}
	return fmt.Sprintf("matched: %d, unmatched documents: %s, unmatched references: %s", r.Matched, list(docs), list(recs))
}

// firstPages is how many pages of a document matching reads for a DOI and
// the title: publishers print them on the first page, sometimes the second.
const firstPages = 2

// ImportReferences matches a reference manager's records to the
// project's documents (see refs.Match) and fills the matched documents'
// source fields from them, leaving what a reviewer typed unless
// overwrite: one change, undone at once.
func (s *Session) ImportReferences(recs []refs.Record, overwrite bool) (RefsReport, error) {
	var rep RefsReport
	docs, err := s.Documents()
	if err != nil {
		return rep, err
	}
	cands := make([]refs.Candidate, len(docs))
	for i, d := range docs {
		doi, err := s.documentDOI(d)
		if err != nil {
			return rep, fmt.Errorf("import references: %s: %w", DocumentName(d), err)
		}
		cands[i] = refs.Candidate{DOI: doi, Title: d.Title}
		var b strings.Builder
		for n := 1; n <= min(firstPages, d.Pages); n++ {
			p, err := s.Page(d.ID, n)
			if err != nil {
				return rep, fmt.Errorf("import references: page %d of %s: %w", n, DocumentName(d), err)
			}
			b.WriteString(p.Text)
			b.WriteByte('\n')
		}
		cands[i].Text = b.String()
	}
	match := refs.Match(recs, cands)
	matched := make([]bool, len(docs))
	var batch coding.Batch
	for i, j := range match {
		if j < 0 {
			rep.UnmatchedRecords = append(rep.UnmatchedRecords, recs[i])
			continue
		}
		rep.Matched++
		matched[j] = true
		read := docs[j].Source()
		if next := refs.Fill(read, recs[i], overwrite); next != read {
			batch = append(batch, coding.EditSource{DocID: docs[j].ID, Source: next, From: &read})
			rep.Changed++
		}
	}
	for j, d := range docs {
		if !matched[j] {
			rep.UnmatchedDocuments = append(rep.UnmatchedDocuments, d)
		}
	}
	if len(batch) > 0 {
		if err := s.Do(batch); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// documentDOI is the document's DOI, else, for a PDF added before add
// recorded the DOI its metadata holds, that one (pdfview.MetadataDOI).
func (s *Session) documentDOI(d coding.Document) (string, error) {
	if d.DOI != "" || !d.IsPDF() {
		return d.DOI, nil
	}
	data, err := s.PDF(d.ID)
	if coding.IsKind(err, coding.KindNotFound) { // a source imported without its file
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return pdfview.MetadataDOI(data), nil
}
