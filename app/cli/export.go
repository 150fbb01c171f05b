package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/export"
)

// exportUsage is the syntax of the export verb.
const exportUsage = "export PROJECT --table cmocs|fragments|matrix|codebook|sources|contributions|flow|references --format csv|xlsx|docx|md|html|tex [-o FILE] [--by labels|theories] [--ids] [--all] [--cite author-year|numbered], or export PROJECT --format qdpx|coding -o FILE"

// fileFlags adds the flags of a verb that writes a table or a figure in a
// format: --format, -o and --by (labels or theories).
func fileFlags(fs *flag.FlagSet, formatUsage, outUsage, byUsage string) (format, out, by *string) {
	return fs.String("format", "", formatUsage), fs.String("o", "", outUsage), fs.String("by", "labels", byUsage)
}

// checkByCite refuses a --by (see fileFlags) or a --cite that a table or
// a figure does not know: a usage error of verb.
func checkByCite(verb, by, cite string) error {
	switch {
	case by != "labels" && by != "theories":
		return usagef("%s: unknown --by %q (want labels or theories)", verb, by)
	case !slices.Contains(export.CiteStyles, cite):
		return usagef("%s: unknown --cite %q (want %s)", verb, cite, strings.Join(export.CiteStyles, " or "))
	}
	return nil
}

// choice checks the value v of a required flag that takes one of names:
// a usage error of verb listing them when v is empty (followed by also,
// another way to call the verb) or none of them.
func choice(verb, flag, v string, names []string, also string) error {
	switch {
	case v == "":
		return usagef("%s: --%s is required (%s)%s", verb, flag, strings.Join(names, ", "), also)
	case !slices.Contains(names, v):
		return usagef("%s: unknown %s %q (want %s)", verb, flag, v, strings.Join(names, ", "))
	}
	return nil
}

// formatName is a --format as typed, in lower case and without a dot.
func formatName(typed string) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSpace(typed)), ".")
}

func (c *cli) export(args []string) error {
	fs := newFlags("export")
	table := fs.String("table", "", "cmocs, fragments, matrix, codebook, sources, contributions, flow or references")
	format, out, by := fileFlags(fs, "csv, xlsx, docx, md, html, tex, qdpx (REFI-QDA project) or coding (a coding file for merge)",
		"write to FILE (default: standard output, text formats only)", "matrix rows: labels or theories")
	ids := fs.Bool("ids", false, "keep the internal ID column of cmocs and fragments")
	all := fs.Bool("all", false, "keep the sources the reviewers excluded")
	cite := fs.String("cite", export.CiteAuthorYear, "how tables name sources: author-year or numbered")
	pos, err := parseN(fs, args, 1, exportUsage)
	if err != nil {
		return err
	}
	*table, *format = strings.ToLower(strings.TrimSpace(*table)), formatName(*format)
	switch *format {
	case "markdown":
		*format = export.Markdown
	case "latex":
		*format = export.TeX
	case "htm":
		*format = export.HTML
	}
	if *format == "qdpx" || *format == "coding" { // a whole project, not a table
		switch {
		case *table != "":
			return usagef("export: --format %s writes the whole project: leave out --table", *format)
		case *out == "":
			return usagef("export: %s is not text: give -o FILE.%s", *format, *format)
		}
		if *format == "coding" {
			return c.exportCoding(pos[0], *out)
		}
		return c.exportQDPX(pos[0], *out)
	}
	if err := choice("export", "table", *table, export.Tables, ", or --format qdpx or coding"); err != nil {
		return err
	}
	if err := choice("export", "format", *format, export.Formats, ""); err != nil {
		return err
	}
	if *out == "" && export.Binary(*format) {
		return usagef("export: %s is not text: give -o FILE.%s", *format, *format)
	}
	if err := checkByCite("export", *by, *cite); err != nil {
		return err
	}
	ep, err := c.readProject(pos[0])
	if err != nil {
		return err
	}
	t, warnings, err := export.Build(ep, *table, export.Options{MatrixBy: *by, IDs: *ids, All: *all, Cite: *cite})
	if err != nil {
		return err
	}
	for _, w := range warnings {
		c.warn("export", w)
	}
	if *out == "" {
		var buf bytes.Buffer // nothing half-written on an error
		if err := export.Write(&buf, t, *format); err != nil {
			return err
		}
		_, err := c.stdout.Write(buf.Bytes())
		return err
	}
	return session.WriteFileAtomic(*out, func(w io.Writer) error { return export.Write(w, t, *format) })
}

// sourceJSON is a source as `source --json` prints it.
type sourceJSON struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Authors       string `json:"authors"`
	Year          string `json:"year"`
	Citation      string `json:"citation"`
	Objectives    string `json:"objectives"`
	Location      string `json:"location"`
	Design        string `json:"design"`
	Participants  string `json:"participants"`
	Relevance     string `json:"relevance"`
	RelevanceNote string `json:"relevance_note"`
	Rigour        string `json:"rigour"`
	RigourNote    string `json:"rigour_note"`
	referenceJSON
}

func (c *cli) source(args []string) error {
	fs := newFlags("source")
	given := map[string]*string{}
	for _, f := range sourceFlags {
		given[f[0]] = fs.String(f[0], "", f[1])
	}
	coder := fs.String("coder", "", "who edits")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseN(fs, args, 2, "source PROJECT DOC [--year Y] [--design D] [--location L] [--participants P] [--objectives O] [--citation C] [--relevance J] [--relevance-note N] [--rigour J] [--rigour-note N] [--richness J] [--richness-note N] [--decision include|exclude|undecided] [--reason R] [--stage S] [--journal J] [--volume V] [--issue I] [--pages P] [--doi D] [--url U]")
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := parseScreeningFlags(given, set); err != nil {
		return err
	}
	s, d, err := c.openDocument(pos[0], pos[1], *coder)
	if err != nil {
		return err
	}
	defer s.Close()
	read := d.Source()
	src := read
	edits := 0
	for _, f := range sourceFlags {
		if set[f[0]] {
			*coding.SourceField(&src, f[0]) = *given[f[0]]
			edits++
		}
	}
	if src.Decision != read.Decision {
		src.DecidedBy, src.DecidedAt = s.Coder(), time.Now().UTC().Format(time.RFC3339)
	}
	if edits > 0 {
		// Only the fields given are written: an app open on the project
		// keeps what it saved in the others meanwhile.
		if err := s.Do(coding.EditSource{DocID: d.ID, Source: src, From: &read}); err != nil {
			return err
		}
		if d, err = s.Document(d.ID); err != nil {
			return err
		}
	}
	j := sourceJSON{d.ID, d.Title, d.Authors, d.Year, d.Citation, d.Objectives, d.Location, d.Design, d.Participants,
		string(d.Relevance.Judgement), d.Relevance.Note, string(d.Rigour.Judgement), d.Rigour.Note, newReferenceJSON(d)}
	if *asJSON {
		return writeJSON(c.stdout, j)
	}
	for _, kv := range append([][2]string{{"id", j.ID}, {"title", j.Title}, {"authors", j.Authors}, {"year", j.Year},
		{"citation", j.Citation}, {"objectives", j.Objectives}, {"location", j.Location}, {"design", j.Design},
		{"participants", j.Participants}, {"relevance", j.Relevance}, {"relevance_note", j.RelevanceNote},
		{"rigour", j.Rigour}, {"rigour_note", j.RigourNote}}, j.referenceJSON.pairs()...) {
		fmt.Fprintf(c.stdout, "%s\t%s\n", kv[0], strings.Join(strings.Fields(kv[1]), " "))
	}
	return nil
}
