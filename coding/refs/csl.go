package refs

import (
	"encoding/json"
	"fmt"
	"strings"
)

// cslItem is the part of a CSL-JSON item that a Record keeps.
type cslItem struct {
	ID             any       `json:"id"`
	Title          string    `json:"title"`
	Author         []cslName `json:"author"`
	Editor         []cslName `json:"editor"`
	Issued         cslDate   `json:"issued"`
	ContainerTitle string    `json:"container-title"`
	Publisher      string    `json:"publisher"`
	Volume         text      `json:"volume"`
	Issue          text      `json:"issue"`
	Page           text      `json:"page"`
	DOI            string    `json:"DOI"`
	URL            string    `json:"URL"`
}

type cslName struct {
	Family, Given, Literal string
	Particle               string `json:"non-dropping-particle"`
}

// cslDate is {"date-parts": [[2010, 11, 5]]} or {"raw": "2010"} (or a
// string, as some exporters write).
type cslDate struct {
	Year string
}

func (d *cslDate) UnmarshalJSON(b []byte) error {
	var v struct {
		Parts   [][]json.Number `json:"date-parts"`
		Raw     string          `json:"raw"`
		Literal string          `json:"literal"`
	}
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &d.Year)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil // an unreadable date is no date, not an unreadable file
	}
	switch {
	case len(v.Parts) > 0 && len(v.Parts[0]) > 0:
		d.Year = v.Parts[0][0].String()
	case v.Raw != "":
		d.Year = v.Raw
	default:
		d.Year = v.Literal
	}
	return nil
}

// ParseCSLJSON reads CSL-JSON as Zotero exports it: an array of items (or
// one item).
func ParseCSLJSON(data []byte) ([]Record, error) {
	var items []cslItem
	if err := json.Unmarshal(data, &items); err != nil {
		var one cslItem
		if err1 := json.Unmarshal(data, &one); err1 != nil {
			return nil, fmt.Errorf("CSL-JSON: %w", err)
		}
		items = []cslItem{one}
	}
	recs := make([]Record, 0, len(items))
	for _, it := range items {
		r := Record{Title: it.Title, Year: it.Issued.Year, Journal: it.ContainerTitle, Volume: string(it.Volume),
			Issue: string(it.Issue), Pages: string(it.Page), DOI: it.DOI, URL: it.URL}
		if it.ID != nil {
			r.Key = fmt.Sprint(it.ID)
		}
		if r.Journal == "" {
			r.Journal = it.Publisher
		}
		names := it.Author
		if len(names) == 0 {
			names = it.Editor
		}
		for _, n := range names {
			r.Authors = append(r.Authors, n.String())
		}
		recs = append(recs, r)
	}
	return recs, nil
}

func (n cslName) String() string {
	family := strings.TrimSpace(strings.TrimSpace(n.Particle + " " + n.Family))
	switch {
	case n.Literal != "":
		return n.Literal
	case family != "" && n.Given != "":
		return family + ", " + n.Given
	}
	return family + n.Given
}

// text is a CSL value that exporters write as a string or a number.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = text(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*t = text(n.String())
	}
	return nil // anything else is no value, not an unreadable file
}
