package refs

import (
	"reflect"
	"strings"
	"testing"

	"cmocoder.org/cmocoder/coding"
)

const testRIS = "TY  - JOUR\r\n" +
	"AU  - Tully, Nuala E.\r\nAU  - Morgan, Karen M.\r\nAU  - Burke, Helen M.\r\nAU  - McGee, Hannah M.\r\n" +
	"TI  - Patient Experiences of Structured Heart Failure Programmes\r\n" +
	"T2  - Rehabilitation Research and Practice\r\nJ2  - Rehabil Res Pract\r\n" +
	"PY  - 2010/12/25/\r\nVL  - 2010\r\nSP  - 157939\r\nDO  - https://doi.org/10.1155/2010/157939\r\n" +
	"UR  - https://www.hindawi.com/journals/rerp/2010/157939/\r\nER  - \r\n\r\n" +
	"TY  - JOUR\nA1  - Sundström, Anna\nA1  - Öberg, Åsa\nT1  - A study of care:\n  with a continued line\nJO  - J Care\nY1  - 2014\nSP  - 12\nEP  - 19\nER  -\n"

func TestParseRIS(t *testing.T) {
	recs, err := Parse("library.ris", []byte("\xef\xbb\xbf"+testRIS))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{Authors: []string{"Tully, Nuala E.", "Morgan, Karen M.", "Burke, Helen M.", "McGee, Hannah M."},
			Year: "2010", Title: "Patient Experiences of Structured Heart Failure Programmes",
			Journal: "Rehabilitation Research and Practice", Volume: "2010", Pages: "157939",
			DOI: "10.1155/2010/157939", URL: "https://www.hindawi.com/journals/rerp/2010/157939/"},
		{Authors: []string{"Sundström, Anna", "Öberg, Åsa"}, Year: "2014", Title: "A study of care: with a continued line",
			Journal: "J Care", Pages: "12-19"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("got\n%+v\nwant\n%+v", recs, want)
	}
}

const testBib = `% Exported by Zotero
@string{bmc = "BMC Health Services Research"}
@comment{jabref-meta: nothing}
@article{agyeman2014,
  author = {Agyeman-Duah, Josephine Nana Afrakoma and Theurer, Antje and Munthali, Charles and Alide, Noor and Neuhann, Florian},
  title = {{Understanding} the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the {Medical Department} of {Kamuzu Central Hospital} in {Lilongwe}, {Malawi}},
  journal = bmc,
  year = 2014,
  volume = {14}, number = "1", pages = {1--10},
}
@Article{sundstrom,
  Author = "Sundstr{\"o}m, Anna and Jos\'{e} Garc\'ia and {\AA}sa {\"O}berg and M{\"u}ller, J{\"u}rgen and {World Health Organization}",
  Title = {Caf\'e culture and \emph{care} -- a {\c{C}}ek study},
  Year = {2014}, DOI = {10.1000/xyz.123}
}
@misc{broken, title = {Unclosed
`

func TestParseBibTeX(t *testing.T) {
	recs, err := Parse("library.bib", []byte(testBib))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{Key: "agyeman2014", Authors: []string{"Agyeman-Duah, Josephine Nana Afrakoma", "Theurer, Antje", "Munthali, Charles", "Alide, Noor", "Neuhann, Florian"},
			Year: "2014", Title: "Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi",
			Journal: "BMC Health Services Research", Volume: "14", Issue: "1", Pages: "1-10"},
		{Key: "sundstrom", Authors: []string{"Sundström, Anna", "García, José", "Öberg, Åsa", "Müller, Jürgen", "World Health Organization"},
			Year: "2014", Title: "Café culture and care – a Çek study", DOI: "10.1000/xyz.123"},
		{Key: "broken", Title: "Unclosed"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("got\n%+v\nwant\n%+v", recs, want)
	}
}

func TestParseCSLJSON(t *testing.T) {
	data := `[{"id":"x","type":"article-journal","title":"Patient experiences","author":[{"family":"Tully","given":"Nuala E."},{"literal":"RCSI"}],
	"issued":{"date-parts":[[2010,12]]},"container-title":"Rehab","volume":2010,"page":"1-6","DOI":"10.1155/2010/157939"}]`
	recs, err := Parse("lib.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{{Key: "x", Authors: []string{"Tully, Nuala E.", "RCSI"}, Year: "2010", Title: "Patient experiences",
		Journal: "Rehab", Volume: "2010", Pages: "1-6", DOI: "10.1155/2010/157939"}}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("got %+v, want %+v", recs, want)
	}
	if _, err := Parse("lib.json", []byte("[{")); err == nil {
		t.Error("broken JSON read without error")
	}
}

func TestDecodeLaTeX(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{\"o}`, "ö"}, {`\"{o}`, "ö"}, {`\"o`, "ö"}, {`\'{\i}`, "í"}, {`\c c`, "ç"}, {`\v{s}`, "š"},
		{`{\ss}e`, "ße"}, {`\o{}`, "ø"}, {`R\&D 50\%`, "R&D 50%"}, {`a~b`, "a b"}, {`1--2`, "1–2"},
		{`\textit{x} {{y}}`, "x y"}, {`\"`, ""}, {`\`, ""}, {`\'{}`, ""}, {`\"q`, "q\u0308"},
	} {
		if got := DecodeLaTeX(c.in); got != c.want {
			t.Errorf("DecodeLaTeX(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMatch(t *testing.T) {
	recs := []Record{
		{Title: "Anything", DOI: "10.1155/2010/157939"},
		{Title: "Complications Related to Deep Venous Thrombosis Prophylaxis in Trauma"},
		{Title: "Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: other subtitle", DOI: "10.1186/1472-6963-14-1"},
		{Title: "Not in the project"},
	}
	cands := []Candidate{
		{Title: "Complications related to deep venous thrombosis prophylaxis in trauma: a systematic review of the literature"},
		{Text: "Rehabilitation Research and Practice\ndoi:10.1155/2010/157939.\nPatient Experiences"},
		{Title: "6489122611071476 1..10", Text: "RESEARCH ARTICLE\nUnderstanding the barriers to setting up a\nhealthcare quality improvement process in\nresource-limited settings: a situational"},
		{Title: "Unrelated"},
	}
	if got, want := Match(recs, cands), []int{1, 0, 2, -1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Match = %v, want %v", got, want)
	}
}

func TestFold(t *testing.T) {
	if got := Fold("Sundström’s CAFÉ: care-giving, {Øre}"); got != "sundstrom s cafe care giving ore" {
		t.Errorf("Fold = %q", got)
	}
}

// FuzzParse feeds untrusted bytes to every reader: none may panic or
// return a record with control characters in its authors.
func FuzzParse(f *testing.F) {
	for _, s := range []string{testRIS, testBib, `[{"title":"x","issued":"2010"}]`, `@a{k,t={\"`, "@a{k,t=\"{\\\"}\"}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, name := range []string{"a.ris", "a.bib", "a.json"} {
			recs, _ := Parse(name, []byte(s))
			for _, r := range recs {
				_ = Cite(r)
				_ = Fold(r.Title)
				for _, a := range r.Authors {
					if strings.TrimSpace(a) != a {
						t.Fatalf("author %q not trimmed", a)
					}
				}
			}
		}
	})
}

func TestFillKeepsTyped(t *testing.T) {
	r := Record{Authors: []string{"Tully, Nuala E.", "Morgan, Karen M."}, Year: "2010", Journal: "J"}
	for _, c := range []struct {
		authors, year, wantAuthors, wantYear string
		overwrite                            bool
	}{
		{"", "", "Tully, Nuala E.; Morgan, Karen M.", "2010", false},
		{"Nuala E. Tully; Karen M. Morgan", "", "Tully, Nuala E.; Morgan, Karen M.", "2010", false},
		{"Tully NE et al.", "2011", "Tully, Nuala E.; Morgan, Karen M.", "2011", false},
		{"Smith, J.", "2011", "Smith, J.", "2011", false},
		{"Smith, J.", "2011", "Tully, Nuala E.; Morgan, Karen M.", "2010", true},
	} {
		var s coding.Source
		s.Authors, s.Year = c.authors, c.year
		got := Fill(s, r, c.overwrite)
		if got.Authors != c.wantAuthors || got.Year != c.wantYear || got.Journal != "J" {
			t.Errorf("Fill(%q, %q, %v) = %q, %q, %q", c.authors, c.year, c.overwrite, got.Authors, got.Year, got.Journal)
		}
	}
}
