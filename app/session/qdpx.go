package session

import (
	"path/filepath"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
	"cmocoder.org/cmocoder/internal/buildinfo"
)

// QDPXProject builds the REFI-QDA export's input from a project: its
// contents read in one transaction, its coders, and each document's PDF
// and text read as the export reaches it.
func QDPXProject(p *Session) (*refiqda.Project, error) {
	c, err := p.Contents()
	if err != nil {
		return nil, err
	}
	coders, err := p.Coders()
	if err != nil {
		return nil, err
	}
	title := strings.TrimSpace(c.Title)
	if title == "" {
		base := filepath.Base(p.Path())
		title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	created, by, err := p.Created()
	if err != nil {
		return nil, err
	}
	rp := &refiqda.Project{Title: title, Origin: "cmocoder " + buildinfo.Version(), Coders: coders, Created: created, CreatedBy: by,
		Fragments: c.Fragments, Labels: c.Labels, CMOCs: c.CMOCs, Theories: c.Theories}
	for _, d := range c.Documents {
		id := d.ID
		doc := refiqda.Document{Document: d, Text: func() (string, error) {
			t, err := p.Text(id)
			if err != nil {
				return "", err
			}
			return t.String(), nil
		}}
		if d.SHA256 != "" && d.IsPDF() { // a document without a PDF has no SHA-256; a text document is its text
			doc.PDF = func() ([]byte, error) { return p.PDF(id) }
			doc.Page = func(n int) (coding.Page, error) { return p.Page(id, n) }
		}
		rp.Documents = append(rp.Documents, doc)
	}
	return rp, nil
}
