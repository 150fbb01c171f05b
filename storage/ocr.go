package storage

import (
	"context"
	"encoding/json"

	"cmocoder.org/cmocoder/coding"
)

// ReplaceText replaces a document's text and boxes, page by page, in one
// transaction: for a scan whose pages were read by OCR after import. It
// also sets the document's needs-OCR flag and warnings (nil clears them),
// its character count and Modified. pages must be as many as the
// document has, numbered 1, 2, ... (or 0). A document with any coded
// fragment is refused with KindInvalid, as offsets never shift under
// coding; nothing is written then.
func (p *Project) ReplaceText(docID string, pages []coding.Page, needsOCR bool, warnings []string) (coding.Document, error) {
	const op = "replace text"
	boxes, err := checkPages(op, docID, pages)
	if err != nil {
		return coding.Document{}, err
	}
	w := "[]"
	if len(warnings) > 0 {
		b, err := json.Marshal(warnings)
		if err != nil {
			return coding.Document{}, coding.E(coding.KindInvalid, op, docID, err)
		}
		w = string(b)
	}
	text := coding.NewText(stripBoxes(pages))
	var out coding.Document
	err = p.write(op, func(t *tx) error {
		ctx := context.Background()
		d, err := getDocument(t.q, docID)
		if err != nil {
			return err
		}
		// Take the text out of the cache now: whatever happens next, the
		// next reader loads it from the file.
		p.uncacheText(docID)
		n, err := t.count("SELECT count(*) FROM fragments WHERE doc_id = ?", docID)
		if err != nil {
			return err
		}
		if err := coding.CheckNewText(d, n); err != nil {
			return err
		}
		if len(pages) != d.Pages {
			return coding.Errorf(coding.KindInvalid, op, "document "+d.Title,
				"%s given for a document of %d", coding.Count(len(pages), "page"), d.Pages)
		}
		stmt, err := t.q.PrepareContext(ctx, `UPDATE pages SET start_offset = ?, text = ?, boxes = ?,
			x0 = ?, y0 = ?, x1 = ?, y1 = ?, rotation = ? WHERE doc_id = ? AND number = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, pg := range pages {
			res, err := stmt.ExecContext(ctx, text.PageStart(i+1), pg.Text, boxesArg(boxes[i]),
				float64(pg.X0), float64(pg.Y0), float64(pg.X1), float64(pg.Y1), pg.Rotation, docID, i+1)
			if err != nil {
				return err
			}
			if k, err := res.RowsAffected(); err != nil {
				return err
			} else if k != 1 {
				return coding.Errorf(coding.KindDamaged, op, "document "+d.Title, "page %d is missing from the file", i+1)
			}
		}
		if err := indexDocument(t.q, docID); err != nil {
			return err
		}
		if err := t.exec("UPDATE documents SET chars = ?, needs_ocr = ?, warnings = ?, modified = ? WHERE id = ?",
			text.Len(), needsOCR, w, fmtTime(t.now), docID); err != nil {
			return err
		}
		out, err = getDocument(t.q, docID)
		return err
	})
	if err != nil {
		return coding.Document{}, err
	}
	p.uncacheText(docID)
	return out, nil
}

// uncacheText forgets a document's cached text.
func (p *Project) uncacheText(docID string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.texts, docID)
}
