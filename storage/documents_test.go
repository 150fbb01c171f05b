package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

func TestAddDocument(t *testing.T) {
	p := newProject(t)
	pages := threePages()
	pdf := []byte("%PDF-1.4\n% not really a PDF, but bytes to keep\n%%EOF\n")
	doc, err := p.AddDocument(coding.Document{
		FileName: "agyeman-duah 2014.pdf", Title: "Leadership in a merger", Authors: "Agyeman-Duah",
		Year: "2014", Citation: "BMC Health Serv Res 14:50", Warnings: []string{"page 2: no text layer"},
	}, pdf, pages)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	whole := pages[0].Text + "\f" + pages[1].Text + "\f" + pages[2].Text
	switch {
	case doc.ID == "":
		t.Error("no ID")
	case doc.SHA256 != hex.EncodeToString(sum[:]):
		t.Errorf("SHA256 %q", doc.SHA256)
	case doc.Pages != 3:
		t.Errorf("Pages %d", doc.Pages)
	case doc.Chars != utf8.RuneCountInString(whole):
		t.Errorf("Chars %d, want %d", doc.Chars, utf8.RuneCountInString(whole))
	case doc.Added.IsZero() || !doc.Modified.Equal(doc.Added):
		t.Errorf("Added %v Modified %v", doc.Added, doc.Modified)
	}

	check := func(t *testing.T, p *Project) {
		got, err := p.Document(doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, doc) {
			t.Errorf("Document\n got %+v\nwant %+v", got, doc)
		}
		docs, err := p.Documents()
		if err != nil || len(docs) != 1 || !reflect.DeepEqual(docs[0], doc) {
			t.Errorf("Documents: %v %+v", err, docs)
		}
		found, ok, err := p.HasPDF(strings.ToUpper(doc.SHA256))
		if err != nil || !ok || found.ID != doc.ID {
			t.Errorf("HasPDF: %v %v %+v", err, ok, found)
		}
		if _, ok, err := p.HasPDF(strings.Repeat("0", 64)); err != nil || ok {
			t.Errorf("HasPDF of another PDF: %v %v", err, ok)
		}
		text, err := p.Text(doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if text.String() != whole || text.Len() != doc.Chars {
			t.Errorf("Text %q (%d)", text.String(), text.Len())
		}
		for _, pg := range text.Pages {
			if pg.Boxes != nil {
				t.Errorf("Text page %d has boxes", pg.Number)
			}
		}
		// Every span, against slicing the runes of the whole text.
		runes := []rune(whole)
		for start := 0; start < len(runes); start += 3 {
			for end := start + 1; end <= len(runes); end += 7 {
				if got, want := text.Slice(start, end), string(runes[start:end]); got != want {
					t.Fatalf("Slice(%d, %d) = %q, want %q", start, end, got, want)
				}
			}
		}
		if n := text.PageAt(utf8.RuneCountInString(pages[0].Text)); n != 1 {
			// an offset on the separator belongs to the page before it
			t.Errorf("PageAt(separator) = %d", n)
		}
		samePages(t, p, doc.ID, pages)
		if _, err := p.Page(doc.ID, 4); err != nil {
			wantKind(t, err, coding.KindNotFound, "no page 4", "Leadership in a merger")
		} else {
			t.Error("page 4 found")
		}
		b, err := p.PDF(doc.ID)
		if err != nil || string(b) != string(pdf) {
			t.Errorf("PDF: %v %q", err, b)
		}
	}
	t.Run("same session", func(t *testing.T) { check(t, p) })

	// The same PDF again: refused, and nothing written.
	before := fileSum(t, p.Path())
	_, err = p.AddDocument(coding.Document{FileName: "copy.pdf", Title: "Copy"}, pdf, pages[:1])
	wantKind(t, err, coding.KindExists, "copy.pdf", "already in the project as Leadership in a merger ("+doc.ID+")")
	if fileSum(t, p.Path()) != before {
		t.Error("a refused AddDocument changed the file")
	}
	if docs, _ := p.Documents(); len(docs) != 1 {
		t.Errorf("%d documents after a refused import", len(docs))
	}

	// From the file, without the cache.
	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	p2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p2.Close()
	t.Run("reopened", func(t *testing.T) { check(t, p2) })
	if err := p2.Check(); err != nil {
		t.Error(err)
	}
}

func TestAddDocumentOrderAndErrors(t *testing.T) {
	p := newProject(t)
	var ids []string
	for i := range 4 {
		doc, pdf, pages := synthDocument(uint64(i+1), 2, 300, 1000)
		d, err := p.AddDocument(doc, pdf, pages)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	docs, err := p.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if d.ID != ids[i] {
			t.Errorf("document %d is %s, want %s (import order)", i, d.ID, ids[i])
		}
	}

	// A source without a PDF, a title from its file name, no boxes.
	d, err := p.AddDocument(coding.Document{FileName: "notes.txt"}, nil, []coding.Page{{Text: "plain text"}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "notes.txt" || d.SHA256 != "" || d.Chars != 10 {
		t.Errorf("%+v", d)
	}
	if _, err := p.PDF(d.ID); err == nil {
		t.Error("PDF of a source without one")
	} else {
		wantKind(t, err, coding.KindNotFound, "no PDF")
	}
	if pg, err := p.Page(d.ID, 1); err != nil || pg.Boxes != nil || pg.Text != "plain text" {
		t.Errorf("Page: %v %+v", err, pg)
	}

	before := fileSum(t, p.Path())
	bad := []struct {
		name  string
		doc   coding.Document
		pdf   []byte
		pages []coding.Page
		kind  coding.Kind
		msg   string
	}{
		{"boxes", coding.Document{FileName: "a.pdf"}, []byte("a"), []coding.Page{{Text: "abc", Boxes: make([]coding.Box, 2)}}, coding.KindInvalid, "2 boxes for 3 characters"},
		{"separator", coding.Document{FileName: "b.pdf"}, []byte("b"), []coding.Page{{Text: "a\fb"}}, coding.KindInvalid, "page separator"},
		{"numbering", coding.Document{FileName: "c.pdf"}, []byte("c"), []coding.Page{{Number: 2, Text: "x"}}, coding.KindInvalid, "numbered 2"},
		{"utf-8", coding.Document{FileName: "d.pdf"}, []byte("d"), []coding.Page{{Text: "\xff"}}, coding.KindInvalid, "UTF-8"},
		{"rotation", coding.Document{FileName: "e.pdf"}, []byte("e"), []coding.Page{{Text: "x", Rotation: 1}}, coding.KindInvalid, "rotation 1"},
		{"sha", coding.Document{FileName: "f.pdf", SHA256: "abc"}, []byte("f"), nil, coding.KindInvalid, "SHA-256"},
		{"id taken", coding.Document{ID: ids[0], FileName: "g.pdf"}, []byte("g"), nil, coding.KindExists, "g.pdf"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := p.AddDocument(c.doc, c.pdf, c.pages)
			wantKind(t, err, c.kind, c.msg)
			if fileSum(t, p.Path()) != before {
				t.Error("the file changed")
			}
		})
	}
	if _, err := p.Document("nope"); err == nil {
		t.Error("found document nope")
	} else {
		wantKind(t, err, coding.KindNotFound, "nope", "no such document")
	}
	if _, err := p.Text("nope"); !coding.IsKind(err, coding.KindNotFound) {
		t.Errorf("Text(nope): %v", err)
	}
	if _, err := p.Fragments("nope"); !coding.IsKind(err, coding.KindNotFound) {
		t.Errorf("Fragments(nope): %v", err)
	}
}
