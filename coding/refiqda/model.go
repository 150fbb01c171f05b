package refiqda

// The values a REFI-QDA file is read into (File and what it holds), and
// the XML as read into them: elements matched by local name, so that any
// namespace, or none, is read.

import (
	"encoding/xml"
	"time"
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
	PDFSelections int               // area selections
	Areas         []Area            // the area selections (PDFSelection) as read
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
	XMLName       xml.Name
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	Path          string `xml:"path,attr"`
	CurrentPath   string `xml:"currentPath,attr"`
	PlainTextPath string `xml:"plainTextPath,attr"`
	stamp
	Description      string       `xml:"Description"`
	PlainTextContent *string      `xml:"PlainTextContent"`
	Selections       []inSel      `xml:"PlainTextSelection"`
	Representation   *inText      `xml:"Representation"`
	PDFSelections    []inPDFSel   `xml:"PDFSelection"`
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
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	PlainTextPath string `xml:"plainTextPath,attr"`
	stamp
	Content    *string `xml:"PlainTextContent"`
	Selections []inSel `xml:"PlainTextSelection"`
}

type inSel struct {
	GUID  string `xml:"guid,attr"`
	Name  string `xml:"name,attr"`
	Start string `xml:"startPosition,attr"`
	End   string `xml:"endPosition,attr"`
	stamp
	Description string     `xml:"Description"`
	Codings     []inCoding `xml:"Coding"`
	NoteRefs    []inRef    `xml:"NoteRef"`
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
