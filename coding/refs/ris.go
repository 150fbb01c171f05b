package refs

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
)

// risTag is a RIS line: two characters, two spaces, a hyphen. Some
// exporters leave out the space after the hyphen on an empty value.
var risTag = regexp.MustCompile(`^([A-Z][A-Z0-9])  -( |$)`)

// ParseRIS reads RIS as EndNote, Zotero and Mendeley write it: a record
// from TY to ER, one tag a line, repeated AU (or A1) lines for the
// authors in order. A line without a tag continues the previous value.
func ParseRIS(data []byte) []Record {
	var recs []Record
	var r *Record
	var sp, ep string
	var last *string
	flush := func() {
		if r != nil {
			r.Pages = pageRange(sp, ep)
			recs = append(recs, *r)
		}
		r, sp, ep, last = nil, "", "", nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		m := risTag.FindStringSubmatch(line)
		if m == nil {
			if last != nil && strings.TrimSpace(line) != "" {
				*last += " " + strings.TrimSpace(line)
			}
			continue
		}
		tag, val := m[1], strings.TrimSpace(line[len(m[0]):])
		if tag == "TY" {
			flush()
			r = &Record{}
			continue
		}
		if r == nil {
			r = &Record{} // a file without TY lines: be lenient
		}
		last = nil
		switch tag {
		case "ER":
			flush()
		case "AU", "A1":
			r.Authors = append(r.Authors, val)
			last = &r.Authors[len(r.Authors)-1]
		case "TI", "T1":
			last = setOnce(&r.Title, val)
		case "T2", "JF", "JO", "JA", "J2", "BT", "PB":
			// The full journal name first: T2 and JF before the
			// abbreviations; the publisher only when nothing else.
			if r.Journal == "" || (tag == "T2" || tag == "JF") && !strings.Contains(r.Journal, " ") {
				r.Journal = val
			}
		case "PY", "Y1", "DA":
			setOnce(&r.Year, val)
		case "VL":
			setOnce(&r.Volume, val)
		case "IS":
			setOnce(&r.Issue, val)
		case "SP":
			sp = val
		case "EP":
			ep = val
		case "DO":
			setOnce(&r.DOI, val)
		case "UR", "L2":
			setOnce(&r.URL, val)
		case "ID":
			setOnce(&r.Key, val)
		}
	}
	flush()
	return recs
}

// setOnce keeps the first value given for a field and returns it for
// continuation lines, nil when it was already set.
func setOnce(p *string, v string) *string {
	if *p != "" {
		return nil
	}
	*p = v
	return p
}

func pageRange(sp, ep string) string {
	switch {
	case sp == "":
		return ep
	case ep == "" || ep == sp || strings.ContainsAny(sp, "-–"):
		return sp
	}
	return sp + "-" + ep
}
