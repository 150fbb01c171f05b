package cli

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
)

const agreementUsage = "agreement PROJECT --coders A,B [--doc DOC] [--decisions OTHER] [--json], or agreement PROJECT --decisions OTHER.cmoproj|OTHER.coding [--json]"

// agreementJSON is one row of `agreement --json`; the pooled rows have an
// empty doc_id. overlap is null when neither coder coded the role.
type agreementJSON struct {
	DocID     string   `json:"doc_id"`
	Document  string   `json:"document"`
	Role      string   `json:"role"`
	Units     int      `json:"units"`
	Both      int      `json:"both"`
	OnlyA     int      `json:"only_a"`
	OnlyB     int      `json:"only_b"`
	Neither   int      `json:"neither"`
	Agreement float64  `json:"agreement"`
	Kappa     float64  `json:"kappa"`
	Overlap   *float64 `json:"overlap"`
}

// agreement compares two coders' coding, document by document and role by
// role, then pooled over the documents (coding/agreement.go says how).
// Only the documents that either coder coded are compared: a document
// nobody has read yet would only add agreement on blank text.
func (c *cli) agreement(args []string) error {
	fs := newFlags("agreement")
	coders := fs.String("coders", "", "the two coders to compare, A,B")
	doc := fs.String("doc", "", "only this document")
	asJSON := fs.Bool("json", false, "print JSON")
	decisions := fs.String("decisions", "", "a teammate's project or coding file: compare the inclusion decisions with it")
	pos, err := parseN(fs, args, 1, agreementUsage)
	if err != nil {
		return err
	}
	if *decisions != "" && *coders == "" {
		return c.decisionAgreement(pos[0], *decisions, *asJSON)
	}
	if *decisions != "" && *asJSON {
		return usagef("agreement: --json prints one comparison: give --coders or --decisions")
	}
	var names []string
	for _, n := range strings.Split(*coders, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) != 2 || names[0] == names[1] {
		return usagef("--coders wants two different coders, A,B: %s", agreementUsage)
	}
	a, b := names[0], names[1]
	s, docs, err := c.openDocuments(pos[0], "")
	if err != nil {
		return err
	}
	defer s.Close()
	if *doc != "" {
		d, err := session.FindDocumentIn(docs, *doc)
		if err != nil {
			return err
		}
		docs = []coding.Document{d}
	}
	ags, compared, err := s.CompareCoders(docs, a, b)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	rows := make([]agreementJSON, len(ags))
	for i, ag := range ags {
		rows[i] = agreementRow(ag)
	}
	if *asJSON {
		return writeJSON(c.stdout, rows)
	}
	fmt.Fprintf(c.stdout, "Agreement between %s (A) and %s (B) on %s; units are characters other than spaces.\n\n", a, b, coding.Count(compared, "document"))
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "document\trole\tunits\tboth\tonly A\tonly B\tagreement\tkappa\toverlap")
	for _, r := range rows {
		overlap := "—"
		if r.Overlap != nil {
			overlap = fmt.Sprintf("%.1f%%", 100**r.Overlap)
		}
		kappa := math.Round(r.Kappa*100) / 100
		if kappa == 0 {
			kappa = 0 // not "-0.00"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%.1f%%\t%.2f\t%s\n", coding.Clip(r.Document, 40), coding.Role(r.Role).Title(),
			r.Units, r.Both, r.OnlyA, r.OnlyB, 100*r.Agreement, kappa, overlap)
	}
	if err := tw.Flush(); err != nil || *decisions == "" {
		return err
	}
	fmt.Fprintln(c.stdout)
	return c.decisionAgreement(pos[0], *decisions, false)
}

// agreementRow is an agreement as `agreement --json` prints it.
func agreementRow(ag session.Agreement) agreementJSON {
	row := agreementJSON{DocID: ag.DocID, Document: ag.Document, Role: string(ag.Role), Units: ag.Units, Both: ag.Both,
		OnlyA: ag.OnlyA, OnlyB: ag.OnlyB, Neither: ag.Neither(), Agreement: round4(ag.Percent()), Kappa: round4(ag.Kappa())}
	if ov, ok := ag.Overlap(); ok {
		ov = round4(ov)
		row.Overlap = &ov
	}
	return row
}

// round4 keeps four decimals, enough for a table and stable in JSON.
func round4(x float64) float64 { return math.Round(x*10000) / 10000 }
