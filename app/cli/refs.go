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
	s, recs, err := openWithFile(c, pos[0], pos[1], *coder, func(path string) ([]refs.Record, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, coding.E(coding.KindInvalid, "refs", path, err)
		}
		recs, err := refs.Parse(path, data)
		if err != nil {
			return nil, coding.E(coding.KindInvalid, "refs", path, err)
		}
		return recs, nil
	})
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
