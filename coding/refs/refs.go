// Package refs reads the reference lists that reference managers export
// (RIS from EndNote, Zotero and Mendeley; BibTeX and BibLaTeX; CSL-JSON
// from Zotero) and matches their records to a review's documents by DOI or
// title. The files are untrusted bytes: the readers never panic and keep
// what they can read.
//
// No Go parser for these formats is well kept and obtainable here, so the
// readers are small ones written for what reference managers write.
package refs

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// Record is one reference as a reference manager exports it.
type Record struct {
	Key     string   // the BibTeX key or CSL id, for messages
	Authors []string // "Family, Given", in order
	Year    string
	Title   string
	Journal string // journal, book or publisher
	Volume  string
	Issue   string
	Pages   string // "123-130"
	DOI     string // without "https://doi.org/"
	URL     string
}

// Label is how a message names the record: its title, else its key.
func (r Record) Label() string {
	if r.Title != "" {
		return r.Title
	}
	if r.Key != "" {
		return r.Key
	}
	return "(a record without title)"
}

// Parse reads a reference file, choosing the format by the file name's
// extension (.ris, .bib, .json) or, failing that, by its content.
func Parse(name string, data []byte) ([]Record, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var recs []Record
	var err error
	switch format(name, data) {
	case "ris":
		recs = ParseRIS(data)
	case "bib":
		recs = ParseBibTeX(data)
	case "json":
		recs, err = ParseCSLJSON(data)
	default:
		return nil, fmt.Errorf("read references %s: not RIS, BibTeX or CSL-JSON", filepath.Base(name))
	}
	if err != nil {
		return nil, fmt.Errorf("read references %s: %w", filepath.Base(name), err)
	}
	for i := range recs {
		recs[i].clean()
	}
	return recs, nil
}

func format(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ris", ".txt":
		if risTag.Match(firstLine(data)) || strings.EqualFold(filepath.Ext(name), ".ris") {
			return "ris"
		}
	case ".bib", ".bibtex", ".biblatex":
		return "bib"
	case ".json", ".csljson":
		return "json"
	}
	t := bytes.TrimSpace(data)
	switch {
	case len(t) > 0 && (t[0] == '[' || t[0] == '{'):
		return "json"
	case bytes.Contains(t, []byte("@")) && bytes.Contains(t, []byte("{")):
		return "bib"
	case risTag.Match(firstLine(t)):
		return "ris"
	}
	return ""
}

func firstLine(b []byte) []byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return b[:i]
	}
	return b
}

// clean trims the fields, drops a DOI's resolver prefix, keeps the year's
// four digits and joins a page range with a plain hyphen.
func (r *Record) clean() {
	for _, p := range []*string{&r.Year, &r.Title, &r.Journal, &r.Volume, &r.Issue, &r.Pages, &r.DOI, &r.URL} {
		*p = strings.Join(strings.Fields(*p), " ")
	}
	r.DOI = CleanDOI(r.DOI)
	r.Year = year(r.Year)
	r.Pages = strings.NewReplacer("--", "-", "–", "-", " - ", "-").Replace(r.Pages)
	r.Title = strings.TrimRight(r.Title, ". ")
	authors := r.Authors[:0]
	for _, a := range r.Authors {
		if a = strings.Join(strings.Fields(a), " "); a != "" {
			authors = append(authors, a)
		}
	}
	r.Authors = authors
}

// CleanDOI strips a DOI's resolver or "doi:" prefix and the punctuation a
// sentence leaves after it.
func CleanDOI(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi "} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
		}
	}
	return strings.TrimRight(s, ".,;)]}")
}

// year is the first run of four digits in s ("2010/11/05/" → "2010").
func year(s string) string {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 && (i+1 == len(s) || s[i+1] < '0' || s[i+1] > '9') {
				return s[i-3 : i+1]
			}
			continue
		}
		run = 0
	}
	return ""
}
