package refiqda

// Reading REFI-QDA files (`cmocoder import`): a codebook (.qdc), a bare
// project document (.qde) or a project exchange file (.qdpx, a ZIP) is
// parsed into plain values; app turns them into changes.
//
// Reading is lenient where the tools differ (NOTES.md): elements are
// matched by local name, so any namespace (urn:QDA-XML:project:1.0,
// urn:QDA-XML:codebook:0:4, ...:1:0, none) is read; GUIDs are compared
// lower case without braces; the sources folder of a .qdpx is found in
// any case and the only *.qde at its root is taken, whatever its name; a
// leading byte-order mark is dropped and UTF-16 files are converted. An
// empty list element (Taguette's <Sets/>) is simply empty.
//
// The inverse of the export's mapping (MapCodes): the role codes, known by
// their deterministic GUIDs (RoleGUID, ValenceGUID) or by their names
// ("Context", "Mechanism resource", "Mechanism reasoning", "Outcome" at
// the top of the codebook, and their "<Role> +" / "<Role> −" children),
// give a fragment its role and valence; every other code is a label,
// except the export's "Labels" folder, whose children are labels.
// ParseCMOCNote and ParseTheoryDescription read back the CMOC notes and
// theory Sets the export writes. Offsets: UTF16Offsets turns NVivo for
// Windows' UTF-16 units into code points, and Matcher finds a passage by
// its words when the file's text is not cmocoder's. README.md, "REFI-QDA
// import", describes what the import does with all of it.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// Code is one code of a codebook, with the codes nested in it.
type Code struct {
	GUID        string // NormGUID of the file's
	Name        string
	Codable     bool
	Colour      string // "#rrggbb" lower case; "" when none or unreadable
	Description string
	Children    []Code
}

// User is a person of a project.
type User struct {
	GUID, Name string
}

// Selection is a PlainTextSelection: a span of a text, code points from
// 0, end exclusive (NVivo for Windows counts UTF-16 units: see
// UTF16Offsets).
type Selection struct {
	GUID         string
	Name         string
	Start, End   int
	CreatingUser string // a User GUID
	Created      time.Time
	Modified     time.Time
	Codes        []string // GUIDs of the codes of its Codings, in order, without repeats
	CodingUser   string   // creatingUser of its first Coding
	CodingTime   time.Time
	Notes        []string // GUIDs of the notes it refers to (NoteRef)
	Description  string
}

// TextSource is a text: a PDF's Representation, a TextSource's own text
// or a Note. Its text is Content (HasContent) or the file PlainTextPath.
type TextSource struct {
	GUID          string
	Name          string
	PlainTextPath string
	Content       string
	HasContent    bool
	CreatingUser  string
	Created       time.Time
	Modified      time.Time
	Selections    []Selection
}

// Source is one source of a project: Kind is its element's name
// (PDFSource, TextSource, PictureSource, AudioSource, VideoSource).
type Source struct {
	Kind          string
	GUID          string
	Name          string
	Path          string // PDFSource, Picture..., the file; TextSource: its plainTextPath
	CurrentPath   string
	CreatingUser  string
	Created       time.Time
	Modified      time.Time
	Description   string
	Text          *TextSource       // a PDFSource's Representation; a TextSource itself
	PDFSelections int               // area selections (not read further)
	Variables     map[string]string // variable name -> value, as text
}

// Link is a Link between two entities (a CMOC's note and a selection in
// cmocoder's export; a memo and a selection in NVivo and ATLAS.ti).
type Link struct {
	GUID, Name, Direction, Origin, Target string
}

// Set is a Set of codes, sources and notes.
type Set struct {
	GUID, Name, Description string
	Codes, Sources, Notes   []string
}

// File is a project document (project.qde) as read.
type File struct {
	Name    string
	Origin  string
	Users   []User
	Codes   []Code
	Sources []Source
	Notes   []TextSource
	Links   []Link
	Sets    []Set
}

// ---- the XML as read: local names only -------------------------------

type inProject struct {
	XMLName   xml.Name
	Name      string       `xml:"name,attr"`
	Origin    string       `xml:"origin,attr"`
	Users     []inUser     `xml:"Users>User"`
	Codes     []inCode     `xml:"CodeBook>Codes>Code"`
	Variables []inVariable `xml:"Variables>Variable"`
	Sources   inSources    `xml:"Sources"`
	Notes     []inText     `xml:"Notes>Note"`
	Links     []inLink     `xml:"Links>Link"`
	Sets      []inSet      `xml:"Sets>Set"`
}

type inCodeBook struct {
	XMLName xml.Name
	Origin  string   `xml:"origin,attr"`
	Codes   []inCode `xml:"Codes>Code"`
}

type inUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type inCode struct {
	GUID        string   `xml:"guid,attr"`
	Name        string   `xml:"name,attr"`
	IsCodable   string   `xml:"isCodable,attr"`
	Color       string   `xml:"color,attr"`
	Description string   `xml:"Description"`
	Codes       []inCode `xml:"Code"`
}

type inVariable struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type inSources struct {
	Any []inSource `xml:",any"`
}

type inSource struct {
	XMLName          xml.Name
	GUID             string       `xml:"guid,attr"`
	Name             string       `xml:"name,attr"`
	Path             string       `xml:"path,attr"`
	CurrentPath      string       `xml:"currentPath,attr"`
	PlainTextPath    string       `xml:"plainTextPath,attr"`
	CreatingUser     string       `xml:"creatingUser,attr"`
	Created          string       `xml:"creationDateTime,attr"`
	Modified         string       `xml:"modifiedDateTime,attr"`
	Description      string       `xml:"Description"`
	PlainTextContent *string      `xml:"PlainTextContent"`
	Selections       []inSel      `xml:"PlainTextSelection"`
	Representation   *inText      `xml:"Representation"`
	PDFSelections    []struct{}   `xml:"PDFSelection"`
	Values           []inVarValue `xml:"VariableValue"`
}

type inVarValue struct {
	Ref    inRef  `xml:"VariableRef"`
	Text   string `xml:"TextValue"`
	Bool   string `xml:"BooleanValue"`
	Int    string `xml:"IntegerValue"`
	Float  string `xml:"FloatValue"`
	Date   string `xml:"DateValue"`
	DateTm string `xml:"DateTimeValue"`
}

type inText struct {
	GUID          string  `xml:"guid,attr"`
	Name          string  `xml:"name,attr"`
	PlainTextPath string  `xml:"plainTextPath,attr"`
	CreatingUser  string  `xml:"creatingUser,attr"`
	Created       string  `xml:"creationDateTime,attr"`
	Modified      string  `xml:"modifiedDateTime,attr"`
	Content       *string `xml:"PlainTextContent"`
	Selections    []inSel `xml:"PlainTextSelection"`
}

type inSel struct {
	GUID         string     `xml:"guid,attr"`
	Name         string     `xml:"name,attr"`
	Start        string     `xml:"startPosition,attr"`
	End          string     `xml:"endPosition,attr"`
	CreatingUser string     `xml:"creatingUser,attr"`
	Created      string     `xml:"creationDateTime,attr"`
	Modified     string     `xml:"modifiedDateTime,attr"`
	Description  string     `xml:"Description"`
	Codings      []inCoding `xml:"Coding"`
	NoteRefs     []inRef    `xml:"NoteRef"`
}

type inCoding struct {
	CreatingUser string `xml:"creatingUser,attr"`
	Created      string `xml:"creationDateTime,attr"`
	Code         inRef  `xml:"CodeRef"`
}

type inRef struct {
	Target string `xml:"targetGUID,attr"`
}

type inLink struct {
	GUID      string `xml:"guid,attr"`
	Name      string `xml:"name,attr"`
	Direction string `xml:"direction,attr"`
	Origin    string `xml:"originGUID,attr"`
	Target    string `xml:"targetGUID,attr"`
}

type inSet struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Description string `xml:"Description"`
	Codes       []struct {
		Target string `xml:"targetGUID,attr"`
		GUID   string `xml:"guid,attr"` // a codebook's Set says guid
	} `xml:"MemberCode"`
	Sources []inRef `xml:"MemberSource"`
	Notes   []inRef `xml:"MemberNote"`
}

// ---- decoding ---------------------------------------------------------

// decodeXML unmarshals an XML document: a leading UTF-8 byte-order mark
// is dropped, a UTF-16 document (by its byte-order mark) converted, and an
// encoding declaration of UTF-16 or Latin-1 accepted.
func decodeXML(data []byte, v any) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		data = fromUTF16(data)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the XML is empty")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii":
			return in, nil // already UTF-8 (UTF-16 was converted above)
		case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
			b, err := io.ReadAll(in)
			if err != nil {
				return nil, err
			}
			r := make([]rune, len(b))
			for i, c := range b {
				r[i] = rune(c)
			}
			return strings.NewReader(string(r)), nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
	if err := d.Decode(v); err != nil {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("malformed XML: line %d: %s", se.Line, se.Msg)
		}
		if err == io.EOF {
			return errors.New("malformed XML: no root element")
		}
		return fmt.Errorf("malformed XML: %v", err)
	}
	return nil
}

func fromUTF16(data []byte) []byte {
	big := data[0] == 0xfe
	data = data[2:]
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// ReadCodebook reads a .qdc codebook: its codes, nested. A file whose root
// element is not CodeBook is an error.
func ReadCodebook(data []byte) ([]Code, error) {
	var cb inCodeBook
	if err := decodeXML(data, &cb); err != nil {
		return nil, err
	}
	if cb.XMLName.Local != "CodeBook" {
		return nil, fmt.Errorf("not a REFI-QDA codebook: its root element is <%s>, not <CodeBook>", cb.XMLName.Local)
	}
	return codes(cb.Codes), nil
}

// ReadProject reads a project document (the project.qde of a .qdpx). A
// document whose root element is not Project is an error.
func ReadProject(data []byte) (*File, error) {
	var p inProject
	if err := decodeXML(data, &p); err != nil {
		return nil, err
	}
	if p.XMLName.Local != "Project" {
		return nil, fmt.Errorf("not a REFI-QDA project: its root element is <%s>, not <Project>", p.XMLName.Local)
	}
	f := &File{Name: p.Name, Origin: p.Origin, Codes: codes(p.Codes)}
	for _, u := range p.Users {
		f.Users = append(f.Users, User{GUID: NormGUID(u.GUID), Name: strings.TrimSpace(u.Name)})
	}
	vars := map[string]string{}
	for _, v := range p.Variables {
		vars[NormGUID(v.GUID)] = strings.TrimSpace(v.Name)
	}
	for _, s := range p.Sources.Any {
		src := Source{Kind: s.XMLName.Local, GUID: NormGUID(s.GUID), Name: strings.TrimSpace(s.Name), Path: s.Path,
			CurrentPath: s.CurrentPath, CreatingUser: NormGUID(s.CreatingUser), Created: parseTime(s.Created),
			Modified: parseTime(s.Modified), Description: s.Description, PDFSelections: len(s.PDFSelections)}
		switch {
		case src.Kind == "TextSource":
			src.Path = s.PlainTextPath
			t, err := text(inText{GUID: s.GUID, Name: s.Name, PlainTextPath: s.PlainTextPath, CreatingUser: s.CreatingUser,
				Created: s.Created, Modified: s.Modified, Content: s.PlainTextContent, Selections: s.Selections})
			if err != nil {
				return nil, fmt.Errorf("source %q: %v", src.Name, err)
			}
			src.Text = &t
		case s.Representation != nil:
			t, err := text(*s.Representation)
			if err != nil {
				return nil, fmt.Errorf("source %q: %v", src.Name, err)
			}
			src.Text = &t
		}
		for _, v := range s.Values {
			name := vars[NormGUID(v.Ref.Target)]
			if name == "" {
				continue
			}
			for _, val := range []string{v.Text, v.Bool, v.Int, v.Float, v.Date, v.DateTm} {
				if val = strings.TrimSpace(val); val != "" {
					if src.Variables == nil {
						src.Variables = map[string]string{}
					}
					src.Variables[name] = val
					break
				}
			}
		}
		f.Sources = append(f.Sources, src)
	}
	for _, n := range p.Notes {
		t, err := text(n)
		if err != nil {
			return nil, fmt.Errorf("note %q: %v", n.Name, err)
		}
		f.Notes = append(f.Notes, t)
	}
	for _, l := range p.Links {
		f.Links = append(f.Links, Link{GUID: NormGUID(l.GUID), Name: l.Name, Direction: l.Direction,
			Origin: NormGUID(l.Origin), Target: NormGUID(l.Target)})
	}
	for _, s := range p.Sets {
		set := Set{GUID: NormGUID(s.GUID), Name: strings.TrimSpace(s.Name), Description: s.Description}
		for _, m := range s.Codes {
			if g := NormGUID(m.Target + m.GUID); g != "" {
				set.Codes = append(set.Codes, g)
			}
		}
		for _, m := range s.Sources {
			set.Sources = append(set.Sources, NormGUID(m.Target))
		}
		for _, m := range s.Notes {
			set.Notes = append(set.Notes, NormGUID(m.Target))
		}
		f.Sets = append(f.Sets, set)
	}
	return f, nil
}

func codes(in []inCode) []Code {
	var out []Code
	for _, c := range in {
		codable := true
		if b, err := strconv.ParseBool(strings.TrimSpace(c.IsCodable)); err == nil {
			codable = b
		}
		out = append(out, Code{GUID: NormGUID(c.GUID), Name: strings.TrimSpace(c.Name), Codable: codable,
			Colour: NormColour(c.Color), Description: strings.TrimSpace(c.Description), Children: codes(c.Codes)})
	}
	return out
}

func text(t inText) (TextSource, error) {
	out := TextSource{GUID: NormGUID(t.GUID), Name: strings.TrimSpace(t.Name), PlainTextPath: t.PlainTextPath,
		CreatingUser: NormGUID(t.CreatingUser), Created: parseTime(t.Created), Modified: parseTime(t.Modified)}
	if t.Content != nil {
		out.Content, out.HasContent = StripBOM(*t.Content), true
	}
	for _, s := range t.Selections {
		start, err1 := strconv.Atoi(strings.TrimSpace(s.Start))
		end, err2 := strconv.Atoi(strings.TrimSpace(s.End))
		if err1 != nil || err2 != nil {
			return out, fmt.Errorf("selection %s: positions %q-%q are not whole numbers", s.GUID, s.Start, s.End)
		}
		sel := Selection{GUID: NormGUID(s.GUID), Name: s.Name, Start: start, End: end,
			CreatingUser: NormGUID(s.CreatingUser), Created: parseTime(s.Created), Modified: parseTime(s.Modified),
			Description: strings.TrimSpace(s.Description)}
		for i, c := range s.Codings {
			if i == 0 {
				sel.CodingUser, sel.CodingTime = NormGUID(c.CreatingUser), parseTime(c.Created)
			}
			if g := NormGUID(c.Code.Target); g != "" && !slices.Contains(sel.Codes, g) {
				sel.Codes = append(sel.Codes, g)
			}
		}
		for _, n := range s.NoteRefs {
			if g := NormGUID(n.Target); g != "" {
				sel.Notes = append(sel.Notes, g)
			}
		}
		out.Selections = append(out.Selections, sel)
	}
	return out, nil
}

// parseTime reads an xsd:dateTime; the zero time when absent or unreadable
// (a time is never worth refusing a file for).
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// NormGUID is a GUID as compared: without braces or surrounding space,
// lower case. Any 8-4-4-4-12 hex is accepted; nothing is checked.
func NormGUID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	return strings.ToLower(strings.TrimSpace(s))
}

// ValidGUID reports whether s (normalised) is an 8-4-4-4-12 hex GUID.
func ValidGUID(s string) bool { return guidRE.MatchString(s) }

// NormColour is a REFI-QDA colour as cmocoder keeps it: "#rrggbb" lower
// case, "#RGB" expanded; "" for anything else.
func NormColour(s string) string {
	s = strings.TrimSpace(s)
	if !rgbRE.MatchString(s) {
		return ""
	}
	s = strings.ToLower(s)
	if len(s) == 4 {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return s
}

// StripBOM drops a leading U+FEFF.
func StripBOM(s string) string { return strings.TrimPrefix(s, "\ufeff") }

// ---- .qdpx ------------------------------------------------------------

// Archive is an opened .qdpx: its project document and its files.
type Archive struct {
	*File
	QDE   string               // the name of the project document in the ZIP
	files map[string]*zip.File // by lower-case name
}

// ReadQDPX opens a .qdpx held in data: the only *.qde at the root of the
// ZIP (any name: project.qde, Project.qde, "<name>.qde"), read with
// ReadProject. The errors say what is wrong in one line.
func ReadQDPX(data []byte) (*Archive, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("not a .qdpx file: it is not a ZIP archive")
	}
	a := &Archive{files: map[string]*zip.File{}}
	var qdes []*zip.File
	for _, f := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")
		if f.FileInfo().IsDir() {
			continue
		}
		a.files[strings.ToLower(name)] = f
		if !strings.Contains(name, "/") && strings.EqualFold(path.Ext(name), ".qde") {
			qdes = append(qdes, f)
		}
	}
	switch len(qdes) {
	case 0:
		return nil, errors.New("not a REFI-QDA project: the ZIP holds no .qde file at its root")
	case 1:
	default:
		var names []string
		for _, f := range qdes {
			names = append(names, f.Name)
		}
		return nil, fmt.Errorf("not a REFI-QDA project: the ZIP holds %d .qde files at its root (%s), not one", len(qdes), strings.Join(names, ", "))
	}
	a.QDE = qdes[0].Name
	b, err := readZipFile(qdes[0])
	if err != nil {
		return nil, fmt.Errorf("%s: %v", a.QDE, err)
	}
	if a.File, err = ReadProject(b); err != nil {
		return nil, fmt.Errorf("%s: %v", a.QDE, err)
	}
	return a, nil
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// Open returns the bytes of a file a source names: "internal://NAME" (or
// a bare NAME, as qc writes) is looked up in the sources folder, whatever
// its case, then at the root. ok is false when the archive does not hold
// it (relative:// and absolute:// paths never are).
func (a *Archive) Open(p string) (data []byte, ok bool, err error) {
	p = strings.TrimSpace(p)
	if p == "" {
		return nil, false, nil
	}
	lower := strings.ToLower(p)
	switch {
	case strings.HasPrefix(lower, "internal://"):
		p = p[len("internal://"):]
	case strings.Contains(lower, "://"):
		return nil, false, nil
	}
	p = strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "/")
	for _, name := range []string{"sources/" + p, p} {
		if f, found := a.files[strings.ToLower(name)]; found {
			b, err := readZipFile(f)
			if err != nil {
				return nil, false, fmt.Errorf("%s in the .qdpx: %v", f.Name, err)
			}
			return b, true, nil
		}
	}
	return nil, false, nil
}

// Text returns the text of a TextSource: its content, or its file in the
// archive (a leading U+FEFF dropped). ok is false when there is neither.
func (a *Archive) Text(t *TextSource) (string, bool, error) {
	if t == nil {
		return "", false, nil
	}
	if t.HasContent {
		return t.Content, true, nil
	}
	b, ok, err := a.Open(t.PlainTextPath)
	if !ok || err != nil {
		return "", false, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		b = []byte(strings.ToValidUTF8(string(b), "\ufffd"))
	}
	return string(b), true, nil
}

// ---- codes: the inverse of the export's mapping -----------------------

// CodeUse is what a code means to cmocoder: a role (with a valence, for
// the "+" and "−" children) or a label.
type CodeUse struct {
	Role    coding.Role // "" for a label
	Valence coding.Valence
	Label   string // the label's name in the file's codebook ("" for a role code or the Labels folder)
}

// LabelDef is a code to become a codebook label.
type LabelDef struct {
	GUID       string
	Name       string // unique in the file (case-insensitively)
	Definition string
	Colour     string // "#rrggbb" or ""
}

var roleNames = map[string]coding.Role{
	"Context": coding.Context, "Mechanism resource": coding.Resource,
	"Mechanism reasoning": coding.Reasoning, "Outcome": coding.Outcome,
}

// LabelsFolderGUID is the GUID of the export's "Labels" folder code.
var LabelsFolderGUID = labelsFolderGUID

// roleByGUID recognises the export's role and valence codes.
func roleByGUID(guid string) (coding.Role, coding.Valence, bool) {
	for _, r := range coding.Roles {
		if guid == RoleGUID(r) {
			return r, coding.NoValence, true
		}
		for _, v := range []coding.Valence{coding.Positive, coding.Negative} {
			if guid == ValenceGUID(r, v) {
				return r, v, true
			}
		}
	}
	return "", "", false
}

// valenceChild reads a role code's child named "<Role> +" or "<Role> −"
// ("-" accepted).
func valenceChild(r coding.Role, name string) (coding.Valence, bool) {
	rest, ok := strings.CutPrefix(name, r.Title())
	if !ok {
		return "", false
	}
	switch strings.TrimSpace(rest) {
	case "+":
		return coding.Positive, true
	case "−", "-":
		return coding.Negative, true
	}
	return "", false
}

// MapCodes says what each code of a codebook means to cmocoder (by
// GUID), and lists the labels to make, in the codebook's order. A label is
// named by its code's own name; a name already taken by an earlier code
// (case-insensitively) is qualified with the code's parents, "Parent /
// Child", and numbered " (2)", " (3)" if that is taken too.
func MapCodes(cs []Code) (map[string]CodeUse, []LabelDef) {
	uses := map[string]CodeUse{}
	var labels []LabelDef
	taken := map[string]bool{}
	var walk func(cs []Code, parents []string, top bool, parentRole coding.Role)
	walk = func(cs []Code, parents []string, top bool, parentRole coding.Role) {
		for _, c := range cs {
			r, v, isRole := roleByGUID(c.GUID)
			if !isRole && top {
				r, isRole = roleNames[c.Name]
			}
			if !isRole && parentRole != "" {
				v, isRole = valenceChild(parentRole, c.Name)
				r = parentRole
			}
			switch {
			case isRole:
				uses[c.GUID] = CodeUse{Role: r, Valence: v}
				childRole := r
				if v != coding.NoValence {
					childRole = ""
				}
				walk(c.Children, append(parents, c.Name), false, childRole)
				continue
			case c.GUID == labelsFolderGUID || (top && !c.Codable && c.Name == "Labels"):
				uses[c.GUID] = CodeUse{}
				walk(c.Children, parents, false, "") // the folder is not part of a label's path
				continue
			}
			name := c.Name
			if name == "" {
				name = "Unnamed code"
			}
			if taken[strings.ToLower(name)] && len(parents) > 0 {
				name = strings.Join(append(slices.Clone(parents), name), " / ")
			}
			base := name
			for n := 2; taken[strings.ToLower(name)]; n++ {
				name = fmt.Sprintf("%s (%d)", base, n)
			}
			taken[strings.ToLower(name)] = true
			if c.GUID != "" {
				if _, dup := uses[c.GUID]; !dup {
					uses[c.GUID] = CodeUse{Label: name}
				}
			}
			labels = append(labels, LabelDef{GUID: c.GUID, Name: name, Definition: c.Description, Colour: c.Colour})
			walk(c.Children, append(parents, c.Name), false, "")
		}
	}
	walk(cs, nil, true, "")
	return uses, labels
}

// ---- offsets ----------------------------------------------------------

// UTF16Offsets returns a function turning an offset in UTF-16 code units
// of text (as NVivo for Windows counts) into one in code points. An
// offset inside a surrogate pair goes to the character's start; one past
// the end to the end.
func UTF16Offsets(text string) func(int) int {
	// units[i] is the UTF-16 offset where code point i starts.
	units := make([]int, 0, len(text)+1)
	u := 0
	for _, r := range text {
		units = append(units, u)
		u += utf16.RuneLen(r) // range yields U+FFFD for bad bytes: never -1
	}
	units = append(units, u)
	return func(off int) int {
		if off <= 0 {
			return off
		}
		i, found := slices.BinarySearch(units, off)
		if !found && i > 0 {
			i--
		}
		if off > u {
			return len(units) - 1 + (off - u)
		}
		return i
	}
}

// Matcher finds passages in a text by their words: white space of any kind
// (page breaks and line breaks included) is one space, and invisible
// characters (zero-width spaces, byte-order marks, soft hyphens) are
// ignored on both sides.
type Matcher struct {
	norm string
	pos  []int // by byte of norm: the code-point offset in the text of the rune starting there
	n    int   // code points in the text
}

func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

// normalise collapses white space and drops invisible characters; pos
// gives each byte of the result its code-point offset in s (-1 inside a
// multi-byte rune).
func normalise(s string) (string, []int) {
	var b strings.Builder
	var pos []int
	space := false
	i := 0
	for _, r := range s {
		switch {
		case invisible(r):
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
				pos = append(pos, i)
			}
			space = true
		default:
			space = false
			n := utf8.RuneLen(r)
			if n < 0 {
				r, n = utf8.RuneError, 3
			}
			b.WriteRune(r)
			pos = append(pos, i)
			for k := 1; k < n; k++ {
				pos = append(pos, -1)
			}
		}
		i++
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out, pos = out[:len(out)-1], pos[:len(pos)-1]
	}
	return out, pos
}

// NewMatcher prepares text for Find.
func NewMatcher(text string) *Matcher {
	norm, pos := normalise(text)
	return &Matcher{norm: norm, pos: pos, n: utf8.RuneCountInString(text)}
}

// Find finds quote in the text, its white space normalised, and returns
// its code-point span. Among several occurrences it takes the one whose
// start, relative to the text's length, is nearest rel (0..1).
func (m *Matcher) Find(quote string, rel float64) (start, end int, ok bool) {
	q, _ := normalise(quote)
	if q == "" {
		return 0, 0, false
	}
	best, bestDist := -1, 2.0
	for from := 0; from <= len(m.norm); {
		i := strings.Index(m.norm[from:], q)
		if i < 0 {
			break
		}
		i += from
		d := float64(m.pos[i])/float64(max(m.n, 1)) - rel
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = i, d
		}
		_, size := utf8.DecodeRuneInString(m.norm[i:])
		from = i + size
	}
	if best < 0 {
		return 0, 0, false
	}
	last := best + len(q) - 1
	for m.pos[last] < 0 {
		last--
	}
	return m.pos[best], m.pos[last] + 1, true
}

// SliceRunes is text[start:end] in code points, clamped to the text.
func SliceRunes(text string, start, end int) string {
	r := []rune(text)
	start, end = max(0, min(start, len(r))), max(0, min(end, len(r)))
	if start >= end {
		return ""
	}
	return string(r[start:end])
}

// ---- cmocoder's own notes and sets ----------------------------------

var refinesRE = regexp.MustCompile(`^Refined programme theory \(refines ("(?:[^"\\]|\\.)*")\)\.$`)

// ParseTheoryDescription reads the description the export gives a
// theory's Set: its description and statement, then "Initial programme
// theory." or "Refined programme theory (refines "NAME")." as the last
// paragraph. The description and statement both become the description.
func ParseTheoryDescription(s string) (kind coding.TheoryKind, refines, desc string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	paras := strings.Split(s, "\n\n")
	last := strings.TrimSpace(paras[len(paras)-1])
	rest := strings.TrimSpace(strings.Join(paras[:len(paras)-1], "\n\n"))
	switch {
	case last == "Initial programme theory.":
		return coding.Initial, "", rest
	case last == "Refined programme theory.":
		return coding.Refined, "", rest
	}
	if m := refinesRE.FindStringSubmatch(last); m != nil {
		if name, err := strconv.Unquote(m[1]); err == nil {
			return coding.Refined, name, rest
		}
	}
	return coding.Initial, "", s
}

// ParseCMOCNote reads a CMOC's note as the export writes it:
//
//	STATEMENT\n\nConfiguration: LINE[\n\nNARRATIVE]\n[\nProgramme theory: T][\nLabels: A; B]\n\nEvidence:...
//
// When the text is not in that shape the statement is the note's name and
// there is no narrative and no label.
func ParseCMOCNote(text, name, theory string) (statement, narrative string, labels []string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	statement = strings.TrimSpace(name)
	stmt, rest, ok := strings.Cut(text, "\n\nConfiguration: ")
	if !ok {
		return statement, "", nil
	}
	statement = strings.TrimSpace(stmt)
	_, rest, ok = strings.Cut(rest, "\n") // the configuration line
	i := strings.LastIndex(rest, "\n\nEvidence:")
	if !ok || i < 0 {
		return statement, "", nil
	}
	mid := rest[:i]
	if j := strings.LastIndex(mid, "\nLabels: "); j >= 0 && !strings.Contains(mid[j+1:], "\n") {
		for _, l := range strings.Split(mid[j+len("\nLabels: "):], "; ") {
			if l = strings.TrimSpace(l); l != "" {
				labels = append(labels, l)
			}
		}
		mid = mid[:j]
	}
	if j := strings.LastIndex(mid, "\nProgramme theory: "); j >= 0 && !strings.Contains(mid[j+1:], "\n") &&
		(theory == "" || mid[j+len("\nProgramme theory: "):] == theory) {
		mid = mid[:j]
	}
	if len(mid) >= 2 && strings.HasPrefix(mid, "\n") && strings.HasSuffix(mid, "\n") {
		narrative = strings.TrimSpace(mid[1 : len(mid)-1])
	}
	return statement, narrative, labels
}
