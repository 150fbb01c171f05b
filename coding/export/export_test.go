package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
	"github.com/xuri/excelize/v2"
)

// tricky holds what every format must escape: quotes, a pipe, a line
// break, LaTeX and HTML specials, non-Latin scripts.
const tricky = "He said \"yes\", | then\nleft & 50% of_staff {x} ~ ^ \\ # $ <b>日本語 مرحبا"

func fixture() *Project {
	docs := []coding.Document{
		{ID: "d1", Title: "Leadership in Malawi", Authors: "Agyeman-Duah JNA; Theurer A; Munthali C", Year: "2014"},
		{ID: "d2", Title: "Hospital mergers", Authors: "Smith, J.", Year: "2019", Study: coding.Study{Design: tricky}},
		{ID: "d3", Title: "Nothing coded here"},
	}
	frag := func(id, doc string, page int, role coding.Role, v coding.Valence, text string, labels ...string) coding.Fragment {
		return coding.Fragment{ID: id, DocID: doc, Page: page, Start: page * 10, End: page*10 + 5, Role: role, Valence: v, Text: text, Labels: labels, Coder: "ana"}
	}
	return &Project{
		Title:     "Review & co",
		Documents: docs,
		Fragments: []coding.Fragment{
			frag("f1", "d1", 5, coding.Context, "", "a hospital merger", "Leadership"),
			frag("f2", "d1", 6, coding.Resource, coding.Negative, "leader overrides\fsuggestions", "Leadership", "Voice"),
			frag("f3", "d1", 6, coding.Reasoning, coding.Negative, "staff feel unheard", "Voice"),
			frag("f4", "d2", 2, coding.Outcome, coding.Negative, tricky, "Leadership"),
			frag("f5", "d2", 3, coding.Context, "", "no label here"),
		},
		Theories: []coding.Theory{{ID: "t1", Name: "Inspiring intent", Kind: coding.Initial}},
		CMOCs: []coding.CMOC{
			{ID: "c1", Statement: "Mergers → overruled staff disengage", TheoryID: "t1", Fragments: []string{"f1", "f2", "f3", "f4"}, Labels: []string{"Leadership"}},
			{ID: "c2", Statement: "Lost evidence", Fragments: []string{"f5", "gone-fragment"}},
		},
		Labels: []coding.Label{
			{ID: "l1", Name: "Leadership", Definition: "What leaders do", Colour: "#e69f00"},
			{ID: "l2", Name: "Voice", Definition: tricky, Colour: "#56b4e9"},
			{ID: "l3", Name: "Unused"},
		},
		Deleted: map[string]string{"gone-fragment": "2026-11-23 by ana"},
	}
}

func build(t *testing.T, name string) *Table {
	t.Helper()
	tb, _, err := Build(fixture(), name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func TestCMOCTable(t *testing.T) {
	tb, warnings, err := Build(fixture(), TableCMOCs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 2 {
		t.Fatalf("%d rows, want 2", len(tb.Rows))
	}
	col := func(name string) int {
		for i, c := range tb.Columns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	r := tb.Rows[0]
	for name, want := range map[string]string{
		"Programme theory":    "Inspiring intent",
		"Context":             "a hospital merger",
		"Mechanism resource":  "leader overrides suggestions (M−)",
		"Mechanism reasoning": "staff feel unheard (M−)",
		"Supporting sources":  "Agyeman-Duah et al. 2014, pp. 5, 6; Smith 2019, p. 2",
		"Notes":               "",
	} {
		if got := r[col(name)]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	lost := tb.Rows[1]
	if lost[col("Programme theory")] != NoTheory || lost[col("Outcome")] != coding.Gap {
		t.Errorf("unfiled row = %q", lost)
	}
	if n := lost[col("Notes")]; !strings.Contains(n, "missing evidence: 1 of 2 fragments deleted") || !strings.Contains(n, "2026-11-23 by ana") {
		t.Errorf("notes = %q, want the missing evidence", n)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "Lost evidence") || !strings.Contains(warnings[0], "missing evidence") {
		t.Errorf("warnings = %q", warnings)
	}
	if got := tb.Theories[0].Boxes[0].Configuration; !strings.HasPrefix(got, "a hospital merger (C) → leader overrides suggestions (M−, Resource) → ") {
		t.Errorf("configuration = %q", got)
	}
}

func TestMatrixCounts(t *testing.T) {
	tb := build(t, TableMatrix)
	want := [][]string{
		{"Leadership (N = 2)", "2", "1", "0", "3", "2"},
		{"Unused (N = 0)", "0", "0", "0", "0", "0"},
		{"Voice (N = 1)", "2", "0", "0", "2", "1"},
		{"(no label) (N = 1)", "0", "1", "0", "1", "1"},
	}
	if !reflect.DeepEqual(tb.Rows, want) {
		t.Errorf("rows:\n got %q\nwant %q", tb.Rows, want)
	}
	if foot := [][]string{{"Total", "4", "2", "0", "6", "2"}}; !reflect.DeepEqual(tb.Footer, foot) {
		t.Errorf("footer = %q, want %q", tb.Footer, foot)
	}
	if got := tb.Columns[1:4]; !reflect.DeepEqual(got, []string{"Agyeman-Duah et al. 2014", "Smith 2019", "Nothing coded here"}) {
		t.Errorf("sources across = %q", got)
	}
	th, _, err := Build(fixture(), TableMatrix, Options{MatrixBy: "theories"})
	if err != nil {
		t.Fatal(err)
	}
	want = [][]string{
		{"Inspiring intent (N = 2)", "3", "1", "0", "4", "2"},
		{NoTheory + " (N = 1)", "0", "1", "0", "1", "1"},
	}
	if !reflect.DeepEqual(th.Rows, want) {
		t.Errorf("theory rows:\n got %q\nwant %q", th.Rows, want)
	}
}

func TestCodebookAndSources(t *testing.T) {
	cb := build(t, TableCodebook)
	if got := cb.Rows[0]; !reflect.DeepEqual(got, []string{"Leadership", "What leaders do", "#e69f00", "3", "1"}) {
		t.Errorf("codebook row = %q", got)
	}
	src := build(t, TableSources)
	if got := src.Rows[0][len(src.Columns)-1]; got != "Leadership (2); Voice (2)" {
		t.Errorf("mechanisms = %q", got)
	}
	if got := src.Rows[1][7]; got != tricky {
		t.Errorf("design = %q", got)
	}
	fr := build(t, TableFragments)
	if got := fr.Rows[1][9]; got != "leader overrides suggestions" {
		t.Errorf("fragment text = %q (page separators must go)", got)
	}
}

func TestSourceNames(t *testing.T) {
	got := SourceNames([]coding.Document{
		{ID: "a", Authors: "Smith J", Year: "2014"}, {ID: "b", Authors: "Smith, Jane", Year: "2014"},
		{ID: "c", Authors: "Jane Doe; Bo Li", Year: "2020"}, {ID: "d", Title: "Untitled report"},
	})
	want := map[string]string{"a": "Smith 2014a", "b": "Smith 2014b", "c": "Doe and Li 2020", "d": "Untitled report"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SourceNames = %q, want %q", got, want)
	}
}

func write(t *testing.T, tb *Table, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, tb, format); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

func TestCSVRoundTrip(t *testing.T) {
	for _, name := range Tables {
		tb := build(t, name)
		recs, err := csv.NewReader(bytes.NewReader(write(t, tb, CSV))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := append(append([][]string{tb.Columns}, tb.Rows...), tb.Footer...)
		if !reflect.DeepEqual(recs, want) {
			t.Errorf("%s: CSV read back differs:\n got %q\nwant %q", name, recs, want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":        `a \| b`,
		"one\ntwo":     "one<br>two",
		`back\slash`:   `back\\slash`,
		"of_staff *x*": `of\_staff \*x\*`,
		"<b>&":         "&lt;b&gt;&",
		"日本語 مرحبا":    "日本語 مرحبا",
	} {
		if got := MarkdownCell(in); got != want {
			t.Errorf("MarkdownCell(%q) = %q, want %q", in, got, want)
		}
	}
	md := string(write(t, build(t, TableSources), Markdown))
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| Smith 2019") {
			// Every row has as many unescaped pipes as the header.
			cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
			if want := 1 + len(build(t, TableSources).Columns); cells != want {
				t.Errorf("row has %d pipes, want %d: %s", cells, want, line)
			}
			return
		}
	}
	t.Errorf("no Smith row in:\n%s", md)
}

func TestTeXEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"50% & $5 #1 a_b {x}": `50\% \& \$5 \#1 a\_b \{x\}`,
		`~ ^ \`:               `\textasciitilde{} \textasciicircum{} \textbackslash{}`,
		"one\ntwo":            `one\newline two`,
		"C → M−":              `C \ensuremath{\rightarrow} M\ensuremath{-}`,
		"日本語":                 "日本語",
	} {
		if got := TeXCell(in); got != want {
			t.Errorf("TeXCell(%q) = %q, want %q", in, got, want)
		}
	}
	tex := string(write(t, build(t, TableMatrix), TeX))
	if !strings.Contains(tex, `\begin{tabular}{|p{`) || !strings.HasSuffix(strings.TrimSpace(strings.SplitAfter(tex, `\end{tabular}`)[0]), `\end{tabular}`) {
		t.Errorf("not a complete tabular:\n%s", tex)
	}
	// Every row has one & fewer than columns (escaped \& excepted).
	for _, line := range strings.Split(tex, "\n") {
		if strings.HasSuffix(line, `\\`) {
			if n := strings.Count(strings.ReplaceAll(line, `\&`, ""), "&"); n != 5 {
				t.Errorf("%d cell separators, want 5: %s", n, line)
			}
		}
	}
}

func TestHTMLEscapingAndReport(t *testing.T) {
	tb := build(t, TableCMOCs)
	h := string(write(t, tb, HTML))
	for _, want := range []string{
		"<!DOCTYPE html>", "Mergers → overruled staff disengage", "CMOC 1", "Inspiring intent",
		"a hospital merger (C) → leader overrides suggestions (M−, Resource)",
		"Agyeman-Duah et al. 2014, pp. 5, 6", "missing evidence", "&lt;b&gt;日本語 مرحبا",
		"He said &#34;yes&#34;, | then left &amp; 50% of_staff",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(h, "<b>日本語") {
		t.Error("HTML let markup through")
	}
	if h := string(write(t, build(t, TableSources), HTML)); !strings.Contains(h, "He said &#34;yes&#34;, | then<br>left &amp; 50% of_staff") {
		t.Errorf("sources HTML lacks the escaped cell with its line break:\n%s", h)
	}
}

func TestXLSXReadBack(t *testing.T) {
	tb := build(t, TableMatrix)
	f, err := excelize.OpenReader(bytes.NewReader(write(t, tb, XLSX)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(TableMatrix)
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([][]string{tb.Columns}, tb.Rows...), tb.Footer...)
	if !reflect.DeepEqual(rows[:len(want)], want) {
		t.Errorf("xlsx rows:\n got %q\nwant %q", rows, want)
	}
	typ, err := f.GetCellType(TableMatrix, "B2")
	if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("count cell type = %v, %v; want a number", typ, err)
	}
	src := build(t, TableSources)
	f2, err := excelize.OpenReader(bytes.NewReader(write(t, src, XLSX)))
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if v, _ := f2.GetCellValue(TableSources, "H3"); v != tricky {
		t.Errorf("tricky cell = %q, want %q", v, tricky)
	}
}

func TestDOCXIsWellFormed(t *testing.T) {
	for _, name := range Tables {
		tb := build(t, name)
		data := write(t, tb, DOCX)
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			d := xml.NewDecoder(r)
			inText := false
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %s: %v", name, f.Name, err)
				}
				switch tk := tok.(type) {
				case xml.StartElement:
					inText = tk.Name.Local == "t"
				case xml.EndElement:
					inText = false
				case xml.CharData:
					if inText {
						text.Write(tk)
					}
				}
			}
			r.Close()
		}
		if name == TableCMOCs && !strings.Contains(text.String(), "Mergers → overruled staff disengage") {
			t.Errorf("docx text lacks the CMOC statement")
		}
		if name == TableSources && !strings.Contains(text.String(), `He said "yes", | then`) {
			t.Errorf("docx text lacks the tricky cell: %s", text.String())
		}
	}
}

func TestCleanControlCharacters(t *testing.T) {
	if got := clean("a\fb\x00c\r\nd\te\xff"); got != "a b c\nd e\uFFFD" {
		t.Errorf("clean = %q", got)
	}
}

func TestBuildUnknown(t *testing.T) {
	if _, _, err := Build(fixture(), "nope", Options{}); !coding.IsKind(err, coding.KindInvalid) {
		t.Errorf("unknown table: %v", err)
	}
	if err := Write(io.Discard, &Table{}, "pdf"); !coding.IsKind(err, coding.KindInvalid) {
		t.Errorf("unknown format: %v", err)
	}
}
