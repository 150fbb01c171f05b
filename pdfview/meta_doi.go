package pdfview

import (
	"context"

	"cmocoder.org/cmocoder/coding/refs"
)

// metaDOI is the first DOI in the dictionary's Subject or Keywords or in
// the XMP identifiers (Info.DOI).
func metaDOI(d infoDict, xmp xmpMeta) string {
	for _, s := range append([]string{d.Subject, d.Keywords}, xmp.IDs...) {
		if doi := refs.FindDOI(s); doi != "" {
			return doi
		}
	}
	return ""
}

// MetadataDOI is the DOI a PDF's metadata holds (as Info.DOI), read by the
// second parser alone, without PDFium or the text: for documents added
// before add recorded it. "" when there is none, or the file cannot be
// read without a password.
func MetadataDOI(data []byte) string {
	so := startMeta(data, "").wait(context.Background())
	return metaDOI(so.info, so.xmp)
}
