package cli

import (
	"io"

	"cmocoder.org/cmocoder/app/session"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// exportQDPX writes a project as a REFI-QDA project file at out, whole or
// not at all; warnings (evidence that could not be linked) go to stderr.
func (c *cli) exportQDPX(project, out string) error {
	s, err := c.open(project, "")
	if err != nil {
		return err
	}
	defer s.Close()
	rp, err := session.QDPXProject(s)
	if err != nil {
		return err
	}
	var warnings []string
	err = session.WriteFileAtomic(out, func(w io.Writer) error {
		var err error
		warnings, err = refiqda.Write(w, rp)
		return err
	})
	if err != nil {
		return err
	}
	for _, w := range warnings {
		c.warn("export", w)
	}
	return nil
}

// exportCoding writes the project's coding without its documents' files
// to out, whole or not at all, for a teammate's merge.
func (c *cli) exportCoding(project, out string) error {
	s, err := c.open(project, "")
	if err != nil {
		return err
	}
	defer s.Close()
	return session.WriteFileAtomic(out, s.ExportCoding)
}
