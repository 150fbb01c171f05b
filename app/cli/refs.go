package cli

import (
	"fmt"
	"os"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refs"
)

// refs imports a reference manager's export (RIS, BibTeX, CSL-JSON) into
// the matched documents' source fields.
func (c *cli) refs(args []string) error {
	fs := newFlags("refs")
	overwrite := fs.Bool("overwrite", false, "replace fields the reviewers typed too")
	coder := fs.String("coder", "", "who edits")
	pos, err := parseN(fs, args, 2, "refs PROJECT FILE.ris|FILE.bib|FILE.json [--overwrite]")
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return coding.E(coding.KindInvalid, "refs", pos[1], err)
	}
	recs, err := refs.Parse(pos[1], data)
	if err != nil {
		return coding.E(coding.KindInvalid, "refs", pos[1], err)
	}
	s, err := c.open(pos[0], *coder)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.ImportReferences(recs, *overwrite)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.stdout, rep)
	return err
}
