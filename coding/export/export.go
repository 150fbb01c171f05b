// Package export builds the tables a realist review publishes from a
// project's domain values — the CMOC table, the fragments, the
// mechanism-by-source matrix, the codebook and the table of sources — and
// writes them as CSV, Markdown, HTML, LaTeX, XLSX or DOCX.
//
// Building and writing are apart: Build turns a Project into a Table of
// strings (with the CMOC boxes for the HTML report), and each writer turns
// any Table into one format. Only the standard library and excelize are
// used.
package export

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// Project is what the tables are built from: everything in a project file
// except the PDFs and page texts.
type Project struct {
	Title     string
	Documents []coding.Document // in import order
	Fragments []coding.Fragment // all of them, in document order
	CMOCs     []coding.CMOC     // in the order they were made
	Theories  []coding.Theory   // in their order
	Labels    []coding.Label    // the codebook
	// Deleted tells, for a fragment a CMOC names but that is gone, when
	// and by whom it was deleted ("2026-11-23 by ana"); may be nil.
	Deleted map[string]string

	cite string // Options.Cite, set by Build
}

// The tables.
const (
	TableCMOCs     = "cmocs"
	TableFragments = "fragments"
	TableMatrix    = "matrix"
	TableCodebook  = "codebook"
	TableSources   = "sources"
)

// Tables lists the table names in the order of the CLI's usage text.
var Tables = []string{TableCMOCs, TableFragments, TableMatrix, TableCodebook, TableSources, TableContributions}

// The formats.
const (
	CSV      = "csv"
	XLSX     = "xlsx"
	DOCX     = "docx"
	Markdown = "md"
	HTML     = "html"
	TeX      = "tex"
)

// Formats lists the format names.
var Formats = []string{CSV, XLSX, DOCX, Markdown, HTML, TeX}

// Binary reports whether a format is not text (and so is not written to a
// terminal).
func Binary(format string) bool { return format == XLSX || format == DOCX }

// Table is a table ready to write: a header row and rows of text cells.
type Table struct {
	Name    string   // "cmocs", ...: the sheet name
	Title   string   // the caption
	Project string   // the project's title, for a standalone document
	Columns []string // the header
	// Numeric marks the columns holding numbers (right-aligned).
	Numeric []bool
	Rows    [][]string
	// Footer rows follow the body, set apart (the matrix's totals).
	Footer [][]string
	// Notes are printed under the table (what a reader must know).
	Notes []string
	// Theories are the CMOC boxes grouped by programme theory, for the
	// HTML report; set for the cmocs table only.
	Theories []TheoryBoxes
}

// TheoryBoxes is one programme theory and its CMOCs, for the report.
type TheoryBoxes struct {
	Name        string // "(no programme theory)" for unfiled CMOCs
	Kind        coding.TheoryKind
	Description string
	Statement   string
	Refines     string // the name of the initial theory a refined one refines
	Boxes       []Box
}

// Box is one CMOC as published: its statement, its configuration line and
// the evidence for each role.
type Box struct {
	Number        int // 1-based, the order of the table
	ID            string
	Statement     string
	Narrative     string
	Configuration string // coding.Configuration of its fragments
	Parts         []BoxPart
	Labels        []string
	Sources       string // "Agyeman-Duah et al. 2014, p. 5; ..."
	Missing       string // "missing evidence: ..." when fragments were deleted
	Unclassified  string // "unclassified evidence: ..." when fragments without a role support it
	// Supporting is the unclassified evidence as a part of its own (Role
	// coding.Unclassified), for a figure; its Text is "" when there is none.
	Supporting BoxPart
}

// BoxPart is one role of a box: its tag, text and where it comes from.
type BoxPart struct {
	Role    coding.Role
	Tag     string // "(M−, Resource)"
	Valence string // "+", "−", "+/−" or ""
	Text    string // coding.Gap when the role has no fragment
	Source  string // "Agyeman-Duah et al. 2014, p. 5"
	// Cited names each source of the part once, in the order of its
	// fragments ("Agyeman-Duah et al. 2014"): a figure's short citation.
	Cited []string
	// Quotes are the fragments' texts one by one (Text joins them), for a
	// figure that quotes each.
	Quotes []string
}

// Options tune Build.
type Options struct {
	// MatrixBy is "labels" (the default) or "theories": what the matrix's
	// rows are.
	MatrixBy string
	// IDs keeps the internal ID column of the cmocs and fragments tables;
	// a table to publish has no use for it.
	IDs bool
	// All keeps the sources the reviewers excluded (included.go); the
	// flow table always counts every source.
	All bool
	// Cite is how tables name sources: CiteAuthorYear (the default, also
	// "") or CiteNumbered.
	Cite string
}

// Build builds one table. Warnings say what a reader of the table must
// know and might miss: a CMOC left without some of its evidence.
func Build(p *Project, table string, opt Options) (t *Table, warnings []string, err error) {
	p, err = p.Citing(opt.Cite)
	if err != nil {
		return nil, nil, err
	}
	left := 0
	if !opt.All && table != TableFlow {
		p, left = p.withoutExcluded()
	}
	switch table {
	case TableCMOCs:
		t, warnings = CMOCTable(p)
	case TableFragments:
		t = FragmentTable(p)
	case TableMatrix:
		switch opt.MatrixBy {
		case "", "labels", "label":
			t = LabelMatrix(p)
		case "theories", "theory":
			t = TheoryMatrix(p)
		default:
			return nil, nil, coding.Errorf(coding.KindInvalid, "export", opt.MatrixBy, "unknown matrix rows %q (want labels or theories)", opt.MatrixBy)
		}
	case TableCodebook:
		t = CodebookTable(p)
	case TableSources:
		t = SourceTable(p)
	case TableContributions:
		t = ContributionTable(p)
	case TableFlow:
		t = FlowTable(p)
	case TableReferences:
		t = ReferenceTable(p)
	default:
		return nil, nil, coding.Errorf(coding.KindInvalid, "export", table, "unknown table %q (want %s)", table, strings.Join(Tables, ", "))
	}
	if !opt.IDs {
		t.dropColumn("ID")
	}
	if left > 0 {
		t.Notes = append(t.Notes, excludedNote(left))
	}
	if opt.Cite == CiteNumbered && citesSources(table) {
		t.Notes = append(t.Notes, numberedNote)
	}
	t.Project = clean(p.Title)
	return t, warnings, nil
}

// dropColumn leaves out the column with the header given, if there is one.
func (t *Table) dropColumn(header string) {
	i := slices.Index(t.Columns, header)
	if i < 0 {
		return
	}
	t.Columns = slices.Delete(t.Columns, i, i+1)
	if i < len(t.Numeric) {
		t.Numeric = slices.Delete(t.Numeric, i, i+1)
	}
	for j, r := range t.Rows {
		if i < len(r) {
			t.Rows[j] = slices.Delete(r, i, i+1)
		}
	}
	for j, r := range t.Footer {
		if i < len(r) {
			t.Footer[j] = slices.Delete(r, i, i+1)
		}
	}
}

// writers are the writers of the Formats, by name.
var writers = map[string]func(io.Writer, *Table) error{
	CSV: WriteCSV, Markdown: WriteMarkdown, HTML: WriteHTML, TeX: WriteTeX, XLSX: WriteXLSX, DOCX: WriteDOCX,
}

// Write writes t in a format.
func Write(w io.Writer, t *Table, format string) error {
	if write, ok := writers[format]; ok {
		return write(w, t)
	}
	return coding.Errorf(coding.KindInvalid, "export", format, "unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// clean makes text safe for every format: page separators and other
// control characters become spaces (XML cannot hold them), line breaks
// are kept as "\n", and invalid UTF-8 is replaced.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\t' || r == '\uFFFE' || r == '\uFFFF'
	}) < 0 &&
		!strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t', r == coding.PageSeparator, r == '\r':
			return ' '
		case unicode.IsControl(r), r == '\uFFFE', r == '\uFFFF':
			return ' '
		}
		return r
	}, s)
}

// oneLine collapses white space, for cells that quote a passage.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func itoa(n int) string { return fmt.Sprint(n) }
