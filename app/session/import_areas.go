package session

import (
	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
)

// readAreaPages gives im the pages, with their character boxes, that the
// file's area codings (PDFSelection) lie on: Apply runs in a transaction,
// which reads texts but not boxes. A page the document does not have is
// left out; Apply says so.
func (s *Session) readAreaPages(im *refiqda.Import) error {
	for _, ap := range im.AreaPages() {
		p, err := s.store.Page(ap.DocID, ap.Page)
		switch {
		case coding.IsKind(err, coding.KindNotFound):
			continue
		case err != nil:
			return err
		}
		im.AddPage(ap.DocID, p)
	}
	return nil
}
