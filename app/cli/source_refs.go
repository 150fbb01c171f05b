package cli

import (
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refs"
)

// sourceFlags are the source verb's field flags, named as
// coding.SourceField names the fields, with their help.
var sourceFlags = [][2]string{
	{"authors", `authors, "; " between them`},
	{"year", "year of publication"},
	{"citation", "the full reference"},
	{"objectives", "the study's objectives"},
	{"location", "where the study took place"},
	{"design", "the study design"},
	{"participants", "who took part"},
	{"relevance", "relevance: high, moderate, low or none"},
	{"relevance-note", "why"},
	{"rigour", "rigour: high, moderate, low or none"},
	{"rigour-note", "why"},
	{"richness", "richness (conceptual detail on mechanisms): high, moderate, low or none"},
	{"richness-note", "why"},
	{"decision", "include, exclude or undecided"},
	{"reason", `why, e.g. "insufficient richness"`},
	{"stage", "the stage of the decision: relevance, richness, rigour, …"},
	{"journal", "journal, book or publisher"},
	{"volume", "volume"},
	{"issue", "issue"},
	{"pages", "page range"},
	{"doi", "DOI"},
	{"url", "URL"},
}

// parseScreeningFlags turns the judgement and decision flags given into
// their canonical names, so that "h" and "medium" are stored as "high"
// and "moderate".
func parseScreeningFlags(given map[string]*string, set map[string]bool) error {
	for _, name := range []string{"relevance", "rigour", "richness"} {
		if set[name] {
			j, err := coding.ParseJudgement(*given[name])
			if err != nil {
				return err
			}
			*given[name] = string(j)
		}
	}
	if set["decision"] {
		d, err := coding.ParseDecision(*given["decision"])
		if err != nil {
			return err
		}
		*given["decision"] = string(d)
	}
	if set["doi"] {
		*given["doi"] = refs.CleanDOI(*given["doi"])
	}
	return nil
}

// referenceJSON is a source's reference and screening fields as `source
// --json` prints them.
type referenceJSON struct {
	Journal      string `json:"journal"`
	Volume       string `json:"volume"`
	Issue        string `json:"issue"`
	Pages        string `json:"pages"`
	DOI          string `json:"doi"`
	URL          string `json:"url"`
	Richness     string `json:"richness"`
	RichnessNote string `json:"richness_note"`
	Decision     string `json:"decision"`
	Reason       string `json:"reason"`
	Stage        string `json:"stage"`
	DecidedBy    string `json:"decided_by"`
	DecidedAt    string `json:"decided_at"`
}

func newReferenceJSON(d coding.Document) referenceJSON {
	return referenceJSON{d.Journal, d.Volume, d.Issue, d.PageRange, d.DOI, d.URL, string(d.Richness.Judgement),
		d.Richness.Note, d.Decision.String(), d.Reason, d.Stage, d.DecidedBy, d.DecidedAt}
}

// pairs are the fields as the source verb prints them without --json.
func (r referenceJSON) pairs() [][2]string {
	return [][2]string{{"journal", r.Journal}, {"volume", r.Volume}, {"issue", r.Issue}, {"pages", r.Pages},
		{"doi", r.DOI}, {"url", r.URL}, {"richness", r.Richness}, {"richness_note", r.RichnessNote},
		{"decision", r.Decision}, {"reason", r.Reason}, {"stage", r.Stage}, {"decided_by", r.DecidedBy},
		{"decided_at", r.DecidedAt}}
}
