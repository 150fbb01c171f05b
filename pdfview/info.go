package pdfview

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"cmocoder.org/cmocoder/coding"
	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/ledongthuc/pdf"
)

// Info is a document's bibliographic information, as far as the file says.
//
// Sources, in order of trust: PDFium's reading of the information
// dictionary (it copes with encryption and broken cross-references), the
// XMP metadata stream read by github.com/ledongthuc/pdf (PDFium has no call
// for it; publishers put the full author list there), and the text of the
// title page for the year.
type Info struct {
	Title    string // the file's own title; may be a job number: see GuessTitle
	Authors  string // "; " between authors when the file lists them apart
	Year     string // four digits, or empty
	Subject  string
	Keywords string
	Producer string
	Creator  string // the program that made the original (e.g. a word processor)
	// DOI is one the metadata holds: in Subject or Keywords ("Journal 2010
	// 4:1. doi:10.1186/…"), or XMP's dc:identifier, dc:description,
	// prism:doi or pdfx:doi. Matching a reference list uses it.
	DOI string
}

// pdfiumInfo reads the information dictionary with FPDF_GetMetaText.
func pdfiumInfo(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) (info infoDict) {
	get := func(tag string) string {
		r, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc, Tag: tag})
		if err != nil {
			return ""
		}
		return cleanField(r.Value)
	}
	return infoDict{
		Title: get("Title"), Author: get("Author"), Subject: get("Subject"),
		Keywords: get("Keywords"), Creator: get("Creator"), Producer: get("Producer"),
		CreationDate: get("CreationDate"), ModDate: get("ModDate"),
	}
}

// infoDict is the information dictionary as read, before choices are made.
type infoDict struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	CreationDate, ModDate                               string
}

// xmpMeta is what the XMP stream says that the dictionary may not.
type xmpMeta struct {
	Title    string
	Creators []string
	Date     string   // prism:publicationDate or prism:coverDate
	IDs      []string // dc:identifier, dc:description, prism:doi, pdfx:doi: where a DOI may be
}

// secondOpinion is what the second parser found: the dictionary (used only
// where PDFium's is empty) and the XMP metadata.
type secondOpinion struct {
	info infoDict
	xmp  xmpMeta
}

// metaTimeout bounds the second parser; it runs beside PDFium, so this is
// only waited for when it is slower than PDFium's whole extraction.
const metaTimeout = 3 * time.Second

// metaJob is the second parser at work.
type metaJob struct {
	done chan secondOpinion
}

// startMeta reads the dictionary and XMP with ledongthuc/pdf in a goroutine
// of its own, recovering its panics. (Never its GetPlainText: it runs words
// together; STACK.md.)
func startMeta(data []byte, password string) *metaJob {
	m := &metaJob{done: make(chan secondOpinion, 1)}
	go func() {
		var so secondOpinion
		defer func() {
			recover() // a parser panic only costs the second opinion
			m.done <- so
		}()
		r, err := openLedongthuc(data, password)
		if err != nil {
			return
		}
		so = readSecondOpinion(r)
	}()
	return m
}

// readSecondOpinion reads the dictionary and the XMP stream (at most 4 MB)
// of a file the second parser has open. It may panic.
func readSecondOpinion(r *pdf.Reader) (so secondOpinion) {
	so.info = ledongthucInfo(r.Trailer().Key("Info"))
	md := r.Trailer().Key("Root").Key("Metadata")
	if md.Kind() == pdf.Stream {
		rc := md.Reader()
		defer rc.Close()
		if raw, err := io.ReadAll(io.LimitReader(rc, 4<<20)); err == nil {
			so.xmp = parseXMP(raw)
		}
	}
	return so
}

// wait returns the second opinion, or nothing if it takes too long (the
// goroutine then finishes on its own; ledongthuc cannot be interrupted).
func (m *metaJob) wait(ctx context.Context) secondOpinion {
	t := time.NewTimer(metaTimeout)
	defer t.Stop()
	select {
	case so := <-m.done:
		return so
	case <-t.C:
	case <-ctx.Done():
	}
	return secondOpinion{}
}

// openLedongthuc opens data with the second parser, with password if the
// empty one does not do.
func openLedongthuc(data []byte, password string) (*pdf.Reader, error) {
	tried := false
	return pdf.NewReaderEncrypted(bytes.NewReader(data), int64(len(data)), func() string {
		if tried {
			return ""
		}
		tried = true
		return password
	})
}

func ledongthucInfo(v pdf.Value) infoDict {
	get := func(k string) string { return cleanField(v.Key(k).Text()) }
	return infoDict{
		Title: get("Title"), Author: get("Author"), Subject: get("Subject"),
		Keywords: get("Keywords"), Creator: get("Creator"), Producer: get("Producer"),
		CreationDate: get("CreationDate"), ModDate: get("ModDate"),
	}
}

// parseXMP picks dc:title, dc:creator and a publication date out of an XMP
// packet, as elements (<dc:title><rdf:Alt><rdf:li>…) or as attributes
// (<rdf:Description prism:coverDate="…">).
func parseXMP(raw []byte) xmpMeta {
	var m xmpMeta
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = false
	var stack []xml.Name
	var text strings.Builder
	dates := map[string]string{}
	prop := func(n xml.Name) string {
		switch {
		case n.Space == "http://purl.org/dc/elements/1.1/" && (n.Local == "title" || n.Local == "creator"):
			return "dc:" + n.Local
		case strings.Contains(n.Space, "prismstandard.org") && (n.Local == "publicationDate" || n.Local == "coverDate"):
			return "prism:" + n.Local
		case n.Space == "http://purl.org/dc/elements/1.1/" && (n.Local == "identifier" || n.Local == "description"),
			strings.Contains(n.Space, "prismstandard.org") && n.Local == "doi",
			strings.Contains(n.Space, "ns.adobe.com/pdfx") && n.Local == "doi":
			return "id"
		}
		return ""
	}
	// within returns the property element the current element is inside.
	within := func() string {
		for i := len(stack) - 1; i >= 0; i-- {
			if p := prop(stack[i]); p != "" {
				return p
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			for _, a := range t.Attr {
				if p := prop(a.Name); p != "" && strings.TrimSpace(a.Value) != "" {
					dates[p] = strings.TrimSpace(a.Value)
					if p == "dc:title" && m.Title == "" {
						m.Title = cleanField(a.Value)
					}
					if p == "id" {
						m.IDs = append(m.IDs, cleanField(a.Value))
					}
				}
			}
			stack = append(stack, t.Name)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				break
			}
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := cleanField(text.String())
			text.Reset()
			if v == "" {
				break
			}
			p := prop(name)
			if name.Local == "li" {
				p = within()
			}
			switch p {
			case "dc:title":
				if m.Title == "" {
					m.Title = v
				}
			case "dc:creator":
				m.Creators = append(m.Creators, v)
			case "id":
				m.IDs = append(m.IDs, v)
			case "prism:publicationDate", "prism:coverDate":
				if _, ok := dates[p]; !ok {
					dates[p] = v
				}
			}
		}
	}
	// dc:date is left out on purpose: it is often just when the file was made.
	for _, p := range []string{"prism:publicationDate", "prism:coverDate"} {
		if d := dates[p]; d != "" {
			m.Date = d
			break
		}
	}
	return m
}

// mergeInfo chooses each field from PDFium's dictionary, the second
// opinion and the title page.
func mergeInfo(d infoDict, so secondOpinion, pages []coding.Page) Info {
	or := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	d.Title = or(d.Title, so.info.Title)
	d.Author = or(d.Author, so.info.Author)
	d.Subject = or(d.Subject, so.info.Subject)
	d.Keywords = or(d.Keywords, so.info.Keywords)
	d.Creator = or(d.Creator, so.info.Creator)
	d.Producer = or(d.Producer, so.info.Producer)
	d.CreationDate = or(d.CreationDate, so.info.CreationDate)
	d.ModDate = or(d.ModDate, so.info.ModDate)

	info := Info{Title: d.Title, Authors: d.Author, Subject: d.Subject,
		Keywords: d.Keywords, Producer: d.Producer, Creator: d.Creator}
	// The dictionary's title is often a job number or a file name; XMP's is
	// sometimes better. GuessTitle makes the final choice with the text.
	if !looksLikeTitle(info.Title) && looksLikeTitle(so.xmp.Title) {
		info.Title = so.xmp.Title
	}
	// XMP lists authors one by one; the dictionary often has only the first
	// ("Datta" for a five-author paper) or "X {et al.}".
	if len(so.xmp.Creators) > 1 || info.Authors == "" {
		info.Authors = or(strings.Join(so.xmp.Creators, "; "), info.Authors)
	}
	// Many files name no author, or a publisher or a computer's owner:
	// the title page prints them.
	info.Authors = chooseAuthors(info.Authors, pages)
	info.Year = or(yearOf(so.xmp.Date), or(titlePageYear(pages), or(yearOf(d.CreationDate), yearOf(d.ModDate))))
	info.DOI = metaDOI(d, so.xmp)
	return info
}

// looksLikeTitle rejects empty fields, file names and job numbers: a
// title has at least two words with letters, and letters make up at least
// half of it.
func looksLikeTitle(t string) bool {
	low := strings.ToLower(t)
	for _, ext := range []string{".doc", ".pdf", ".tex", ".dvi", ".indd", ".qxd", ".rtf", ".odt"} {
		if strings.Contains(low, ext) {
			return false
		}
	}
	words, letters, all := 0, 0, 0
	for _, w := range strings.Fields(t) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	for _, r := range t {
		if !unicode.IsSpace(r) {
			all++
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return words >= 2 && letters*2 >= all
}

// cleanField collapses white space and drops control characters and NULs
// that producers leave in metadata strings.
func cleanField(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar || r == 0xFEFF {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

var yearRe = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)

// yearOf takes the year from a PDF date ("D:20140103125321Z"), an XMP date
// ("2014-01-03") or free text, if it is a plausible publication year.
func yearOf(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) >= 4 {
		if y, err := strconv.Atoi(s[:4]); err == nil && plausibleYear(y) {
			return s[:4]
		}
	}
	if m := yearRe.FindString(s); m != "" {
		y, _ := strconv.Atoi(m)
		if plausibleYear(y) {
			return m
		}
	}
	return ""
}

func plausibleYear(y int) bool { return y >= 1800 && y <= time.Now().Year()+1 }

// The year on a title page, in order of trust: a journal citation line
// ("Clinical Science (2014) 126, 305–313", "BMC Health Services Research
// 2014, 14:1"), a copyright line (after ©, "(c)", a "C" after an unreadable
// circle, or "Copyright", within the line), "Published"/"Accepted", an
// arXiv stamp ("arXiv:2103.15348v2 [cs.CV] 21 Jun 2021").
var titleYearRes = []*regexp.Regexp{
	regexp.MustCompile(`\(((?:1[89]|20)\d\d)\),?\s*\d+\s*[,:(]\s*\d`),
	regexp.MustCompile(`\b((?:1[89]|20)\d\d),\s*\d+:\d`),
	regexp.MustCompile(`(?i)(?:©|\(c\)|\x{FFFD}\s?c\b|copyright)[^\n]{0,80}?\b((?:1[89]|20)\d\d)\b`),
	regexp.MustCompile(`(?i)\b(?:published|accepted)(?: online)?\b[^\n]{0,40}?\b((?:1[89]|20)\d\d)\b`),
	regexp.MustCompile(`arXiv:\S+\s+\[[^\]\n]+\]\s+\d{1,2}\s+\pL{3,9}\s+((?:19|20)\d\d)\b`),
}

// titlePageYear looks for the year on the first page with text.
func titlePageYear(pages []coding.Page) string {
	for _, p := range pages {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		for _, re := range titleYearRes {
			for _, m := range re.FindAllStringSubmatch(p.Text, -1) {
				if y, _ := strconv.Atoi(m[1]); plausibleYear(y) {
					return m[1]
				}
			}
		}
		return ""
	}
	return ""
}

// String formats Info for logs and tests.
func (i Info) String() string {
	return fmt.Sprintf("title=%q authors=%q year=%s", i.Title, i.Authors, i.Year)
}
