package cli

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/export"
	"cmocoder.org/cmocoder/figure"
)

// figureUsage is the syntax of the figure verb.
const figureUsage = "figure PROJECT --kind theories|map|flow [--theory NAME] [--by labels|theories] [--group design|relevance|rigour] --format svg|png|pdf [--width MM] [--dpi N] [--all] [--cite author-year|numbered] -o FILE"

// figure draws the programme-theory diagram or the evidence map into a
// file, written whole or not at all.
func (c *cli) figure(args []string) error {
	fs := newFlags("figure")
	kind := fs.String("kind", "", "theories (the programme-theory diagram), map (the evidence map) or flow (the flow of sources)")
	theory := fs.String("theory", "", "draw only the programme theory of this name")
	format, out, by := fileFlags(fs, "svg, png or pdf (default: from the -o file's extension)", "the file to write", "map rows: labels or theories")
	group := fs.String("group", "", "group the map's sources by design, relevance or rigour")
	width := fs.Float64("width", figure.DefaultWidth, "width in mm")
	dpi := fs.Float64("dpi", figure.DefaultDPI, "resolution of a PNG, in dots per inch")
	all := fs.Bool("all", false, "keep the sources the reviewers excluded")
	cite := fs.String("cite", export.CiteAuthorYear, "how sources are cited: author-year or numbered")
	pos, err := parseN(fs, args, 1, figureUsage)
	if err != nil {
		return err
	}
	*kind = strings.ToLower(strings.TrimSpace(*kind))
	*format = formatName(*format)
	if *format == "" {
		*format = formatName(filepath.Ext(*out))
	}
	if err := choice("figure", "kind", *kind, figure.Kinds, ""); err != nil {
		return err
	}
	switch {
	case *out == "":
		return usagef("figure: give -o FILE")
	case *format == "":
		return usagef("figure: give --format %s, or an -o FILE ending in one", strings.Join(figure.Formats, ", "))
	case !slices.Contains(figure.Formats, *format):
		return usagef("figure: unknown format %q (want %s)", *format, strings.Join(figure.Formats, ", "))
	case *theory != "" && *kind != figure.KindTheories:
		return usagef("figure: --theory is for --kind theories")
	case *group != "" && !slices.Contains(figure.Groups, *group):
		return usagef("figure: unknown --group %q (want %s)", *group, strings.Join(figure.Groups, ", "))
	case *group != "" && *kind != figure.KindMap:
		return usagef("figure: --group is for --kind map")
	case *width < 50 || *width > 2000:
		return usagef("figure: --width %g is out of range (50 to 2000 mm)", *width)
	case *dpi < 36 || *dpi > 2400:
		return usagef("figure: --dpi %g is out of range (36 to 2400)", *dpi)
	}
	if err := checkByCite("figure", *by, *cite); err != nil {
		return err
	}
	ep, err := c.readProject(pos[0])
	if err != nil {
		return err
	}
	fig, err := figure.Build(ep, *kind, figure.Options{Theory: *theory, By: *by, Group: *group, Width: *width, All: *all, Cite: *cite})
	if err != nil {
		return err
	}
	return session.WriteFileAtomic(*out, func(w io.Writer) error { return fig.Write(w, *format, *dpi) })
}

// readProject reads what tables and figures are built from, and closes
// the project again.
func (c *cli) readProject(path string) (*export.Project, error) {
	s, err := c.open(path, "")
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return session.ExportProject(s)
}
