package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestExtractFormFieldValues runs `cmocoder extract` on real forms from
// five producers (testdata/pdf-forms/SOURCES.md): every field value is
// printed exactly once, right after its label (on the same line when the
// label is to its left, on the next when it is above; on a row read as a
// table the next cell may follow on the same line), and the page's own
// text is printed as it reads without the fields. The
// values are the files' own: /V as qpdf --json prints it, and for the
// formatted numbers of issue15092.pdf the text of the appearance streams
// as poppler's pdftotext prints it; the labels are what pdftotext -layout
// prints beside or above each field.
func TestExtractFormFieldValues(t *testing.T) {
	type field struct{ label, value string }
	cases := []struct {
		file   string
		fields []field
		lines  []string // lines of the page's own text, as pdftotext reads them
	}{
		{"libreoffice-form.pdf", []field{ // LibreOffice: NeedAppearances, empty streams
			{"First Name", "Alice"},
			{"", "Bob"}, // a second field with no label
		}, nil},
		{"issue17492.pdf", []field{ // OpenOffice 4.1.7 Writer
			{"First name:", "Lucía"},
			{"Last name:", "Garzas"},
			{"Country:", "Spain"},               // combo box
			{"Job description:", "UX Designer"}, // combo box
			{"Years of job experience:", "6"},   // a one-digit value
			{"", "Several"},                     // first line of a multi-line field
		}, nil},
		{"issue15092.pdf", []field{ // Acrobat Pro DC 22: numbers formatted by the form
			{"Value 1", "1.00"},
			{"Value 2", "2.00"},
			{"Value 3", "4.00"},
			{"Total 1+2", "3.00"},
			{"Overall", "7.00"},
			{"Total1+2", "232,324.00"},
		}, nil},
		{"pr12828.pdf", []field{ // Acrobat Pro DC 20: labels above the fields
			{"Field with font size 18", "Hello World"},
			{"Field with font size 6", "Hello World"},
			{"Field with font size auto (0)", "Hello World"},
			{"Field with font color red", "Hello World"},
			{"Field with font color green", "Hello World"},
			{"Field with font color blue", "Hello World"},
		}, nil},
		// Scribus 1.5.5, an empty form whose page shares its resources with
		// the form: flattening it in PDFium spoilt the page's own text.
		{"bug1669099.pdf", nil, []string{
			"Antrag auf Mitgliedschaft",
			"Ich möchte Mitglied im CCC Salzburg werden und kenne die Vereinsstatuten1.",
			"Normale Hackerspace Mitgliedschaft für 42€ pro Monat.",
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			text := mustRun(t, "extract", filepath.Join("testdata", "pdf-forms", c.file))
			want := map[string]int{}
			for _, f := range c.fields {
				want[f.value]++
			}
			for v, n := range want {
				if got := countWord(text, v); got != n {
					t.Errorf("%q printed %d times, want %d:\n%s", v, got, n, text)
				}
			}
			for _, l := range c.lines {
				if !strings.Contains(text, l+"\n") {
					t.Errorf("the page's own line %q is not printed:\n%s", l, text)
				}
			}
			for _, f := range c.fields {
				if f.label == "" {
					continue
				}
				after := regexp.MustCompile(regexp.QuoteMeta(f.label) + `[ \n]` + regexp.QuoteMeta(f.value) + `([ \n]|$)`)
				if !after.MatchString(text) {
					t.Errorf("%q is not printed right after its label %q:\n%s", f.value, f.label, text)
				}
			}
		})
	}
}

// countWord counts the occurrences of w in s that are not part of a
// longer word or number ("4.00" in "324.00" does not count).
func countWord(s, w string) int {
	n := 0
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return n
		}
		start, end := i+k, i+k+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !wordRune(before) && !wordRune(after) {
			n++
		}
		i = start + 1
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
