package refiqda

// Reading REFI-QDA files (`cmocoder import`): a codebook (.qdc), a bare
// project document (.qde) or a project exchange file (.qdpx, a ZIP) is
// parsed into the plain values of model.go; mapping.go turns them into one
// coding.Change.
//
// Reading is lenient where the tools differ (NOTES.md): elements are
// matched by local name, so any namespace (urn:QDA-XML:project:1.0,
// urn:QDA-XML:codebook:0:4, ...:1:0, none) is read; GUIDs are compared
// lower case without braces; the sources folder of a .qdpx is found in
// any case and the only *.qde at its root is taken, whatever its name; a
// leading byte-order mark is dropped and UTF-16 files are converted. An
// empty list element (Taguette's <Sets/>) is simply empty.
//
// Reading is bounded, as the files come from anyone (limits.go): a file
// inside a .qdpx is refused as a possible ZIP bomb when it inflates, by
// its header or as read, past its bound or as a bomb does
// (coding.ZipBomb), and all that is read of a .qdpx may expand it no
// more; each file counts once and a text named many times is held once.
// The sizes of names, memos and other values in the XML are checked
// before it is decoded (xmlsizes.go). encoding/xml stops at 10,000 nested
// elements, and codes nested deeper than MaxCodeDepth are refused.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
)

// MaxCodeDepth is how deeply codes may nest; tools nest a few levels.
const MaxCodeDepth = 100

// Input is a REFI-QDA file as read: a codebook alone (File nil), a bare
// project document (Archive nil) or a .qdpx.
type Input struct {
	Name    string // the file's name, for messages
	Codes   []Code // the file's codebook
	File    *File
	Archive *Archive
	// roles are the codes the reviewer said are roles (SetRoles), by
	// coding.NameKey of their names.
	roles map[string]coding.Role
}

// SetRoles says which of the file's codes are roles, by name in any case
// (`import --roles "Barriers=context,Effects=outcome"`): their passages
// become fragments of that role instead of unclassified ones, and the
// codes do not become labels. A name no code of the file has is an error
// naming it, so that a typing slip is not silently ignored. Unclassified
// says a code is no role but a label, whatever its name.
func (in *Input) SetRoles(roles map[string]coding.Role) error {
	have := map[string]bool{}
	var walk func(cs []Code)
	walk = func(cs []Code) {
		for _, c := range cs {
			have[coding.NameKey(c.Name)] = true
			walk(c.Children)
		}
	}
	walk(in.Codes)
	in.roles = map[string]coding.Role{}
	for name, r := range roles {
		if !have[coding.NameKey(name)] {
			return fmt.Errorf("%s has no code named %q", in.Name, name)
		}
		in.roles[coding.NameKey(name)] = r
	}
	return nil
}

// Read reads the .qdc, .qdpx or .qde file name holding data. The
// extension of name says which; a ZIP is read as a .qdpx whatever its
// name. The errors say in one line what is wrong.
func Read(name string, data []byte) (*Input, error) {
	in := &Input{Name: name}
	zipped := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	var err error
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".qdc":
		in.Codes, err = ReadCodebook(data)
	case ext == ".qdpx" || zipped:
		in.Archive, err = ReadQDPX(data)
		if err == nil {
			in.File = in.Archive.File
		}
	case ext == ".qde":
		in.File, err = ReadProject(data)
	default:
		err = errors.New("not a REFI-QDA file: want a project (.qdpx), a codebook (.qdc) or a project document (.qde)")
	}
	if err != nil {
		return nil, err
	}
	if in.File != nil {
		in.Codes = in.File.Codes
	}
	return in, nil
}

// Text is a TextSource's text from the file: its content, or its file in
// the archive. ok is false when the file holds neither.
func (in *Input) Text(t *TextSource) (text string, ok bool, err error) {
	if in.Archive != nil {
		return in.Archive.Text(t)
	}
	if t != nil && t.HasContent {
		return t.Content, true, nil
	}
	return "", false, nil
}

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
	if err := checkXMLSizes(data); err != nil {
		return err
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
	return codes(cb.Codes, 1)
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
	cs, err := codes(p.Codes, 1)
	if err != nil {
		return nil, err
	}
	f := &File{Name: p.Name, Origin: p.Origin, Codes: cs}
	for _, u := range p.Users {
		f.Users = append(f.Users, User{GUID: NormGUID(u.GUID), Name: strings.TrimSpace(u.Name)})
	}
	vars := map[string]string{}
	for _, v := range p.Variables {
		vars[NormGUID(v.GUID)] = strings.TrimSpace(v.Name)
	}
	for _, s := range p.Sources.Any {
		src := Source{Kind: s.XMLName.Local, GUID: NormGUID(s.GUID), Name: strings.TrimSpace(s.Name), Path: s.Path,
			CurrentPath: s.CurrentPath, CreatingUser: NormGUID(s.CreatingUser), Created: parseTime(s.CreationDateTime),
			Modified: parseTime(s.ModifiedDateTime), Description: s.Description, PDFSelections: len(s.PDFSelections)}
		areas, err := areas(s.PDFSelections)
		if err != nil {
			return nil, fmt.Errorf("source %q: %v", src.Name, err)
		}
		src.Areas = areas
		switch {
		case src.Kind == "TextSource":
			src.Path = s.PlainTextPath
			t, err := text(inText{GUID: s.GUID, Name: s.Name, PlainTextPath: s.PlainTextPath, stamp: s.stamp, Content: s.PlainTextContent, Selections: s.Selections})
			if err != nil {
				return nil, fmt.Errorf("source %q: %v", src.DisplayName(), err)
			}
			src.Text = &t
		case s.Representation != nil:
			t, err := text(*s.Representation)
			if err != nil {
				return nil, fmt.Errorf("source %q: %v", src.DisplayName(), err)
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

// codes are the codes of a codebook, nested at most MaxCodeDepth deep.
func codes(in []inCode, depth int) ([]Code, error) {
	if len(in) > 0 && depth > MaxCodeDepth {
		return nil, fmt.Errorf("codes nested more than %d deep", MaxCodeDepth)
	}
	var out []Code
	for _, c := range in {
		codable := true
		if b, err := strconv.ParseBool(strings.TrimSpace(c.IsCodable)); err == nil {
			codable = b
		}
		children, err := codes(c.Codes, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, Code{GUID: NormGUID(c.GUID), Name: strings.TrimSpace(c.Name), Codable: codable,
			Colour: NormColour(c.Color), Description: strings.TrimSpace(c.Description), Children: children})
	}
	return out, nil
}

func text(t inText) (TextSource, error) {
	out := TextSource{GUID: NormGUID(t.GUID), Name: strings.TrimSpace(t.Name), PlainTextPath: t.PlainTextPath,
		CreatingUser: NormGUID(t.CreatingUser), Created: parseTime(t.CreationDateTime), Modified: parseTime(t.ModifiedDateTime)}
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
			CreatingUser: NormGUID(s.CreatingUser), Created: parseTime(s.CreationDateTime), Modified: parseTime(s.ModifiedDateTime),
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

	budget int64              // the bytes still to be read (see ReadQDPX)
	read   map[*zip.File]bool // the files read once, counted in budget
	texts  map[*zip.File]string
}

// ReadQDPX opens a .qdpx held in data: the only *.qde at the root of the
// ZIP (any name: project.qde, Project.qde, "<name>.qde"), read with
// ReadProject. The errors say what is wrong in one line.
func ReadQDPX(data []byte) (*Archive, error) {
	return ReadQDPXAt(bytes.NewReader(data), int64(len(data)))
}

// ReadQDPXAt is ReadQDPX reading the size bytes of r as they are needed
// (a file, so that a large .qdpx is never held in memory whole).
func ReadQDPXAt(r io.ReaderAt, size int64) (*Archive, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errors.New("not a .qdpx file: it is not a ZIP archive")
	}
	a := &Archive{files: map[string]*zip.File{}, budget: coding.ZipBombFloor + coding.ZipBombRatio*size,
		read: map[*zip.File]bool{}, texts: map[*zip.File]string{}}
	var qdes []*zip.File
	for _, f := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")
		if err := checkEntry(f); err != nil {
			return nil, err
		}
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
	b, err := a.readFile(qdes[0])
	if err != nil {
		return nil, err
	}
	if a.File, err = ReadProject(b); err != nil {
		return nil, fmt.Errorf("%s: %v", a.QDE, err)
	}
	if err := a.checkSources(); err != nil {
		return nil, err
	}
	return a, nil
}

// readFile reads a file of the archive within the limits (limits.go);
// the errors name the file.
func (a *Archive) readFile(f *zip.File) ([]byte, error) {
	if err := a.checkDeclared(f); err != nil {
		return nil, err
	}
	if !a.read[f] {
		a.budget -= int64(f.UncompressedSize64)
		a.read[f] = true
	}
	rc, err := a.openLimited(f)
	if err != nil {
		return nil, fmt.Errorf("entry %q: %v", f.Name, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	buf.Grow(int(f.UncompressedSize64) + bytes.MinRead) // ReadFrom then reads to the end without growing
	if _, err := buf.ReadFrom(rc); err != nil {
		if IsBomb(err) {
			return nil, err
		}
		return nil, fmt.Errorf("entry %q: %v", f.Name, err)
	}
	return buf.Bytes(), nil
}

// Open returns the bytes of a file a source names: "internal://NAME" (or
// a bare NAME, as qc writes) is looked up in the sources folder, whatever
// its case, then at the root. ok is false when the archive does not hold
// it (relative:// and absolute:// paths never are).
func (a *Archive) Open(p string) (data []byte, ok bool, err error) {
	f := a.find(p)
	if f == nil {
		return nil, false, nil
	}
	b, err := a.readFile(f)
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// find is the file a source names (see Open); nil if there is none.
func (a *Archive) find(p string) *zip.File {
	p = strings.TrimSpace(p)
	if p == "" {
		return nil
	}
	lower := strings.ToLower(p)
	switch {
	case strings.HasPrefix(lower, "internal://"):
		p = p[len("internal://"):]
	case strings.Contains(lower, "://"):
		return nil
	}
	p = strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "/")
	for _, name := range []string{"sources/" + p, p} {
		if f, found := a.files[strings.ToLower(name)]; found {
			return f
		}
	}
	return nil
}

// Text returns the text of a TextSource: its content, or its file in the
// archive (a leading U+FEFF dropped), read once however many name it. ok
// is false when there is neither.
func (a *Archive) Text(t *TextSource) (string, bool, error) {
	if t == nil {
		return "", false, nil
	}
	if t.HasContent {
		return t.Content, true, nil
	}
	f := a.find(t.PlainTextPath)
	if f == nil {
		return "", false, nil
	}
	if s, ok := a.texts[f]; ok {
		return s, true, nil
	}
	b, _, err := a.Open(t.PlainTextPath)
	if err != nil {
		return "", false, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	s := string(b)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	a.texts[f] = s
	return s, true, nil
}
