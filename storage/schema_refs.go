package storage

import "cmocoder.org/cmocoder/coding"

// schemaRefs gives documents the reference fields a reference manager
// exports (journal, volume, issue, page range, DOI, URL) and the
// full-text screening: richness and the inclusion decision with its
// reason, stage, who and when.
const schemaRefs = `
ALTER TABLE documents ADD COLUMN journal       TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN volume        TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN issue         TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN page_range    TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN doi           TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN url           TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN richness      TEXT NOT NULL DEFAULT ''
	CHECK (richness IN ('', 'high', 'moderate', 'low'));
ALTER TABLE documents ADD COLUMN richness_note TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN decision      TEXT NOT NULL DEFAULT ''
	CHECK (decision IN ('', 'include', 'exclude'));
ALTER TABLE documents ADD COLUMN reason        TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN stage         TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN decided_by    TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN decided_at    TEXT NOT NULL DEFAULT '';
`

// refsCols are schemaRefs' columns in the order refsValues gives them.
const refsCols = `journal, volume, issue, page_range, doi, url, richness, richness_note, decision, reason,
	stage, decided_by, decided_at`

// refsValues are a document's values for refsCols.
func refsValues(r coding.Reference, s coding.Screening) []any {
	return []any{r.Journal, r.Volume, r.Issue, r.PageRange, r.DOI, r.URL, string(s.Richness.Judgement),
		s.Richness.Note, string(s.Decision), s.Reason, s.Stage, s.DecidedBy, s.DecidedAt}
}

// refsDest are where Scan puts refsCols in d.
func refsDest(d *coding.Document) []any {
	return []any{&d.Journal, &d.Volume, &d.Issue, &d.PageRange, &d.DOI, &d.URL, (*string)(&d.Richness.Judgement),
		&d.Richness.Note, (*string)(&d.Decision), &d.Reason, &d.Stage, &d.DecidedBy, &d.DecidedAt}
}
