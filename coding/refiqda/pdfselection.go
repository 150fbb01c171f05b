package refiqda

// Area coding of PDFs (PDFSelection): a page and a rectangle in PDF
// points, as NVivo and ATLAS.ti code a region of a page.
//
// Import: the characters whose boxes (one per code point, stored at
// import) have their centre inside the rectangle become the fragment,
// from the first to the last of them in reading order. REFI-QDA counts
// pages from 0 (every tool seen does) and puts the origin at the bottom
// left of the page (spec §10.3); QualCoder writes a top-left origin and is
// read so. An area holding no text is reported and left out. An area that
// accompanies a text selection of the same source (ATLAS.ti writes each
// PDF quotation as both, cmocoder's export too) is the same passage and
// is not imported again, even when that selection is not found in the
// text: it is paired with one when it has that selection's GUID or the one
// cmocoder derives from it, or the same codes and characters in common
// with it.
//
// Export: each fragment of a PDF gets, beside its PlainTextSelection, one
// PDFSelection per page it covers (as ATLAS.ti writes a quotation that
// runs over a page break), the smallest rectangle in whole points holding
// the boxes of its visible characters on that page, origin at the bottom
// left of the page box.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"cmocoder.org/cmocoder/coding"
)

// Area is a PDFSelection: a coded rectangle on a page of a PDF source.
// Its Selection holds its GUID, codes, notes, users and times (Start and
// End are not used).
type Area struct {
	Selection
	Page           int     // 0-based, as the file counts
	X0, Y0, X1, Y1 float64 // PDF points, X0 <= X1 and Y0 <= Y1
	// Unreadable says the page or a corner is not a number: the area is
	// left out with a warning, not the whole file.
	Unreadable bool
}

// inPDFSel is a PDFSelection as read: a text selection's attributes and
// children (its startPosition and endPosition absent) and the area's.
type inPDFSel struct {
	inSel
	Page    string `xml:"page,attr"`
	FirstX  string `xml:"firstX,attr"`
	FirstY  string `xml:"firstY,attr"`
	SecondX string `xml:"secondX,attr"`
	SecondY string `xml:"secondY,attr"`
}

// areas reads a source's PDFSelections. One whose page or corners are
// not numbers is kept Unreadable, for the import to warn about: the file
// was read whole before cmocoder read areas, and still is.
func areas(in []inPDFSel) ([]Area, error) {
	var out []Area
	for _, a := range in {
		var v [5]float64
		unreadable := false
		for i, s := range []string{a.Page, a.FirstX, a.FirstY, a.SecondX, a.SecondY} {
			f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e9 {
				unreadable = true
			}
			v[i] = f
		}
		// The selection's other fields are read as a text selection's.
		sel := a.inSel
		sel.Start, sel.End = "0", "0"
		t, err := text(inText{Selections: []inSel{sel}})
		if err != nil {
			return nil, err
		}
		out = append(out, Area{Selection: t.Selections[0], Page: int(v[0]), Unreadable: unreadable,
			X0: min(v[1], v[3]), Y0: min(v[2], v[4]), X1: max(v[1], v[3]), Y1: max(v[2], v[4])})
	}
	return out, nil
}

// AreaPage is a page (1-based) of a document that area codings lie on.
type AreaPage struct {
	DocID string
	Page  int
}

// AreaPages are the pages whose character boxes Apply needs to import the
// file's area codings: the caller reads each (coding.Reader.Page) and
// gives it with AddPage before applying.
func (im *Import) AreaPages() []AreaPage {
	var out []AreaPage
	for _, sd := range im.docs {
		for _, a := range sd.src.Areas {
			if p := (AreaPage{sd.docID, a.Page + 1}); !a.Unreadable && a.Page >= 0 && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// AddPage gives Apply a page of a document, with its character boxes.
func (im *Import) AddPage(docID string, p coding.Page) {
	if im.pages == nil {
		im.pages = map[AreaPage]coding.Page{}
	}
	im.pages[AreaPage{docID, p.Number}] = p
}

// placedSel is a text selection of a source where it lies in cmocoder's
// text (start -1 when it could not be placed), for pairing areas with.
type placedSel struct {
	guid       string
	codes      []string
	start, end int
}

// areaFragments imports the area codings of a source: each becomes a
// fragment of the characters inside it, unless it holds no text or
// accompanies a text selection of the same passage.
func (im *Import) areaFragments(tx coding.Tx, sd sourceDoc, labelName map[string]string, do func(coding.Change) error) error {
	if len(sd.src.Areas) == 0 {
		return nil
	}
	t, err := tx.Text(sd.docID)
	if err != nil {
		return err
	}
	texts := im.placedSels(t, sd)
	name := sd.src.DisplayName()
	topLeft := im.in.File != nil && strings.Contains(strings.ToLower(im.in.File.Origin), "qualcoder")
	var sels []Selection
	for _, a := range sd.src.Areas {
		if a.Unreadable {
			im.warnf("source %q: area coding %s: its page or corners are not numbers; not imported", name, a.GUID)
			continue
		}
		pg, ok := im.pages[AreaPage{sd.docID, a.Page + 1}]
		if !ok {
			im.warnf("source %q: area coding on page %d, which the PDF does not have: not imported", name, a.Page+1)
			continue
		}
		start, end, ok := AreaSpan(t, pg, a.rect(pg, topLeft))
		if !ok || coding.CheckSpan(t, start, end) != nil {
			im.warnf("source %q: area coding without text: not imported (page %d)", name, a.Page+1)
			continue
		}
		if paired(a, start, end, texts) {
			continue
		}
		sel := a.Selection
		sel.Start, sel.End = start, end
		sels = append(sels, sel)
	}
	if len(sels) == 0 {
		return nil
	}
	// The spans are cmocoder's own offsets: placed as a text selection in
	// a text identical to ours, counted in code points.
	// Its warnings name them apart from the text selections.
	src := sd.src
	src.Name = name + ", area codings"
	src.Text = &TextSource{GUID: sd.src.GUID, Selections: sels}
	nvivo := im.nvivo
	im.nvivo = false
	defer func() { im.nvivo = nvivo }()
	ours := t.String()
	return im.fragments(tx, sourceDoc{src: src, docID: sd.docID, theirs: ours, hasText: true}, labelName, do)
}

// placedSels are the source's text selections where they lie in t.
func (im *Import) placedSels(t *coding.Text, sd sourceDoc) []placedSel {
	if sd.src.Text == nil {
		return nil
	}
	place := NewPassages(t.String(), sd.theirs, sd.hasText, im.nvivo)
	var out []placedSel
	for _, sel := range sd.src.Text.Selections {
		start, end, err := place.Place(sel.Start, sel.End)
		if err != nil {
			start, end = -1, -1
		}
		out = append(out, placedSel{sel.GUID, sel.Codes, start, end})
	}
	return out
}

// paired reports whether an area covering [start, end) is the same passage
// as one of the text selections: it has its GUID (ATLAS.ti), or the GUID
// cmocoder's export derives from it (AreaGUID), or the same codes and
// characters in common with it.
func paired(a Area, start, end int, texts []placedSel) bool {
	for _, s := range texts {
		if a.GUID != "" && (s.guid == a.GUID || AreaGUID(s.guid, a.Page) == a.GUID) {
			return true
		}
		if s.start >= 0 && s.start < end && start < s.end && sameSet(s.codes, a.Codes) {
			return true
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// rect is the area in the page's user space, as the boxes are: the file's
// origin is the page box's bottom left (its top left for QualCoder).
func (a Area) rect(pg coding.Page, topLeft bool) coding.Box {
	x0, x1 := float64(pg.X0)+a.X0, float64(pg.X0)+a.X1
	y0, y1 := float64(pg.Y0)+a.Y0, float64(pg.Y0)+a.Y1
	if topLeft {
		y0, y1 = float64(pg.Y1)-a.Y1, float64(pg.Y1)-a.Y0
	}
	return coding.Box{X0: float32(x0), Y0: float32(y0), X1: float32(x1), Y1: float32(y1)}
}

// AreaSpan is the span of t holding the characters of page pg whose boxes
// have their centre inside r (user space): from the first to the last of
// them that is not white space, in reading order. ok is false when there
// is none.
func AreaSpan(t *coding.Text, pg coding.Page, r coding.Box) (start, end int, ok bool) {
	first, last := -1, -1
	i := 0
	for _, c := range pg.Text {
		if i >= len(pg.Boxes) {
			break
		}
		b := pg.Boxes[i]
		cx, cy := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
		if !unicode.IsSpace(c) && cx >= r.X0 && cx <= r.X1 && cy >= r.Y0 && cy <= r.Y1 {
			if first < 0 {
				first = i
			}
			last = i
		}
		i++
	}
	if first < 0 || pg.Number < 1 || pg.Number > len(t.Pages) {
		return 0, 0, false
	}
	base := t.PageStart(pg.Number)
	return base + first, base + last + 1, true
}

// ---- export -----------------------------------------------------------

type xPDFSelection struct {
	GUID    string `xml:"guid,attr"`
	Name    string `xml:"name,attr"`
	Page    int    `xml:"page,attr"`
	FirstX  int    `xml:"firstX,attr"`
	FirstY  int    `xml:"firstY,attr"`
	SecondX int    `xml:"secondX,attr"`
	SecondY int    `xml:"secondY,attr"`
	stamp
	xCoded
}

// AreaGUID is the GUID of the area selection of a fragment's selection on
// a page (0-based).
func AreaGUID(selectionGUID string, page int) string {
	return GUID(selectionGUID + "/area/" + strconv.Itoa(page))
}

// areaSelections are the PDFSelections of a PDF's selections (sels, of
// the text of d): one per page each covers, with the selection's codings,
// memo and users. None when d cannot give its pages.
func areaSelections(d Document, sels []xPlainTextSelection) ([]xPDFSelection, error) {
	if d.Page == nil || len(sels) == 0 {
		return nil, nil
	}
	text, err := d.Text()
	if err != nil {
		return nil, about(err, "the text of", d.Document)
	}
	starts := []int{0} // starts[i] is the offset where page i+1 begins
	i := 0
	for _, r := range text {
		if r == coding.PageSeparator {
			starts = append(starts, i+1)
		}
		i++
	}
	pages := map[int]coding.Page{}
	page := func(n int) (coding.Page, error) {
		if p, ok := pages[n]; ok {
			return p, nil
		}
		p, err := d.Page(n)
		if err != nil {
			return p, about(err, fmt.Sprintf("page %d of", n), d.Document)
		}
		pages[n] = p
		return p, nil
	}
	var out []xPDFSelection
	for _, sel := range sels {
		for n := range len(starts) {
			ps := starts[n]
			pe := i
			if n+1 < len(starts) {
				pe = starts[n+1] - 1
			}
			s, e := max(sel.StartPosition, ps), min(sel.EndPosition, pe)
			if s >= e {
				continue
			}
			p, err := page(n + 1)
			if err != nil {
				return nil, err
			}
			box, ok := enclosing(p, s-ps, e-ps)
			if !ok {
				continue
			}
			a := xPDFSelection{GUID: AreaGUID(sel.GUID, n), Name: sel.Name, Page: n,
				FirstX: int(math.Floor(float64(box.X0 - p.X0))), FirstY: int(math.Floor(float64(box.Y0 - p.Y0))),
				SecondX: int(math.Ceil(float64(box.X1 - p.X0))), SecondY: int(math.Ceil(float64(box.Y1 - p.Y0))),
				stamp: sel.stamp, xCoded: xCoded{Description: sel.Description, NoteRef: sel.NoteRef}}
			for _, c := range sel.Coding {
				c.GUID = CodingGUID(a.GUID, c.CodeRef.TargetGUID)
				a.Coding = append(a.Coding, c)
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// enclosing is the smallest box holding the boxes of the visible
// characters [s, e) of page p (offsets in the page's text); ok is false
// when there is none (only white space, or no boxes).
func enclosing(p coding.Page, s, e int) (box coding.Box, ok bool) {
	i := 0
	for _, c := range p.Text {
		if i >= e || i >= len(p.Boxes) {
			break
		}
		b := p.Boxes[i]
		if i >= s && !unicode.IsSpace(c) && b.X1 > b.X0 && b.Y1 > b.Y0 {
			if !ok {
				box, ok = b, true
			} else {
				box = coding.Box{X0: min(box.X0, b.X0), Y0: min(box.Y0, b.Y0), X1: max(box.X1, b.X1), Y1: max(box.Y1, b.Y1)}
			}
		}
		i++
	}
	return box, ok
}
