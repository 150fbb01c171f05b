package coding

import "time"

// Reader reads a project: everything the views and the verbs show. Every
// method is safe to call from any goroutine. storage.Project is one; a
// team server's database could be another, behind the same session.
type Reader interface {
	// Title is the project's title.
	Title() (string, error)
	// Created is when and by whom the project was made.
	Created() (at time.Time, by string, err error)

	// Documents lists the documents in import order.
	Documents() ([]Document, error)
	Document(id string) (Document, error)
	// Text is a document's text, pages separated by a form feed.
	Text(docID string) (*Text, error)
	// Page is one page (1-based) with its text and boxes.
	Page(docID string, n int) (Page, error)
	// PDF is the document's file as it was added.
	PDF(docID string) ([]byte, error)

	// Fragments lists the fragments of a document, or of every document
	// when docID is "", in document order.
	Fragments(docID string) ([]Fragment, error)
	Fragment(id string) (Fragment, error)
	// RoleCounts counts each document's fragments by role, without
	// reading them: what the documents list shows after every change.
	RoleCounts() (map[string]map[Role]int, error)
	// FragmentCounts counts each document's fragments: what the `docs`
	// verb prints, in half RoleCounts' time.
	FragmentCounts() (map[string]int, error)
	CMOCs() ([]CMOC, error)
	CMOC(id string) (CMOC, error)
	Theories() ([]Theory, error)
	Labels() ([]Label, error)
	// Coders lists everyone who has coded in the project.
	Coders() ([]Coder, error)

	// Contents reads everything but the PDFs and page texts in one go, so
	// that what is built from it agrees with itself.
	Contents() (Contents, error)
}

// Contents is everything in a project except the PDFs and the page texts,
// read in one transaction: what the exports build their tables from.
type Contents struct {
	Title     string
	Documents []Document // in import order
	Fragments []Fragment // in document order
	CMOCs     []CMOC     // in the order they were made
	Theories  []Theory   // by position, then name
	Labels    []Label    // by name
	// DeletedFragments are the fragments CMOCs still name but that were
	// deleted, by ID, with when and by whom.
	DeletedFragments map[string]Removed
}

// Removed says when and by whom a fragment was deleted, as Contents
// lists it (Deletion is the merge's fuller record).
type Removed struct {
	At    string // RFC 3339, UTC
	Coder string
}
