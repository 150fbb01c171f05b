package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// HasPDF reports whether a PDF with this SHA-256 (hex, any case) is in the
// project already, and as which document.
func (p *Project) HasPDF(sha256hex string) (coding.Document, bool, error) {
	var d coding.Document
	found := false
	err := p.read("find PDF", func(q querier) error {
		var err error
		d, found, err = documentBySHA(q, strings.ToLower(strings.TrimSpace(sha256hex)))
		return err
	})
	return d, found, err
}

// AddDocument imports a document in one transaction: its metadata, the
// original file's bytes (pdf: a PDF, or a text document's file as read)
// and its pages (text and one box per code point). It fills in and
// returns the document's ID (a new one when empty), Added (now when zero),
// Modified (now), SHA256 (computed from pdf when empty), Format (PDF when
// empty), Pages, Chars and, when empty, Title (from FileName). A file whose
// SHA-256 is in the project already is refused with KindExists, and
// nothing is written. pdf may be nil for a source without its file.
func (p *Project) AddDocument(doc coding.Document, pdf []byte, pages []coding.Page) (coding.Document, error) {
	const op = "add document"
	item := doc.FileName
	if item == "" {
		item = doc.Title
	}
	// Check and encode outside the transaction: the lock is held only
	// for the writing.
	if len(pdf) > 0 {
		sum := sha256.Sum256(pdf)
		h := hex.EncodeToString(sum[:])
		if doc.SHA256 != "" && !strings.EqualFold(doc.SHA256, h) {
			return doc, coding.Errorf(coding.KindInvalid, op, item, "the SHA-256 given (%s) is not that of the PDF (%s)", doc.SHA256, h)
		}
		doc.SHA256 = h
	} else {
		doc.SHA256 = strings.ToLower(strings.TrimSpace(doc.SHA256))
	}
	boxes, err := checkPages(op, item, pages)
	if err != nil {
		return doc, err
	}
	text := coding.NewText(stripBoxes(pages))
	if doc.ID == "" {
		doc.ID = coding.NewID()
	}
	if doc.Title == "" {
		doc.Title = doc.FileName
	}
	if doc.Format == "" {
		doc.Format = coding.FormatPDF
	}
	doc.Pages, doc.Chars = len(pages), text.Len()
	warnings := "[]"
	if len(doc.Warnings) > 0 {
		b, err := json.Marshal(doc.Warnings)
		if err != nil {
			return doc, coding.E(coding.KindInvalid, op, item, err)
		}
		warnings = string(b)
	}
	var out coding.Document
	err = p.write(op, func(t *tx) error {
		ctx := context.Background()
		if doc.SHA256 != "" {
			other, found, err := documentBySHA(t.q, doc.SHA256)
			if err != nil {
				return err
			}
			if found {
				return coding.Errorf(coding.KindExists, op, item, "already in the project as %s (%s)", other.Title, other.ID)
			}
		}
		if other, err := getDocument(t.q, doc.ID); err == nil {
			return coding.Errorf(coding.KindExists, op, item, "a document with id %s is in the project already (%s)", doc.ID, other.Title)
		} else if !coding.IsKind(err, coding.KindNotFound) {
			return err
		}
		d := doc
		if d.Added.IsZero() {
			d.Added = t.now
		}
		d.Modified = t.now
		var sha any
		if d.SHA256 != "" {
			sha = d.SHA256
		}
		_, err := t.q.ExecContext(ctx, `INSERT INTO documents (id, position, file_name, title, sha256,
				pages, chars, authors, year, citation, needs_ocr, warnings, added, modified,
				objectives, location, design, participants, relevance, relevance_note, rigour, rigour_note,
				format, encoding, line_ending, `+refsCols+`)
			VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM documents), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append([]any{d.ID, d.FileName, d.Title, sha, d.Pages, d.Chars, d.Authors, d.Year, d.Citation,
				d.NeedsOCR, warnings, fmtTime(d.Added), fmtTime(d.Modified),
				d.Objectives, d.Location, d.Design, d.Participants, string(d.Relevance.Judgement), d.Relevance.Note,
				string(d.Rigour.Judgement), d.Rigour.Note, d.Format, d.Encoding, d.LineEnding},
				refsValues(d.Reference, d.Screening)...)...)
		if err != nil {
			return err
		}
		if len(pdf) > 0 {
			if _, err := t.q.ExecContext(ctx, "INSERT INTO pdfs (doc_id, data) VALUES (?, ?)", d.ID, pdf); err != nil {
				return err
			}
		}
		stmt, err := t.q.PrepareContext(ctx, insertPage)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, pg := range pages {
			if _, err := stmt.ExecContext(ctx, d.ID, i+1, text.PageStart(i+1), pg.Text, boxesArg(boxes[i]),
				float64(pg.X0), float64(pg.Y0), float64(pg.X1), float64(pg.Y1), pg.Rotation); err != nil {
				return err
			}
		}
		if err := indexDocument(t.q, d.ID); err != nil {
			return err
		}
		if err := t.forget("document", d.ID); err != nil {
			return err
		}
		if testHookAddDocument != nil {
			testHookAddDocument()
		}
		out = d
		return nil
	})
	if err != nil {
		return doc, err
	}
	p.cacheText(out.ID, text)
	return out, nil
}

// testHookAddDocument, when set by a test, runs inside AddDocument's
// transaction once everything is written, before the commit.
var testHookAddDocument func()

// stripBoxes copies pages without their boxes, for a Text.
func stripBoxes(pages []coding.Page) []coding.Page {
	out := make([]coding.Page, len(pages))
	for i, pg := range pages {
		pg.Boxes = nil
		out[i] = pg
	}
	return out
}

// Documents lists the documents in import order.
func (p *Project) Documents() ([]coding.Document, error) {
	return readValue(p, "list documents", listDocuments)
}

// Document returns one document; KindNotFound when there is none.
func (p *Project) Document(id string) (coding.Document, error) {
	return readValue(p, "get document", func(q querier) (coding.Document, error) { return getDocument(q, id) })
}

func listDocuments(q querier) ([]coding.Document, error) {
	return queryAll(q, scanDocument, "SELECT "+documentCols+" FROM documents ORDER BY position")
}

const documentCols = `id, file_name, title, coalesce(sha256, ''), pages, chars, authors, year, citation,
	needs_ocr, warnings, added, modified, objectives, location, design, participants, relevance,
	relevance_note, rigour, rigour_note, format, encoding, line_ending, ` + refsCols

func scanDocument(s scanner) (coding.Document, error) {
	var d coding.Document
	var warnings, added, modified, relevance, rigour string
	if err := s.Scan(append([]any{&d.ID, &d.FileName, &d.Title, &d.SHA256, &d.Pages, &d.Chars, &d.Authors, &d.Year,
		&d.Citation, &d.NeedsOCR, &warnings, &added, &modified, &d.Objectives, &d.Location, &d.Design,
		&d.Participants, &relevance, &d.Relevance.Note, &rigour, &d.Rigour.Note,
		&d.Format, &d.Encoding, &d.LineEnding}, refsDest(&d)...)...); err != nil {
		return d, err
	}
	d.Relevance.Judgement, d.Rigour.Judgement = coding.Judgement(relevance), coding.Judgement(rigour)
	if err := json.Unmarshal([]byte(warnings), &d.Warnings); err != nil {
		return d, fmt.Errorf("%w: warnings of document %s", errBadData, d.ID)
	}
	if len(d.Warnings) == 0 {
		d.Warnings = nil
	}
	var err error
	d.Added, d.Modified, err = parseTimes(added, modified)
	return d, err
}

func getDocument(q querier, id string) (coding.Document, error) {
	return queryOne(q, scanDocument, notFound("get document", "document", id), "SELECT "+documentCols+" FROM documents WHERE id = ?", id)
}

func documentBySHA(q querier, sha string) (coding.Document, bool, error) {
	if sha == "" {
		return coding.Document{}, false, nil
	}
	d, err := scanDocument(q.QueryRowContext(context.Background(), "SELECT "+documentCols+" FROM documents WHERE sha256 = ?", sha))
	if errors.Is(err, sql.ErrNoRows) {
		return coding.Document{}, false, nil
	}
	return d, err == nil, err
}

// Text returns a document's text: its pages' texts (Boxes nil) joined by
// coding.PageSeparator. It is cached, as a document's text never changes
// once imported: callers must not modify it.
func (p *Project) Text(docID string) (*coding.Text, error) {
	if t := p.cachedText(docID); t != nil {
		return t, nil
	}
	return readValue(p, "get text", func(q querier) (*coding.Text, error) { return p.text(q, docID) })
}

func (p *Project) cachedText(docID string) *coding.Text {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.texts[docID]
}

func (p *Project) cacheText(docID string, t *coding.Text) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.texts) >= maxCachedTexts {
		for k := range p.texts { // drop any one
			delete(p.texts, k)
			break
		}
	}
	p.texts[docID] = t
}

// text loads (or finds in the cache) a document's text and checks that its
// pages are all there and add up.
func (p *Project) text(q querier, docID string) (*coding.Text, error) {
	if t := p.cachedText(docID); t != nil {
		return t, nil
	}
	d, err := getDocument(q, docID)
	if err != nil {
		return nil, err
	}
	pages := make([]coding.Page, 0, d.Pages)
	var starts []int
	err = eachRow(q, scanPageText, func(r pageRow) error {
		pages = append(pages, r.page)
		starts = append(starts, r.start)
		return nil
	}, "SELECT number, start_offset, text, x0, y0, x1, y1, rotation FROM pages WHERE doc_id = ? ORDER BY number", docID)
	if err != nil {
		return nil, err
	}
	t := coding.NewText(pages)
	if len(pages) != d.Pages || t.Len() != d.Chars {
		return nil, fmt.Errorf("%w: document %q has %d pages and %d characters instead of %d and %d",
			errBadData, d.Title, len(pages), t.Len(), d.Pages, d.Chars)
	}
	for i, pg := range pages {
		if pg.Number != i+1 || starts[i] != t.PageStart(i+1) {
			return nil, fmt.Errorf("%w: page %d of document %q is out of place", errBadData, i+1, d.Title)
		}
	}
	p.cacheText(docID, t)
	return t, nil
}

// pageRow is a page's text and geometry (no boxes) and the offset it
// starts at.
type pageRow struct {
	page  coding.Page
	start int
}

func scanPageText(s scanner) (pageRow, error) {
	var r pageRow
	var x0, y0, x1, y1 float64
	err := s.Scan(&r.page.Number, &r.start, &r.page.Text, &x0, &y0, &x1, &y1, &r.page.Rotation)
	r.page.X0, r.page.Y0, r.page.X1, r.page.Y1 = float32(x0), float32(y0), float32(x1), float32(y1)
	return r, err
}

// Page returns page n (1-based) of a document with its character boxes.
func (p *Project) Page(docID string, n int) (coding.Page, error) {
	const op = "get page"
	var pg coding.Page
	err := p.read(op, func(q querier) error {
		var data []byte
		var x0, y0, x1, y1 float64
		err := q.QueryRowContext(context.Background(),
			"SELECT number, text, boxes, x0, y0, x1, y1, rotation FROM pages WHERE doc_id = ? AND number = ?",
			docID, n).Scan(&pg.Number, &pg.Text, &data, &x0, &y0, &x1, &y1, &pg.Rotation)
		if errors.Is(err, sql.ErrNoRows) {
			d, err := getDocument(q, docID)
			if err != nil {
				return err
			}
			return coding.Errorf(coding.KindNotFound, op, d.Title, "no page %d (the document has %d)", n, d.Pages)
		}
		if err != nil {
			return err
		}
		pg.X0, pg.Y0, pg.X1, pg.Y1 = float32(x0), float32(y0), float32(x1), float32(y1)
		pg.Boxes, err = decodeBoxes(data, utf8.RuneCountInString(pg.Text))
		if err != nil {
			return fmt.Errorf("page %d of document %s: %w", n, docID, err)
		}
		return nil
	})
	return pg, err
}

// PDF returns a document's original file (a PDF, or a text document's
// file as it was read: see Document.Format), checked against the SHA-256
// recorded at import (KindDamaged when they differ).
func (p *Project) PDF(docID string) ([]byte, error) {
	const op = "get PDF"
	var data []byte
	err := p.read(op, func(q querier) error {
		d, err := getDocument(q, docID)
		if err != nil {
			return err
		}
		err = q.QueryRowContext(context.Background(), "SELECT data FROM pdfs WHERE doc_id = ?", docID).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return coding.Errorf(coding.KindNotFound, op, d.Title, "the project holds no PDF of this document")
		}
		if err != nil {
			return err
		}
		if d.SHA256 != "" {
			sum := sha256.Sum256(data)
			if hex.EncodeToString(sum[:]) != d.SHA256 {
				return fmt.Errorf("%w: the PDF of %q is not the one imported", errBadData, d.Title)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}

// insertPage adds one page row, in the order of the pages table's columns
// (a merge copies OTHER's rows through it as they are).
const insertPage = `INSERT INTO pages (doc_id, number, start_offset, text, boxes,
	x0, y0, x1, y1, rotation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// boxesArg is a page's encoded boxes as an SQL argument: NULL for a page
// without boxes (checkPages leaves those nil).
func boxesArg(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// checkPages validates pages for storing and encodes their boxes, on all
// CPUs: encoding is most of the storage side of importing a long book.
func checkPages(op, item string, pages []coding.Page) ([][]byte, error) {
	for i, pg := range pages {
		switch {
		case pg.Number != 0 && pg.Number != i+1:
			return nil, coding.Errorf(coding.KindInvalid, op, item, "page %d is numbered %d", i+1, pg.Number)
		case !utf8.ValidString(pg.Text):
			return nil, coding.Errorf(coding.KindInvalid, op, item, "page %d: the text is not valid UTF-8", i+1)
		case strings.ContainsRune(pg.Text, coding.PageSeparator):
			return nil, coding.Errorf(coding.KindInvalid, op, item, "page %d: the text holds a page separator (form feed)", i+1)
		case pg.Rotation != 0 && pg.Rotation != 90 && pg.Rotation != 180 && pg.Rotation != 270:
			return nil, coding.Errorf(coding.KindInvalid, op, item, "page %d: rotation %d is not 0, 90, 180 or 270", i+1, pg.Rotation)
		}
		if n := utf8.RuneCountInString(pg.Text); len(pg.Boxes) != 0 && len(pg.Boxes) != n {
			return nil, coding.Errorf(coding.KindInvalid, op, item, "page %d: %d boxes for %d characters", i+1, len(pg.Boxes), n)
		}
	}
	boxes := make([][]byte, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				boxes[i] = encodeBoxes(pages[i].Boxes)
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return boxes, nil
}
