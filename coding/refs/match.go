package refs

import (
	"regexp"
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// Candidate is a document as matching sees it: its DOI (if known), its
// title and the text of its first pages, where a DOI and the title are
// printed.
type Candidate struct {
	DOI, Title, Text string
}

// Match pairs records with candidates: first by DOI (the candidate's own,
// or one printed in its text), then by title (the full title or the part
// before a subtitle's colon, compared folded; or the record's title found
// in the candidate's text). Each record and each candidate is used at most
// once. match[i] is the candidate of record i, -1 for none.
func Match(recs []Record, cands []Candidate) (match []int) {
	match = make([]int, len(recs))
	taken := make([]bool, len(cands))
	dois := make([]map[string]bool, len(cands))
	texts := make([]string, len(cands))
	for j, c := range cands {
		dois[j] = map[string]bool{}
		for _, d := range append(doiRE.FindAllString(c.Text, -1), c.DOI) {
			if d = strings.ToLower(CleanDOI(d)); d != "" {
				dois[j][d] = true
			}
		}
		texts[j] = " " + Fold(c.Text) + " "
	}
	for i, r := range recs {
		match[i] = -1
		if r.DOI == "" {
			continue
		}
		for j := range cands {
			if !taken[j] && dois[j][strings.ToLower(r.DOI)] {
				match[i], taken[j] = j, true
				break
			}
		}
	}
	for i, r := range recs {
		if match[i] >= 0 {
			continue
		}
		full, main := Fold(r.Title), Fold(mainTitle(r.Title))
		if full == "" {
			continue
		}
		for j, c := range cands {
			if taken[j] {
				continue
			}
			t, tmain := Fold(c.Title), Fold(mainTitle(c.Title))
			if t == full || len(strings.Fields(main)) >= 3 && (t == main || tmain == main) ||
				len(strings.Fields(main)) >= 4 && strings.Contains(texts[j], " "+main+" ") {
				match[i], taken[j] = j, true
				break
			}
		}
	}
	return match
}

// FindDOI is the first DOI in s ("… 2010 4:1. doi:10.1186/1752-2897-4-1"),
// "" for none: what a PDF's Subject or Keywords or its XMP identifier says.
func FindDOI(s string) string {
	return CleanDOI(doiRE.FindString(s))
}

// doiRE finds a DOI in running text.
var doiRE = regexp.MustCompile(`\b10\.\d{4,9}/[^\s"<>]+`)

// mainTitle is a title without its subtitle: what comes before the first
// colon (or question mark, or dash between spaces).
func mainTitle(t string) string {
	for _, sep := range []string{":", "?", " – ", " - ", " — "} {
		if i := strings.Index(t, sep); i > 0 {
			t = t[:i]
		}
	}
	return t
}

// Fill puts a record's fields into a source: only into empty fields unless
// overwrite, so that what a reviewer typed is kept. Authors that name the
// record's first authors in order (as the import guesses them from the PDF:
// "Nuala E. Tully; Karen M. Morgan", "Tully et al.") take the record's
// complete list in its form. The citation is the
// full reference in an APA-like style.
func Fill(s coding.Source, r Record, overwrite bool) coding.Source {
	set := func(p *string, v string) {
		if v != "" && (overwrite || *p == "") {
			*p = v
		}
	}
	if sameAuthors(s.Authors, r.Authors) {
		s.Authors = "" // the import's guess at the same people: the record's form is better
	}
	set(&s.Authors, strings.Join(r.Authors, "; "))
	if r.Title != "" {
		// The title the import took from the file's metadata or its name
		// (a job number, "Microsoft Word - draft3.doc") gives way to the
		// reference's: reviewers do not type titles in cmocoder.
		s.Title = r.Title
	}
	set(&s.Year, r.Year)
	set(&s.Citation, Cite(r))
	set(&s.Journal, r.Journal)
	set(&s.Volume, r.Volume)
	set(&s.Issue, r.Issue)
	set(&s.PageRange, r.Pages)
	set(&s.DOI, r.DOI)
	set(&s.URL, r.URL)
	return s
}

// Cite is a record as a reference list gives it, APA-like: "Tully, N. E.,
// Morgan, K. M. (2010). Title. Journal, 2010(3), 1-6. https://doi.org/…".
func Cite(r Record) string {
	var b strings.Builder
	b.WriteString(strings.Join(r.Authors, ", "))
	if r.Year != "" {
		b.WriteString(" (" + r.Year + ").")
	} else if b.Len() > 0 {
		b.WriteString(" (n.d.).")
	}
	if r.Title != "" {
		b.WriteString(" " + strings.TrimRight(r.Title, ".") + ".")
	}
	if r.Journal != "" {
		b.WriteString(" " + r.Journal)
		if r.Volume != "" {
			b.WriteString(", " + r.Volume)
			if r.Issue != "" {
				b.WriteString("(" + r.Issue + ")")
			}
		}
		if r.Pages != "" {
			b.WriteString(", " + r.Pages)
		}
		b.WriteString(".")
	}
	if r.DOI != "" {
		b.WriteString(" " + coding.DOIURL(r.DOI))
	} else if r.URL != "" {
		b.WriteString(" " + r.URL)
	}
	return strings.TrimSpace(b.String())
}

// sameAuthors reports whether stored, a "; "-separated list, names the
// first of authors in order, by folded surname.
func sameAuthors(stored string, authors []string) bool {
	var have []string
	for _, a := range strings.Split(stored, ";") {
		if i := strings.Index(strings.ToLower(a), "et al"); i >= 0 {
			a = a[:i]
		}
		if a = strings.TrimSpace(a); a != "" {
			have = append(have, familyName(a))
		}
	}
	if len(have) == 0 || len(have) > len(authors) {
		return false
	}
	for i, h := range have {
		if h == "" || h != familyName(authors[i]) {
			return false
		}
	}
	return true
}

// familyName is an author's folded family name: before a comma ("Tully,
// Nuala E."), else the last word that is not initials ("Nuala E. Tully",
// "Tully NE").
func familyName(a string) string {
	if i := strings.IndexByte(a, ','); i > 0 {
		return Fold(a[:i])
	}
	words := strings.Fields(a)
	for k := len(words) - 1; k >= 0; k-- {
		w := strings.Trim(words[k], ".")
		if len(w) > 3 || strings.ToUpper(w) != w {
			return Fold(words[k])
		}
	}
	return Fold(a)
}
