package coding

import (
	"strings"
	"unicode"
)

// Judgement is how a source is appraised for relevance or rigour: realist
// reviews judge each source on whether it speaks to the programme theory
// and whether it is trustworthy, instead of scoring its quality.
type Judgement string

// The judgements. NotAppraised is the empty string so that a new source
// has none.
const (
	NotAppraised Judgement = ""
	High         Judgement = "high"
	Moderate     Judgement = "moderate"
	Low          Judgement = "low"
)

// Judgements lists the judgements a reviewer can give, best first.
var Judgements = []Judgement{High, Moderate, Low}

// ParseJudgement accepts a judgement's name or its first letter, any
// case; "medium" is taken as moderate, "" and "none" as not appraised.
func ParseJudgement(s string) (Judgement, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "-":
		return NotAppraised, nil
	case "high", "h":
		return High, nil
	case "moderate", "medium", "m":
		return Moderate, nil
	case "low", "l":
		return Low, nil
	}
	return "", Errorf(KindInvalid, "parse judgement", s, "unknown judgement %q (want high, moderate, low or none)", s)
}

// Valid reports whether j is a known judgement.
func (j Judgement) Valid() bool { return j == NotAppraised || j == High || j == Moderate || j == Low }

// Appraisal is one side of a source's appraisal (relevance or rigour): a
// judgement and the reviewer's note on why.
type Appraisal struct {
	Judgement Judgement
	Note      string
}

// String is the appraisal as a table shows it: "high: note", "high",
// "note" or "".
func (a Appraisal) String() string {
	switch {
	case a.Judgement != "" && a.Note != "":
		return string(a.Judgement) + ": " + a.Note
	case a.Judgement != "":
		return string(a.Judgement)
	}
	return a.Note
}

// Source is what a reviewer records about a document as a source of the
// review: its bibliographic fields, the study characteristics extracted
// from it and its appraisal. Document carries the same fields; Source is
// the part of it that EditSource changes.
type Source struct {
	// Title is the title a source is shown by: at import the file's own
	// or its name, then the matched reference's (refs.Fill).
	Title    string
	Authors  string // "; " between authors
	Year     string // "2014", "2014a", "n.d." or empty
	Citation string // the full reference

	Study
	Reference
	Screening
}

// Study is what the reviewers extract from a source and how they appraise
// it: the study's characteristics, and its relevance and rigour.
type Study struct {
	Objectives   string
	Location     string
	Design       string
	Participants string

	Relevance Appraisal
	Rigour    Appraisal
}

// Source returns the document's source fields.
func (d Document) Source() Source {
	return Source{
		Title: d.Title, Authors: d.Authors, Year: d.Year, Citation: d.Citation,
		Study: d.Study, Reference: d.Reference, Screening: d.Screening,
	}
}

// SetSource replaces the document's source fields with s.
func (d *Document) SetSource(s Source) {
	d.Title, d.Authors, d.Year, d.Citation = s.Title, s.Authors, s.Year, s.Citation
	d.Study, d.Reference, d.Screening = s.Study, s.Reference, s.Screening
}

// Normalise trims the white space around every field and turns control
// characters other than line breaks and tabs (which PDF metadata can
// carry) into spaces.
func (s *Source) Normalise() {
	for _, p := range []*string{&s.Title, &s.Authors, &s.Year, &s.Citation, &s.Objectives, &s.Location, &s.Design,
		&s.Participants, &s.Relevance.Note, &s.Rigour.Note, &s.Journal, &s.Volume, &s.Issue, &s.PageRange,
		&s.DOI, &s.URL, &s.Richness.Note, &s.Reason, &s.Stage, &s.DecidedBy, &s.DecidedAt} {
		*p = strings.TrimSpace(strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
				return ' '
			}
			return r
		}, *p))
	}
}

// Check validates a source's fields: a year of four digits (a letter may
// follow, as in "2014a") or "n.d.", known judgements, and no control
// characters other than line breaks and tabs.
func (s *Source) Check() error {
	const op = "check source"
	if !validYear(s.Year) {
		return Errorf(KindInvalid, op, s.Year, "year %q is not four digits (or n.d.)", s.Year)
	}
	if !s.Decision.Valid() {
		return Errorf(KindInvalid, op, string(s.Decision), "unknown decision %q (want include, exclude or undecided)", s.Decision)
	}
	for _, a := range []struct {
		name string
		a    Appraisal
	}{{"relevance", s.Relevance}, {"rigour", s.Rigour}, {"richness", s.Richness}} {
		if !a.a.Judgement.Valid() {
			return Errorf(KindInvalid, op, string(a.a.Judgement), "unknown %s judgement %q (want high, moderate, low or none)", a.name, a.a.Judgement)
		}
	}
	for _, f := range []struct{ name, v string }{
		{"title", s.Title}, {"authors", s.Authors}, {"citation", s.Citation}, {"objectives", s.Objectives}, {"location", s.Location},
		{"design", s.Design}, {"participants", s.Participants}, {"relevance note", s.Relevance.Note}, {"rigour note", s.Rigour.Note},
		{"journal", s.Journal}, {"volume", s.Volume}, {"issue", s.Issue}, {"pages", s.PageRange}, {"DOI", s.DOI}, {"URL", s.URL},
		{"richness note", s.Richness.Note}, {"reason", s.Reason}, {"stage", s.Stage}, {"decided by", s.DecidedBy},
	} {
		if strings.IndexFunc(f.v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }) >= 0 {
			return Errorf(KindInvalid, op, f.name, "the %s hold a control character", f.name)
		}
	}
	return nil
}

func validYear(y string) bool {
	switch strings.ToLower(y) {
	case "", "n.d.", "n.d", "nd":
		return true
	}
	if len(y) < 4 || len(y) > 5 {
		return false
	}
	for _, c := range y[:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(y) == 4 || (y[4] >= 'a' && y[4] <= 'z')
}

// ShortName is how tables cite a source: "Agyeman-Duah et al. 2014",
// "Smith and Jones 2019", "Smith 2020"; the title when no authors are
// known.
func (d Document) ShortName() string {
	var authors []string
	etAl := false // the list itself says "et al." (PDF metadata often does)
	for _, a := range strings.Split(d.Authors, ";") {
		if i := indexFold(a, "et al"); i >= 0 {
			etAl = true
			a = strings.Trim(a[:i], " ,.{}()[]")
		}
		if a = strings.TrimSpace(a); a != "" {
			authors = append(authors, a)
		}
	}
	name := ""
	switch n := len(authors); {
	case n == 0:
		name = d.Title
		if name == "" {
			name = d.FileName
		}
		if r := []rune(name); len(r) > 60 {
			name = strings.TrimSpace(string(r[:59])) + "…"
		}
	case n >= 3 || etAl:
		name = surname(authors[0]) + " et al."
	case n == 2:
		name = surname(authors[0]) + " and " + surname(authors[1])
	default:
		name = surname(authors[0])
	}
	if d.Year != "" {
		name += " " + d.Year
	}
	return name
}

// surname guesses an author's family name: before a comma ("Smith, J."),
// else the last word that is not initials ("Jane A. Smith", "Smith JA").
func surname(a string) string {
	if i := strings.IndexByte(a, ','); i > 0 {
		return strings.TrimSpace(a[:i])
	}
	words := strings.Fields(a)
	if len(words) == 0 {
		return a
	}
	// "Smith JA": initials follow the surname.
	last := words[len(words)-1]
	if len(words) > 1 && isInitials(last) {
		return strings.Join(words[:len(words)-1], " ")
	}
	return last
}

func isInitials(w string) bool {
	w = strings.ReplaceAll(w, ".", "")
	if w == "" || len([]rune(w)) > 3 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// indexFold is strings.Index ignoring case, for an ASCII sub.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
