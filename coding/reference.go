package coding

import (
	"strings"
)

// Reference is a source's bibliographic record beyond authors, year and
// citation: what a reference manager (EndNote, Zotero, Mendeley) exports
// and refs imports (see coding/refs).
type Reference struct {
	Journal   string // journal, book or publisher
	Volume    string
	Issue     string
	PageRange string // "123-130" or an article number
	DOI       string // "10.1155/2010/123456", without "https://doi.org/"
	URL       string
}

// Decision is what the reviewers decided about a source at full text.
type Decision string

// The decisions. Undecided is the empty string so that a new source has
// none.
const (
	Undecided Decision = ""
	Include   Decision = "include"
	Exclude   Decision = "exclude"
)

// ParseDecision accepts a decision's name or its first letter, any case;
// "" and "undecided" are undecided.
func ParseDecision(s string) (Decision, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "undecided", "u", "none", "-":
		return Undecided, nil
	case "include", "included", "i":
		return Include, nil
	case "exclude", "excluded", "e", "x":
		return Exclude, nil
	}
	return "", Errorf(KindInvalid, "parse decision", s, "unknown decision %q (want include, exclude or undecided)", s)
}

// Valid reports whether d is a known decision.
func (d Decision) Valid() bool { return d == Undecided || d == Include || d == Exclude }

// String is the decision as a table shows it.
func (d Decision) String() string {
	if d == Undecided {
		return "undecided"
	}
	return string(d)
}

// Screening is a source's appraisal for richness (how much conceptual
// detail it gives on mechanisms) and the decision taken on it: include or
// exclude, why, at which stage, by whom and when.
type Screening struct {
	Richness  Appraisal
	Decision  Decision
	Reason    string // "insufficient richness", …
	Stage     string // "relevance", "richness", "rigour" or what the team calls it
	DecidedBy string
	DecidedAt string // RFC 3339, set when the decision changes
}

// Stages are the full-text stages of a realist review, in order.
var Stages = []string{"relevance", "richness", "rigour"}

// DOIURL is the address of a DOI, "" for none.
func DOIURL(doi string) string {
	if doi == "" {
		return ""
	}
	return "https://doi.org/" + doi
}
