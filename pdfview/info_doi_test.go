package pdfview

import "testing"

// TestInfoDOI: a DOI in the metadata (Subject, Keywords, XMP identifiers)
// is the document's, for matching a reference list; the shared PDFs as
// their files have it.
func TestInfoDOI(t *testing.T) {
	for _, c := range []struct {
		name string
		d    infoDict
		xmp  []byte
		want string
	}{
		{"subject", infoDict{Subject: "Journal of Trauma Management & Outcomes 2010 4:1. doi:10.1186/1752-2897-4-1"}, nil, "10.1186/1752-2897-4-1"},
		{"keywords", infoDict{Keywords: "trust; doi: 10.1155/2010/157939"}, nil, "10.1155/2010/157939"},
		{"xmp identifier", infoDict{Subject: "Bioinformatics"}, []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier>doi:10.7717/peerj.3516</dc:identifier></rdf:Description></rdf:RDF></x:xmpmeta>`), "10.7717/peerj.3516"},
		{"prism attribute", infoDict{}, []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/" prism:doi="10.1186/1472-6963-14-1"/></rdf:RDF></x:xmpmeta>`), "10.1186/1472-6963-14-1"},
		{"none", infoDict{Subject: "Rehabilitation Research and Practice"}, nil, ""},
	} {
		so := secondOpinion{}
		if c.xmp != nil {
			so.xmp = parseXMP(c.xmp)
		}
		if got := mergeInfo(c.d, so, nil).DOI; got != c.want {
			t.Errorf("%s: DOI %q, want %q", c.name, got, c.want)
		}
	}
	for file, want := range map[string]string{
		"bmc-jtmo-2010-datta-systematic-review.pdf": "10.1186/1752-2897-4-1", // in Subject only
		"hindawi-rrp-2010-tully.pdf":                "",
	} {
		if got := extractCorpus(t, file).Info.DOI; got != want {
			t.Errorf("%s: DOI %q, want %q", file, got, want)
		}
	}
}
