package refiqda

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// The project.qde document. Field order is element order, which the XSD
// enforces; list elements are pointers so that an empty list is left out
// (the XSD wants at least one child in each).

type xProject struct {
	XMLName          xml.Name    `xml:"urn:QDA-XML:project:1.0 Project"`
	Name             string      `xml:"name,attr"`
	Origin           string      `xml:"origin,attr,omitempty"`
	CreatingUserGUID string      `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	ModifiedDateTime string      `xml:"modifiedDateTime,attr,omitempty"`
	Users            *xUsers     `xml:"Users"`
	CodeBook         *xCodeBook  `xml:"CodeBook"`
	Variables        *xVariables `xml:"Variables"`
	Sources          *xSources   `xml:"Sources"`
	Notes            *xNotes     `xml:"Notes"`
	Links            *xLinks     `xml:"Links"`
	Sets             *xSets      `xml:"Sets"`
}

type xUsers struct {
	User []xUser `xml:"User"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type xCodeBook struct {
	Codes xCodes `xml:"Codes"`
}

type xCodes struct {
	Code []xCode `xml:"Code"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	IsCodable   bool    `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr,omitempty"`
	Description string  `xml:"Description,omitempty"`
	Code        []xCode `xml:"Code"`
}

type xVariables struct {
	Variable []xVariable `xml:"Variable"`
}

type xVariable struct {
	GUID           string `xml:"guid,attr"`
	Name           string `xml:"name,attr"`
	TypeOfVariable string `xml:"typeOfVariable,attr"`
}

type xVariableValue struct {
	VariableRef xRef   `xml:"VariableRef"`
	TextValue   string `xml:"TextValue"`
}

type xRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

type xSources struct {
	Source []xSource // each names itself: PDFSource or TextSource
}

// xSource is a PDFSource or a TextSource (XMLName says which): their
// children differ, and each uses only its own fields.
type xSource struct {
	XMLName       xml.Name
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	Path          string `xml:"path,attr,omitempty"`          // PDFSource
	CurrentPath   string `xml:"currentPath,attr,omitempty"`   // PDFSource
	PlainTextPath string `xml:"plainTextPath,attr,omitempty"` // TextSource
	stamp
	Description    string                `xml:"Description,omitempty"`
	Areas          []xPDFSelection       `xml:"PDFSelection"`       // PDFSource
	Selections     []xPlainTextSelection `xml:"PlainTextSelection"` // TextSource
	Representation *xTextSource          `xml:"Representation"`     // PDFSource
	VariableValue  []xVariableValue      `xml:"VariableValue"`
}

// xTextSource is the TextSourceType of a Representation or a Note.
type xTextSource struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr,omitempty"`
	PlainTextPath string `xml:"plainTextPath,attr,omitempty"`
	stamp
	PlainTextContent string                `xml:"PlainTextContent,omitempty"`
	Selections       []xPlainTextSelection `xml:"PlainTextSelection"`
}

type xPlainTextSelection struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	StartPosition int    `xml:"startPosition,attr"`
	EndPosition   int    `xml:"endPosition,attr"`
	stamp
	xCoded
}

// xCoded is what every REFI-QDA selection holds besides where it is (the
// XSD's SelectionType): its memo, its codings and its notes.
type xCoded struct {
	Description string    `xml:"Description,omitempty"` // the memo, which QualCoder reads from here
	Coding      []xCoding `xml:"Coding"`
	NoteRef     []xRef    `xml:"NoteRef"`
}

// stamp is who made an element and when, as most REFI-QDA elements say
// it: read (model.go) and written (the empty ones left out) alike.
type stamp struct {
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	ModifiedDateTime string `xml:"modifiedDateTime,attr,omitempty"`
}

type xCoding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          xRef   `xml:"CodeRef"`
}

type xNotes struct {
	Note []xTextSource `xml:"Note"`
}

type xLinks struct {
	Link []xLink `xml:"Link"`
}

type xLink struct {
	GUID       string `xml:"guid,attr"`
	Name       string `xml:"name,attr,omitempty"`
	Direction  string `xml:"direction,attr"`
	OriginGUID string `xml:"originGUID,attr"`
	TargetGUID string `xml:"targetGUID,attr"`
}

type xSets struct {
	Set []xSet `xml:"Set"`
}

type xSet struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Description string `xml:"Description,omitempty"`
	MemberNote  []xRef `xml:"MemberNote"`
}

// The study characteristics written as Text variables, in this order.
var variables = []struct {
	name string
	get  func(d coding.Document) string
}{
	{"Authors", func(d coding.Document) string { return d.Authors }},
	{"Year", func(d coding.Document) string { return d.Year }},
	{"Citation", func(d coding.Document) string { return d.Citation }},
	{"Objectives", func(d coding.Document) string { return d.Objectives }},
	{"Location", func(d coding.Document) string { return d.Location }},
	{"Design", func(d coding.Document) string { return d.Design }},
	{"Participants", func(d coding.Document) string { return d.Participants }},
	{"Relevance", func(d coding.Document) string { return string(d.Relevance.Judgement) }},
	{"Relevance note", func(d coding.Document) string { return d.Relevance.Note }},
	{"Rigour", func(d coding.Document) string { return string(d.Rigour.Judgement) }},
	{"Rigour note", func(d coding.Document) string { return d.Rigour.Note }},
	// The reference fields and the full-text screening (coding.Reference,
	// coding.Screening), named so that SetStudy finds them as
	// coding.SourceField names them ("Richness note" is "richness-note").
	{"Journal", func(d coding.Document) string { return d.Journal }},
	{"Volume", func(d coding.Document) string { return d.Volume }},
	{"Issue", func(d coding.Document) string { return d.Issue }},
	{"Pages", func(d coding.Document) string { return d.PageRange }},
	{"DOI", func(d coding.Document) string { return d.DOI }},
	{"URL", func(d coding.Document) string { return d.URL }},
	{"Richness", func(d coding.Document) string { return string(d.Richness.Judgement) }},
	{"Richness note", func(d coding.Document) string { return d.Richness.Note }},
	{"Decision", func(d coding.Document) string { return string(d.Decision) }},
	{"Reason", func(d coding.Document) string { return d.Reason }},
	{"Stage", func(d coding.Document) string { return d.Stage }},
	{"Decided by", func(d coding.Document) string { return d.DecidedBy }},
	{"Decided at", func(d coding.Document) string { return d.DecidedAt }},
}

func variableGUID(name string) string { return GUID("variable/" + strings.ToLower(name)) }

// builder holds what building the XML learns along the way.
type builder struct {
	p        *Project
	warnings []string
	users    map[string]string // folded coder name -> User GUID
	latest   time.Time
}

func (b *builder) warnf(format string, args ...any) {
	b.warnings = append(b.warnings, fmt.Sprintf(format, args...))
}

func (b *builder) seen(ts ...time.Time) {
	for _, t := range ts {
		if t.After(b.latest) {
			b.latest = t
		}
	}
}

// user is the GUID of a coder's User, "" for no coder.
func (b *builder) user(name string) string { return b.users[coding.NameKey(name)] }

// sourceGUID is the GUID of a document's source.
func sourceGUID(d coding.Document) string { return entityGUID("document", d.ID) }

// build turns the project into the project.qde document.
func build(p *Project) (*xProject, []string, error) {
	b := &builder{p: p, users: map[string]string{}}
	x := &xProject{Name: clean(strings.TrimSpace(p.Title)), Origin: clean(p.Origin)}
	if x.Name == "" {
		x.Name = "cmocoder project"
	}

	// Users: the listed coders, then anyone else named, by name.
	var users []xUser
	addUser := func(name, guid string) {
		if k := coding.NameKey(name); k != "" && b.users[k] == "" {
			b.users[k] = guid
			users = append(users, xUser{GUID: guid, Name: clean(strings.TrimSpace(name))})
		}
	}
	for _, c := range p.Coders {
		guid := CoderGUID(c.Name)
		if c.ID != "" {
			guid = entityGUID("coder", c.ID)
		}
		addUser(c.Name, guid)
	}
	var extra []string
	for _, f := range p.Fragments {
		extra = append(extra, f.Coder)
	}
	for _, c := range p.CMOCs {
		extra = append(extra, c.Coder)
	}
	extra = append(extra, p.CreatedBy)
	slices.SortFunc(extra, func(a, c string) int { return strings.Compare(coding.NameKey(a), coding.NameKey(c)) })
	for _, name := range extra {
		addUser(name, CoderGUID(name))
	}
	if len(users) > 0 {
		x.Users = &xUsers{User: users}
	}
	x.CreatingUserGUID = b.user(p.CreatedBy)
	x.CreationDateTime = xmlTime(p.Created)
	b.seen(p.Created)

	// Which fragments can be written: their document is here and their
	// span lies inside its text.
	docs := map[string]int{}
	for i, d := range p.Documents {
		docs[d.ID] = i
	}
	byDoc := make([][]coding.Fragment, len(p.Documents))
	frags := map[string]coding.Fragment{} // written fragments by ID
	contextValence := false
	for _, f := range p.Fragments {
		i, ok := docs[f.DocID]
		switch {
		case !ok:
			b.warnf("fragment %s: its document %s is not in the project; left out", f.ID, f.DocID)
			continue
		case f.Start < 0 || f.End <= f.Start || f.End > p.Documents[i].Chars:
			b.warnf("fragment %s: offsets %d-%d do not fit the text of %q (%d code points); left out",
				f.ID, f.Start, f.End, p.Documents[i].Title, p.Documents[i].Chars)
			continue
		case !f.Role.Valid():
			b.warnf("fragment %s: unknown role %q; left out", f.ID, f.Role)
			continue
		}
		if f.Role == coding.Context && f.Valence != coding.NoValence {
			contextValence = true
		}
		byDoc[i] = append(byDoc[i], f)
		frags[f.ID] = f
	}

	// The codebook: the four roles (valence codes under them), then the
	// labels under a folder.
	var codes []xCode
	for _, r := range coding.Roles {
		c := xCode{GUID: RoleGUID(r), Name: r.Title(), IsCodable: true, Color: roleColours[r], Description: roleDescriptions[r]}
		if valenceRoles[r] || (r == coding.Context && contextValence) {
			for _, v := range []coding.Valence{coding.Positive, coding.Negative} {
				c.Code = append(c.Code, xCode{GUID: ValenceGUID(r, v), Name: r.Title() + " " + v.Sign(),
					IsCodable: true, Color: roleColours[r], Description: valenceDescription(r, v)})
			}
		}
		codes = append(codes, c)
	}
	labels := map[string]string{} // folded name -> Code GUID
	if len(p.Labels) > 0 {
		folder := xCode{GUID: labelsFolderGUID, Name: "Labels", IsCodable: false,
			Description: "The review's codebook: mechanism labels and other codes. A fragment's labels are codings of its passage."}
		for _, l := range p.Labels {
			guid := entityGUID("label", l.ID)
			labels[coding.NameKey(l.Name)] = guid
			c := xCode{GUID: guid, Name: clean(l.Name), IsCodable: true, Description: clean(l.Definition)}
			if rgbRE.MatchString(l.Colour) {
				c.Color = l.Colour
			}
			folder.Code = append(folder.Code, c)
			b.seen(l.Created, l.Modified)
		}
		codes = append(codes, folder)
	}
	x.CodeBook = &xCodeBook{Codes: xCodes{Code: codes}}

	// Variables: the study characteristics any source has.
	used := make([]bool, len(variables))
	for _, d := range p.Documents {
		for i, v := range variables {
			if strings.TrimSpace(v.get(d.Document)) != "" {
				used[i] = true
			}
		}
	}
	var vars []xVariable
	for i, v := range variables {
		if used[i] {
			vars = append(vars, xVariable{GUID: variableGUID(v.name), Name: v.name, TypeOfVariable: "Text"})
		}
	}
	if len(vars) > 0 {
		x.Variables = &xVariables{Variable: vars}
	}

	// Sources, with a selection per fragment; memos become notes.
	var notes []xTextSource
	var sources []xSource
	for i, d := range p.Documents {
		b.seen(d.Added, d.Modified)
		guid := sourceGUID(d.Document)
		name := strings.TrimSpace(d.Title)
		if name == "" {
			name = d.FileName
		}
		s := xSource{GUID: guid, Name: clean(name), stamp: stamp{b.sourceUser(users), xmlTime(d.Added), xmlTime(d.Modified)},
			Description: clean(sourceDescription(d.Document))}
		for _, v := range variables {
			if val := strings.TrimSpace(v.get(d.Document)); val != "" {
				s.VariableValue = append(s.VariableValue, xVariableValue{VariableRef: xRef{variableGUID(v.name)}, TextValue: clean(val)})
			}
		}
		fs := byDoc[i]
		slices.SortStableFunc(fs, func(a, c coding.Fragment) int {
			if a.Start != c.Start {
				return a.Start - c.Start
			}
			return a.End - c.End
		})
		var sels []xPlainTextSelection
		for _, f := range fs {
			sel, note := b.selection(f, labels)
			sels = append(sels, sel)
			if note != nil {
				notes = append(notes, *note)
			}
		}
		if d.pdf() != nil {
			s.XMLName = xml.Name{Local: "PDFSource"}
			s.Path = "internal://" + guid + ".pdf"
			s.CurrentPath = clean(d.FileName)
			rep := RepresentationGUID(d.ID)
			s.Representation = &xTextSource{GUID: rep, Name: clean(name), PlainTextPath: "internal://" + rep + ".txt",
				stamp: stamp{CreatingUser: s.CreatingUser, CreationDateTime: xmlTime(d.Added)}, Selections: sels}
			var err error
			if s.Areas, err = areaSelections(d, sels); err != nil {
				return nil, nil, err
			}
		} else {
			s.XMLName = xml.Name{Local: "TextSource"}
			s.PlainTextPath = "internal://" + guid + ".txt"
			s.Selections = sels
		}
		sources = append(sources, s)
	}
	if len(sources) > 0 {
		x.Sources = &xSources{Source: sources}
	}

	// CMOCs: a note each, linked to its fragments, in its theory's set.
	docByID := map[string]coding.Document{}
	for _, d := range p.Documents {
		docByID[d.ID] = d.Document
	}
	theories := map[string]coding.Theory{}
	for _, t := range p.Theories {
		theories[t.ID] = t
	}
	members := map[string][]xRef{} // theory ID -> CMOC notes
	var links []xLink
	for n, c := range p.CMOCs {
		b.seen(c.Created, c.Modified)
		guid := entityGUID("cmoc", c.ID)
		var have []coding.Fragment
		var missing []string
		for _, id := range c.Fragments {
			f, ok := frags[id]
			if !ok {
				missing = append(missing, id)
				b.warnf("CMOC %d %q (%s): fragment %s was deleted or left out; its evidence is not linked",
					n+1, short(c.Statement, 60), c.ID, id)
				continue
			}
			have = append(have, f)
			links = append(links, xLink{GUID: LinkGUID(guid, entityGUID("fragment", f.ID)), Name: f.Role.Title(),
				Direction: "OneWay", OriginGUID: guid, TargetGUID: entityGUID("fragment", f.ID)})
		}
		name := short(c.Statement, 200)
		if name == "" {
			name = fmt.Sprintf("CMOC %d", n+1)
		}
		notes = append(notes, xTextSource{GUID: guid, Name: name, stamp: stamp{b.user(c.Coder), xmlTime(c.Created), xmlTime(c.Modified)},
			PlainTextContent: clean(b.cmocText(c, theories[c.TheoryID], have, missing, docByID))})
		if _, ok := theories[c.TheoryID]; ok {
			members[c.TheoryID] = append(members[c.TheoryID], xRef{guid})
		}
	}
	if len(notes) > 0 {
		x.Notes = &xNotes{Note: notes}
	}
	if len(links) > 0 {
		x.Links = &xLinks{Link: links}
	}

	// Programme theories as sets of CMOC notes.
	var sets []xSet
	for _, t := range p.Theories {
		b.seen(t.Created, t.Modified)
		var desc []string
		for _, s := range []string{t.Description, t.Statement} {
			if s = strings.TrimSpace(s); s != "" {
				desc = append(desc, s)
			}
		}
		kind := "Initial programme theory."
		if t.Kind == coding.Refined {
			kind = "Refined programme theory."
			if r, ok := theories[t.Refines]; ok {
				kind = fmt.Sprintf("Refined programme theory (refines %q).", r.Name)
			}
		}
		desc = append(desc, kind)
		sets = append(sets, xSet{GUID: entityGUID("theory", t.ID), Name: clean(t.Name),
			Description: clean(strings.Join(desc, "\n\n")), MemberNote: members[t.ID]})
	}
	if len(sets) > 0 {
		x.Sets = &xSets{Set: sets}
	}
	x.ModifiedDateTime = xmlTime(b.latest)
	return x, b.warnings, nil
}

// selection is a fragment's PlainTextSelection, and the note of its memo
// if it has one.
func (b *builder) selection(f coding.Fragment, labels map[string]string) (xPlainTextSelection, *xTextSource) {
	b.seen(f.Created, f.Modified)
	guid := entityGUID("fragment", f.ID)
	user, created := b.user(f.Coder), xmlTime(f.Created)
	sel := xPlainTextSelection{GUID: guid, Name: short(f.Text, 100), StartPosition: f.Start, EndPosition: f.End,
		stamp: stamp{user, created, xmlTime(f.Modified)}}
	var codes []string // an unclassified fragment is coded with its labels only
	if f.Role.Classified() {
		code := RoleGUID(f.Role)
		if f.Valence == coding.Positive || f.Valence == coding.Negative {
			code = ValenceGUID(f.Role, f.Valence)
		}
		codes = append(codes, code)
	}
	for _, l := range f.Labels {
		g, ok := labels[coding.NameKey(l)]
		if !ok {
			b.warnf("fragment %s: label %q is not in the codebook; its coding is left out", f.ID, l)
			continue
		}
		if !slices.Contains(codes, g) {
			codes = append(codes, g)
		}
	}
	for _, c := range codes {
		sel.Coding = append(sel.Coding, xCoding{GUID: CodingGUID(guid, c), CreatingUser: user, CreationDateTime: created,
			CodeRef: xRef{c}})
	}
	if strings.TrimSpace(f.Memo) == "" {
		return sel, nil
	}
	memo := MemoGUID(f.ID)
	sel.NoteRef = []xRef{{memo}}
	sel.Description = clean(f.Memo)
	return sel, &xTextSource{GUID: memo, Name: "Memo: " + short(f.Text, 60), stamp: stamp{user, created, xmlTime(f.Modified)},
		PlainTextContent: clean(f.Memo)}
}

// cmocText is a CMOC note's text: statement, configuration, narrative,
// theory, labels and the evidence with its sources and pages.
func (b *builder) cmocText(c coding.CMOC, t coding.Theory, have []coding.Fragment, missing []string, docs map[string]coding.Document) string {
	var s strings.Builder
	s.WriteString(strings.TrimSpace(c.Statement))
	s.WriteString("\n\nConfiguration: ")
	s.WriteString(coding.Configuration(have))
	if n := strings.TrimSpace(c.Narrative); n != "" {
		s.WriteString("\n\n" + n)
	}
	s.WriteString("\n")
	if t.Name != "" {
		s.WriteString("\nProgramme theory: " + t.Name)
	}
	if len(c.Labels) > 0 {
		s.WriteString("\nLabels: " + strings.Join(c.Labels, "; "))
	}
	s.WriteString("\n\nEvidence:")
	for _, f := range have {
		fmt.Fprintf(&s, "\n- %s, p. %d (%s", docs[f.DocID].ShortName(), f.Page, f.Role.Letter())
		if v := f.Valence.Sign(); v != "" {
			s.WriteString(" " + v)
		}
		fmt.Fprintf(&s, "): “%s”", strings.Join(strings.Fields(f.Text), " "))
	}
	for _, id := range missing {
		fmt.Fprintf(&s, "\n- missing evidence: fragment %s was deleted", id)
	}
	return s.String()
}

// encode renders the project.qde bytes.
func encode(x *xProject) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// ProjectXML returns the project.qde document alone, and the warnings of
// what was left out.
func ProjectXML(p *Project) ([]byte, []string, error) {
	x, warnings, err := build(p)
	if err != nil {
		return nil, nil, err
	}
	data, err := encode(x)
	return data, warnings, err
}

// Write writes p to w as a .qdpx file: project.qde at the root, then each
// document's PDF and text under sources/, in document order. The warnings
// say what could not be written (CMOC evidence whose fragment was deleted,
// fragments that do not fit their text); the file is valid without it.
// Nothing in the output depends on the clock: the same project gives the
// same bytes.
func Write(w io.Writer, p *Project) (warnings []string, err error) {
	x, warnings, err := build(p)
	if err != nil {
		return nil, err
	}
	qde, err := encode(x)
	if err != nil {
		return nil, err
	}
	mod := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(time.RFC3339, x.ModifiedDateTime); err == nil && t.After(mod) {
		mod = t
	}
	zw := newPacker(w, mod)
	put := zw.put
	if err := put("project.qde", qde); err != nil {
		return nil, err
	}
	for _, d := range p.Documents {
		guid := sourceGUID(d.Document)
		txtName := guid
		if pdfOf := d.pdf(); pdfOf != nil {
			pdf, err := pdfOf()
			if err != nil {
				return nil, about(err, "the PDF of", d.Document)
			}
			if err := put("sources/"+guid+".pdf", pdf); err != nil {
				return nil, err
			}
			txtName = RepresentationGUID(d.ID)
		}
		var text string
		if d.Text != nil {
			if text, err = d.Text(); err != nil {
				return nil, about(err, "the text of", d.Document)
			}
		}
		if n := utf8.RuneCountInString(text); n != d.Chars {
			return nil, fmt.Errorf("the text of %q has %d code points, not the %d its offsets count", d.Title, n, d.Chars)
		}
		// A page break becomes a line break: one code point for one, so
		// every offset still holds.
		text = strings.ReplaceAll(text, string(coding.PageSeparator), "\n")
		if err := put("sources/"+txtName+".txt", []byte(text)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return warnings, nil
}

// pdf is how to read a document's PDF, or nil when it is written as a
// TextSource of its text: a document without its PDF, and a text document
// (Word, web page, …), whose plain text is what other tools read; its
// original file is not a PDF whatever PDF returns.
func (d Document) pdf() func() ([]byte, error) {
	if !d.IsPDF() {
		return nil
	}
	return d.PDF
}

// about names the document an error is about: the store's errors name
// its ID, a reviewer knows its title.
func about(err error, what string, d coding.Document) error {
	return fmt.Errorf("%s %q: %w", what, d.Title, err)
}
