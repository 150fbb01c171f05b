// Package refiqda reads and writes REFI-QDA 1.0 exchange files. It writes
// a cmocoder project as a project exchange file (.qdpx): a ZIP holding project.qde (XML in the namespace
// urn:QDA-XML:project:1.0, valid against the REFI Project.xsd of March
// 2019) and the sources it names, so that NVivo, ATLAS.ti, MAXQDA and
// QualCoder can import a realist review's codings. It reads .qdpx, .qde
// and .qdc files of any tool back and maps them to the domain.
//
// The files: write.go writes; model.go holds the values a file is read
// into and the XML they are read from; read.go reads .qdc, .qde and .qdpx
// files; codes.go says what each code means (a role or a label);
// passages.go places another tool's passages in cmocoder's text;
// mapping.go makes a file's coding one coding.Change (Import);
// pdfselection.go reads and writes area codings of PDFs; cmocs.go
// brings back the CMOCs and programme theories of cmocoder's own export.
//
// The mapping (see ../../../shared/refi-qda/NOTES.md):
//
//   - each coder is a User; everything that records a coder points at one;
//   - the four roles are top-level codable Codes with the app's colours; a
//     role that carries valence has the child codes "<Role> +" and
//     "<Role> −", and a fragment with a valence is coded with the child;
//     the codebook's labels sit under a folder code "Labels";
//   - each document is a PDFSource holding the original PDF
//     (sources/<guid>.pdf) and a Representation, its text exactly as
//     offsets count it with page breaks written as "\n" (sources/<guid>.txt);
//     each fragment is a PlainTextSelection of that text, with one Coding
//     for its role (or valence) code and one per label, and a PDFSelection
//     per page it covers with the same codings (pdfselection.go);
//   - fragment memos and CMOCs are Notes; a CMOC's note is linked to each of
//     its fragments' selections (Links) and sits in the Set of its
//     programme theory;
//   - study characteristics are Text Variables with a value on each source.
//
// GUIDs are the entities' own UUIDs where they have one; everything else
// (role codes, representations, codings, links, memo notes) gets a name-
// based UUID (version 5) of a fixed namespace, so exporting the same
// project twice gives the same file byte for byte, and the role codes
// have the same GUIDs in every export of every project.
package refiqda

import (
	"crypto/sha1"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// Project is what an export writes: a project's contents as the domain
// holds them, and a way to read each document's PDF and text.
type Project struct {
	Title  string // Project@name; "cmocoder project" when empty
	Origin string // Project@origin, e.g. "cmocoder 1.2.0"

	// Created and CreatedBy (a coder's name) are the project's creation,
	// when known.
	Created   time.Time
	CreatedBy string

	// Coders are the team members with their IDs. A coder named by a
	// fragment or CMOC but missing here is added with a GUID derived from
	// the name.
	Coders []coding.Coder

	Documents []Document        // in import order
	Fragments []coding.Fragment // any order; written in document order
	Labels    []coding.Label
	CMOCs     []coding.CMOC
	Theories  []coding.Theory
}

// Document is one source: its record and how to read its bytes.
type Document struct {
	coding.Document

	// PDF returns the original PDF bytes; nil when the document has no
	// PDF, which is then written as a TextSource, as a text document
	// (Format not a PDF) always is.
	PDF func() ([]byte, error)
	// Text returns the document's text as offsets count it: pages joined
	// by coding.PageSeparator. Its length in code points must be Chars.
	Text func() (string, error)
	// Page returns page n (1-based) of a PDF with its character boxes, for
	// the area selections written beside the text selections; nil writes
	// none.
	Page func(n int) (coding.Page, error)
}

// Namespace is the UUID namespace of the GUIDs this package derives: the
// version-5 UUID of the URL "https://cmocoder.org/refi-qda" in the URL
// namespace of RFC 4122.
var Namespace = uuid5(parseUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://cmocoder.org/refi-qda")

// GUID returns the version-5 (SHA-1, name-based) UUID of name in
// Namespace, lower case, 8-4-4-4-12.
func GUID(name string) string { return uuid5(namespace, name) }

var namespace = parseUUID(Namespace)

func parseUUID(s string) [16]byte {
	var b [16]byte
	h := strings.ReplaceAll(s, "-", "")
	for i := range b {
		fmt.Sscanf(h[2*i:2*i+2], "%02x", &b[i])
	}
	return b
}

func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// entityGUID is an entity's own ID when it is a GUID (lower-cased), else
// one derived from its kind and ID.
func entityGUID(kind, id string) string {
	if guidRE.MatchString(id) {
		return strings.ToLower(id)
	}
	return GUID(kind + "/" + id)
}

// The GUIDs of the fixed codes, the same in every export.
var (
	labelsFolderGUID = GUID("code/labels")
)

// RoleGUID is the GUID of a role's code.
func RoleGUID(r coding.Role) string { return GUID("code/" + string(r)) }

// ValenceGUID is the GUID of a role's child code for a valence.
func ValenceGUID(r coding.Role, v coding.Valence) string {
	return GUID("code/" + string(r) + "/" + string(v))
}

// RepresentationGUID is the GUID of a document's text representation.
func RepresentationGUID(docID string) string { return GUID(docID + "/text") }

// MemoGUID is the GUID of the note holding a fragment's memo.
func MemoGUID(fragmentID string) string { return GUID(fragmentID + "/memo") }

// CodingGUID is the GUID of the coding of a selection with a code.
func CodingGUID(selectionGUID, codeGUID string) string {
	return GUID(selectionGUID + "/coding/" + codeGUID)
}

// LinkGUID is the GUID of the link from a CMOC's note to a fragment.
func LinkGUID(cmocGUID, selectionGUID string) string {
	return GUID(cmocGUID + "/link/" + selectionGUID)
}

// CoderGUID is the GUID given to a coder known only by name.
func CoderGUID(name string) string { return GUID("coder/" + strings.ToLower(strings.TrimSpace(name))) }

// roleColours are the app's role colours (app/roles.go, Okabe & Ito).
var roleColours = map[coding.Role]string{
	coding.Context:   "#56b4e9",
	coding.Resource:  "#e69f00",
	coding.Reasoning: "#cc79a7",
	coding.Outcome:   "#009e73",
}

// roleDescriptions are the roles' meanings (DOMAIN.md).
var roleDescriptions = map[coding.Role]string{
	coding.Context:   "A condition that exists before or outside the programme and changes whether a mechanism fires (e.g. \"a hospital merger requires new leadership roles\").",
	coding.Resource:  "What the programme or leader offers or does (e.g. \"the chief executive openly addresses staff concerns\").",
	coding.Reasoning: "How people respond to that resource (e.g. \"staff are reassured\").",
	coding.Outcome:   "The result, intended or not.",
}

// valenceRoles take a valence in a realist coding: a mechanism is present
// or absent, an outcome positive or negative. The domain accepts a valence
// on a context fragment too; the Context +/− codes are written only when a
// context fragment has one.
var valenceRoles = map[coding.Role]bool{coding.Resource: true, coding.Reasoning: true, coding.Outcome: true}

func valenceDescription(r coding.Role, v coding.Valence) string {
	switch {
	case r == coding.Outcome && v == coding.Positive:
		return "A positive outcome (O+)."
	case r == coding.Outcome:
		return "A negative outcome (O−)."
	case r == coding.Context && v == coding.Positive:
		return "Context coded with a + valence."
	case r == coding.Context:
		return "Context coded with a − valence."
	case v == coding.Positive:
		return "The mechanism is present (M+)."
	}
	return "The mechanism is absent (M−)."
}

// clean drops what XML 1.0 cannot hold: control characters other than
// tab, line feed and carriage return, surrogates, U+FFFE and U+FFFF, and
// bytes that are not UTF-8.
func clean(s string) string {
	ok := true
	for i, r := range s {
		if !xmlChar(r) || (r == utf8.RuneError && !validAt(s, i)) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if xmlChar(r) && !(r == utf8.RuneError && !validAt(s, i)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func validAt(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError || n == 3
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// short is s on one line, at most n code points, "…" when cut.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(clean(s)), " ")
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}

// xmlTime is a time as xsd:dateTime in UTC with Z, "" when unknown.
func xmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

var rgbRE = regexp.MustCompile(`^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$`)
