package session

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/assets"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/storage"
)

// demoCoding is one passage of the demo article and how it is coded. The
// passages are found by their words, so they survive changes in how
// white space or line-end hyphens are extracted.
type demoCoding struct {
	quote   string
	role    coding.Role
	valence coding.Valence
	labels  []string
	memo    string
}

var demoCodings = []demoCoding{
	{"centralization of authority over the health workforce at the national level", coding.Context, coding.NoValence,
		[]string{"Leadership"}, "Authority over staff sits with the ministry, not the hospital."},
	{"weak leadership structures", coding.Resource, coding.Negative, []string{"Leadership"}, ""},
	{"low or lack of commitment and low staff motivation", coding.Reasoning, coding.Negative, []string{"Motivation"}, ""},
	{"neither the hospital management nor the heads of departments have control over their staff or are able to hold them accountable for their actions",
		coding.Outcome, coding.Negative, []string{"Accountability"}, ""},
	{"Human resource shortages, staff attitudes and shortage of equipment were identified as major constraints to patient care",
		coding.Context, coding.NoValence, []string{"Resources"}, "From the abstract."},
}

// demoSource is the demo article's record as a source of the review.
var demoSource = coding.Source{
	Authors:  "Agyeman-Duah JNA; Theurer A; Munthali C; Alide N; Neuhann F",
	Year:     "2014",
	Citation: "Agyeman-Duah JNA, Theurer A, Munthali C, Alide N, Neuhann F. Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi. BMC Health Serv Res. 2014;14:1. doi:10.1186/1472-6963-14-1",
	Study: coding.Study{
		Objectives:   "Identify and understand the barriers to sustainable high-quality care in a hospital's medical department",
		Location:     "Kamuzu Central Hospital, Lilongwe, Malawi",
		Design:       "Situational analysis; mixed methods (checklists, register review, interviews, observation)",
		Participants: "100 outpatients; staff and management of the Medical Department",
		Relevance:    coding.Appraisal{Judgement: coding.High, Note: "Speaks directly to leadership and staff motivation in quality improvement"},
		Rigour:       coding.Appraisal{Judgement: coding.Moderate, Note: "Single site; convenience sample"},
	},
}

// BuildDemo creates the demo project at path: the bundled open-access
// article with a few fragments and one CMOC under a programme theory.
func BuildDemo(ctx context.Context, path string) error {
	p, err := storage.Create(path, "Demo: quality improvement in resource-limited settings", "Demo coder")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		p.Close()
		if !ok {
			os.Remove(path)
		}
	}()
	s := New(p)
	p.SetCoder("Demo coder")
	eng, err := NewEngine()
	if err != nil {
		return err
	}
	defer eng.Close()
	dir, err := os.MkdirTemp("", "cmocoder-demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	pdf := filepath.Join(dir, assets.DemoFileName)
	if err := os.WriteFile(pdf, assets.DemoPDF, 0o644); err != nil {
		return err
	}
	doc, err := s.Import(ctx, eng, pdf, "")
	if err != nil {
		return err
	}
	if err := s.Do(coding.EditSource{DocID: doc.ID, Source: demoSource}); err != nil {
		return err
	}
	text, err := p.Text(doc.ID)
	if err != nil {
		return err
	}
	var ids []string
	for _, dc := range demoCodings {
		start, end, found := FindWords(text.String(), dc.quote)
		if !found {
			return fmt.Errorf("demo: %q not found in the demo article's text", dc.quote)
		}
		f := coding.Fragment{ID: coding.NewID(), DocID: doc.ID, Start: start, End: end, Role: dc.role, Valence: dc.valence, Labels: dc.labels, Memo: dc.memo}
		if err := s.Do(coding.AddFragment{Fragment: f}); err != nil {
			return err
		}
		ids = append(ids, f.ID)
	}
	cmoc := coding.CMOC{
		Statement: "When authority over staff is held nationally (C), weak local leadership (M−, Resource) leaves staff uncommitted (M−, Reasoning), and nobody can hold them to account (O−).",
		Narrative: "Managers at the Medical Department could not hire, discipline or reward staff; interviewees linked weak leadership structures to low commitment and motivation, and management described having no control over staff.",
		Fragments: ids[:4],
		Labels:    []string{"Leadership"},
	}
	if err := s.Do(coding.AddCMOC{CMOC: cmoc, TheoryName: "Leading for quality"}); err != nil {
		return err
	}
	ok = true
	return nil
}

// FindWords finds quote in text ignoring white space and hyphens, and
// returns its code-point span.
func FindWords(text, quote string) (start, end int, ok bool) {
	skip := func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '\u00ad' }
	var norm []rune
	var at []int // at[i] is the offset in text of norm[i]
	for i, r := range []rune(text) {
		if !skip(r) {
			norm = append(norm, unicode.ToLower(r))
			at = append(at, i)
		}
	}
	var q []rune
	for _, r := range quote {
		if !skip(r) {
			q = append(q, unicode.ToLower(r))
		}
	}
	i := strings.Index(string(norm), string(q))
	if i < 0 || len(q) == 0 {
		return 0, 0, false
	}
	n := len([]rune(string(norm)[:i]))
	return at[n], at[n+len(q)-1] + 1, true
}
