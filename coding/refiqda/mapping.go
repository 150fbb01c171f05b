package refiqda

// The REFI-QDA → domain mapping: what a file holds, read (read.go), made
// into one coding.Change (Import). The caller imports the file's PDFs as
// documents first (that needs PDF extraction, which this package does
// not do), tells the Import which document each source became, and then
// applies it: labels, fragments, programme theories and CMOCs in one
// transaction, whose undo undoes all of it.

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// Counts counts what an import added, or found already here.
type Counts struct {
	Documents, Fragments, CMOCs, Theories, Labels, Coders int
}

// String is "1 document, 6 fragments, 2 CMOCs, 1 theory, 4 labels, 2
// coders".
func (n Counts) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		noun string
	}{{n.Documents, "document"}, {n.Fragments, "fragment"}, {n.CMOCs, "CMOC"},
		{n.Theories, "theory"}, {n.Labels, "label"}, {n.Coders, "coder"}} {
		parts = append(parts, coding.Count(p.n, p.noun))
	}
	return strings.Join(parts, ", ")
}

// IsZero reports whether nothing was counted.
func (n Counts) IsZero() bool { return n == Counts{} }

// Import is all the coding of a REFI-QDA file as one coding.Change:
// labels, fragments, programme theories and CMOCs, planned against the
// project as the transaction sees it. Its undo undoes all of it.
type Import struct {
	in       *Input
	uses     map[string]CodeUse
	labels   []LabelDef
	users    map[string]string // User GUID -> name
	names    []string          // the users' names, in the file's order
	docs     []sourceDoc
	notes    map[string]string   // Note GUID -> text
	linked   map[string][]string // selection GUID -> GUIDs of the notes linked to it
	cmocoder bool                // the file is cmocoder's export
	nvivo    bool                // offsets are UTF-16 units

	pages map[AreaPage]coding.Page // the pages area codings lie on (AddPage)

	// What Apply did (Documents and Coders are the caller's to count).
	Added, Here Counts
	Warnings    []string // what was left out, one line each
	LeftOut     LeftOut  // what was left out, counted for the summary
	skipped     LeftOut  // the sources the caller skipped (Skip)
	Coders      []string // the names the imported coding records
}

// sourceDoc is a source of the file and the document it became.
type sourceDoc struct {
	src     Source
	docID   string
	theirs  string // the text its selections index
	hasText bool
}

// NewImport plans the import of in: what its codes mean, who its users
// are (not the tools' own pseudo-users), which notes are memos of which
// passages.
func NewImport(in *Input) *Import {
	im := &Import{in: in}
	im.uses, im.labels = mapCodes(in.Codes, in.roles)
	f := in.File
	if f == nil {
		return im
	}
	im.users = map[string]string{}
	for _, u := range f.Users {
		if u.Name == "" || pseudoUser(u.Name, f.Origin) {
			continue
		}
		im.users[u.GUID] = u.Name
		im.names = append(im.names, u.Name)
	}
	origin := strings.ToLower(strings.TrimSpace(f.Origin))
	im.cmocoder = strings.HasPrefix(origin, "cmocoder")
	im.nvivo = strings.Contains(origin, "nvivo")
	im.notes = map[string]string{}
	for i := range f.Notes {
		n := &f.Notes[i]
		if t, ok, _ := in.Text(n); ok { // a note without its text is no memo
			im.notes[n.GUID] = t
		}
	}
	im.linked = map[string][]string{}
	for _, l := range f.Links {
		if _, isNote := im.notes[l.Origin]; isNote && l.Target != "" {
			im.linked[l.Target] = append(im.linked[l.Target], l.Origin)
		}
	}
	return im
}

// pseudoUser tells the user a tool adds for itself (ATLAS.ti's "ATLAS.ti")
// from a person: its name starts the file's origin.
func pseudoUser(name, origin string) bool {
	name, origin = strings.ToLower(strings.TrimSpace(name)), strings.ToLower(strings.TrimSpace(origin))
	rest, ok := strings.CutPrefix(origin, name)
	return ok && len(name) >= 3 && (rest == "" || rest[0] == ' ')
}

// Users are the names of the file's people, in its order.
func (im *Import) Users() []string { return im.names }

// PDFSources are the file's sources that can become documents from the
// PDFs they carry. The warning says, in one line, which sources are left
// out (OutOfScope): pictures, audio and video (text sources are
// TextSources').
func (im *Import) PDFSources() (pdfs []Source, warnings []string) {
	if im.in.File == nil {
		return nil, nil
	}
	for _, src := range im.in.File.Sources {
		if src.Kind == "PDFSource" {
			pdfs = append(pdfs, src)
		}
	}
	if out := im.OutOfScope(); len(out) > 0 {
		warnings = append(warnings, "left out: "+out.String())
	}
	return pdfs, warnings
}

// TextSources are the file's text sources (TextSource): each becomes a
// text document of its plain text (see Text).
func (im *Import) TextSources() []Source {
	if im.in.File == nil {
		return nil
	}
	var out []Source
	for _, src := range im.in.File.Sources {
		if src.Kind == "TextSource" {
			out = append(out, src)
		}
	}
	return out
}

// Text is a text source's plain text as the file holds it (its
// PlainTextContent, or its plainTextPath in the archive without a leading
// byte-order mark): the text its selections count in. ok is false when the
// file holds neither.
func (im *Import) Text(src Source) (text string, ok bool, err error) {
	return im.in.Text(src.Text)
}

// AddDocument says that src became the project's document docID: Apply
// places its passages in that document's text. An error says the text its
// passages count in could not be read; Apply then skips them with a
// warning.
func (im *Import) AddDocument(src Source, docID string) error {
	sd := sourceDoc{src: src, docID: docID}
	var err error
	if src.Text != nil {
		sd.theirs, sd.hasText, err = im.in.Text(src.Text)
	}
	im.docs = append(im.docs, sd)
	return err
}

// DisplayName is how messages name a source: its name, else its file's
// (qc names text sources by their plainTextPath alone), else its GUID.
func (s Source) DisplayName() string {
	if s.Name != "" {
		return s.Name
	}
	if p := strings.TrimSpace(strings.ReplaceAll(s.Path, "\\", "/")); p != "" {
		if b := path.Base(p); b != "." && b != "/" {
			return b
		}
	}
	return s.GUID
}

// FileName is the name of a PDF source's file: the last element of its
// currentPath, else its name (or GUID) with ".pdf".
func (s Source) FileName() string {
	if cp := strings.TrimSpace(strings.ReplaceAll(s.CurrentPath, "\\", "/")); cp != "" {
		if b := path.Base(cp); b != "." && b != "/" {
			return b
		}
	}
	name := s.DisplayName()
	if !strings.EqualFold(path.Ext(name), ".pdf") {
		name += ".pdf"
	}
	return name
}

// Title is the source's name as a document's title, without an extension
// of a document's file (".pdf", ".docx", ".txt", ".odt", ".rtf", ".html",
// ".htm", ".md", any case: tools name a source by the file it came from);
// "" when it has none worth keeping (no name, or a GUID), for the caller
// to guess one.
func (s Source) Title() string {
	if s.Name == "" || ValidGUID(NormGUID(s.Name)) {
		return ""
	}
	switch strings.ToLower(path.Ext(s.Name)) {
	case ".pdf", ".docx", ".txt", ".odt", ".rtf", ".html", ".htm", ".md":
		if t := strings.TrimSpace(s.Name[:len(s.Name)-len(path.Ext(s.Name))]); t != "" {
			return t
		}
	}
	return s.Name
}

// TextFileName is the file name a text source's document records: its
// title (else its GUID) with ".txt", since what the file holds is its
// plain text.
func (s Source) TextFileName() string {
	name := s.Title()
	if name == "" {
		name = s.GUID
	}
	name = strings.NewReplacer("/", "-", "\\", "-").Replace(name)
	return name + ".txt"
}

// SetStudy gives doc the study characteristics, reference fields and
// screening the source's variables hold (as the export writes them:
// "Authors", "Year", "Relevance", "DOI", "Decision", "Decided by", ..., any
// case). The warnings say what was left out.
func (s Source) SetStudy(doc *coding.Document) (warnings []string) {
	if len(s.Variables) == 0 {
		return nil
	}
	sf := doc.Source()
	for name, v := range s.Variables {
		key := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), " ", "-")
		field := coding.SourceField(&sf, key)
		if field == nil || key == "title" { // the source's name is its title
			continue
		}
		val, err := v, error(nil)
		switch key {
		case "relevance", "rigour", "richness":
			var j coding.Judgement
			j, err = coding.ParseJudgement(v)
			val = string(j)
		case "decision":
			var d coding.Decision
			d, err = coding.ParseDecision(v)
			val = string(d)
		}
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s %q left out: %v", strings.ReplaceAll(key, "-", " "), v, oneLine(err)))
			continue
		}
		*field = val
	}
	sf.Normalise()
	if err := sf.Check(); err != nil {
		return append(warnings, fmt.Sprintf("study characteristics left out: %v", oneLine(err)))
	}
	doc.SetSource(sf)
	return warnings
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

func (im *Import) warnf(format string, args ...any) {
	im.Warnings = append(im.Warnings, fmt.Sprintf(format, args...))
}

// coder is the name of the first of the users who has one, else the
// transaction's coder.
func (im *Import) coder(tx coding.Tx, guids ...string) string {
	for _, g := range guids {
		if n := im.users[g]; n != "" {
			if !slices.Contains(im.Coders, n) {
				im.Coders = append(im.Coders, n)
			}
			return n
		}
	}
	return tx.Coder()
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// Apply implements coding.Change.
func (im *Import) Apply(tx coding.Tx) (coding.Change, error) {
	im.Added, im.Here, im.Warnings, im.LeftOut, im.Coders = Counts{}, Counts{}, nil, nil, nil
	var undo coding.Batch
	do := func(c coding.Change) error {
		u, err := c.Apply(tx)
		if err != nil {
			return err
		}
		undo = append(undo, u)
		return nil
	}
	labelName := map[string]string{} // code GUID -> the label's name in the project
	for _, l := range im.labels {
		name, err := im.label(tx, l, do)
		if err != nil {
			return nil, err
		}
		if l.GUID != "" {
			labelName[l.GUID] = name
		}
	}
	for _, sd := range im.docs {
		if err := im.fragments(tx, sd, labelName, do); err != nil {
			return nil, err
		}
		if err := im.areaFragments(tx, sd, labelName, do); err != nil {
			return nil, err
		}
	}
	if im.cmocoder {
		if err := im.cmocs(tx, do); err != nil {
			return nil, err
		}
	}
	slices.Reverse(undo)
	return undo, nil
}

// label puts a code into the codebook: a label with the code's GUID or
// name is kept (its definition filled in when it has none); otherwise a
// new label, with the code's GUID as its ID where it can be.
func (im *Import) label(tx coding.Tx, l LabelDef, do func(coding.Change) error) (string, error) {
	ex, err := coding.Label{}, error(nil)
	found := false
	if ValidGUID(l.GUID) {
		if ex, err = tx.Label(l.GUID); err == nil {
			found = true
		} else if !coding.IsKind(err, coding.KindNotFound) {
			return "", err
		}
	}
	if !found {
		if ex, err = tx.LabelNamed(l.Name); err == nil {
			found = true
		} else if !coding.IsKind(err, coding.KindNotFound) {
			return "", err
		}
	}
	if found {
		im.Here.Labels++
		if strings.TrimSpace(ex.Definition) == "" && l.Definition != "" {
			ex.Definition = l.Definition
			if err := do(coding.PutLabel{Label: ex}); err != nil {
				return "", err
			}
		}
		return ex.Name, nil
	}
	id := ""
	if ValidGUID(l.GUID) {
		id = l.GUID
	}
	colour := l.Colour
	if colour == "" {
		colour = coding.DefaultColour(l.Name)
	}
	if err := do(coding.PutLabel{Label: coding.Label{ID: id, Name: l.Name, Definition: l.Definition, Colour: colour}}); err != nil {
		return "", err
	}
	im.Added.Labels++
	return l.Name, nil
}

// roleOf is one role a selection is coded with.
type roleOf struct {
	role    coding.Role
	valence coding.Valence
}

// roles are the roles a passage's codes give it, and the names of its
// labels in the project. Of two valences of one role the first is kept.
func (im *Import) roles(codes []string, labelName map[string]string) (roles []roleOf, labels []string) {
	for _, g := range codes {
		u, ok := im.uses[g]
		if !ok {
			continue
		}
		if u.Role != "" {
			i := slices.IndexFunc(roles, func(r roleOf) bool { return r.role == u.Role })
			if i < 0 {
				roles = append(roles, roleOf{u.Role, u.Valence})
			} else if roles[i].valence == coding.NoValence {
				roles[i].valence = u.Valence
			}
		}
		if n := labelName[g]; u.Label != "" && n != "" && !slices.Contains(labels, n) {
			labels = append(labels, n)
		}
	}
	return roles, labels
}

// fragmentRoles decides what a selection whose codes give it roles
// becomes: one fragment per role, and a selection coded without a role one
// unclassified fragment with its codes as labels, so that nothing another
// tool coded is dropped (unclassified is true then, for the summary).
func fragmentRoles(roles []roleOf) (out []roleOf, unclassified bool) {
	if len(roles) == 0 {
		return []roleOf{{role: coding.Unclassified}}, true
	}
	return roles, false
}

// fragments turns a source's coded passages (its selections, those of one
// span and coder merged: passages) into fragments of its document; a
// passage the document has already (known) is counted as here.
func (im *Import) fragments(tx coding.Tx, sd sourceDoc, labelName map[string]string, do func(coding.Change) error) error {
	if sd.src.Text == nil || len(sd.src.Text.Selections) == 0 {
		return nil
	}
	t, err := tx.Text(sd.docID)
	if err != nil {
		return err
	}
	have, err := tx.Fragments(sd.docID) // before the import: two fragments of a file may be alike
	if err != nil {
		return err
	}
	place := NewPassages(t.String(), sd.theirs, sd.hasText, im.nvivo)
	noRole, noText, notFound, bad, reused := 0, 0, 0, 0, 0
	example := ""
	for _, p := range im.passages(tx, sd.src) {
		roles, labels := im.roles(p.codes, labelName)
		roles, unclassified := fragmentRoles(roles)
		start, end, err := place.Place(p.start, p.end)
		if err != nil {
			// A passage that cannot be placed may have been before (a
			// bare .qde of cmocoder's export read into its project).
			n, herr := importedBefore(tx, sd.docID, p.id, roles)
			if herr != nil {
				return herr
			}
			if n > 0 {
				im.Here.Fragments += n
				continue
			}
		}
		var nf *notFoundError
		switch {
		case errors.Is(err, errNoText):
			noText++
			continue
		case errors.As(err, &nf):
			notFound++
			if example == "" {
				example = coding.Clip(nf.quote, 60)
			}
			continue
		case err != nil:
			return err
		}
		if coding.CheckSpan(t, start, end) != nil {
			bad++
			continue
		}
		created := firstTime(p.created, tx.Now())
		for i, r := range roles {
			f := coding.Fragment{DocID: sd.docID, Start: start, End: end, Role: r.role, Valence: r.valence,
				Labels: labels, Coder: p.coder, Memo: strings.Join(p.memo, "\n\n"),
				Created: created, Modified: firstTime(p.modified, created)}
			if slices.ContainsFunc(have, func(h coding.Fragment) bool { return samePassage(h, f) }) {
				im.Here.Fragments++
				continue
			}
			id, here, moved, err := freeID(tx, f, fragmentID(p.id, i, r))
			switch {
			case err != nil:
				return err
			case here:
				im.Here.Fragments++
				continue
			case moved:
				reused++
			}
			f.ID = id
			if err := do(coding.AddFragment{Fragment: f}); err != nil {
				return err
			}
			im.Added.Fragments++
			if unclassified {
				noRole++
			}
		}
	}
	name := sd.src.DisplayName()
	im.LeftOut.Add(noText, "coded passage", "the text they count in is not in "+im.in.Name)
	im.LeftOut.Add(notFound, "coded passage", "not found in cmocoder's text of the PDF")
	im.LeftOut.Add(bad, "coded passage", "only white space, or outside the text")
	if noRole > 0 {
		im.warnf("source %q: %s without a Context/Mechanism/Outcome code came in unclassified, their codes as labels (C, R, M or O gives each a role)", name, coding.Count(noRole, "coded passage"))
	}
	if reused > 0 {
		im.warnf("source %q: %s had the ID of another passage of the project; imported with a new ID", name, coding.Count(reused, "coded passage"))
	}
	if noText > 0 {
		im.warnf("source %q: the text its passages count in is not in %s; %s skipped", name, im.in.Name, coding.Count(noText, "coded passage"))
	}
	if notFound > 0 {
		im.warnf("source %q: %s %s not found in cmocoder's text of the PDF and %s skipped (the first: %q)", name, coding.Count(notFound, "coded passage"), were(notFound), were(notFound), example)
	}
	if bad > 0 {
		im.warnf("source %q: %s held only white space or lay outside the text; skipped", name, coding.Count(bad, "coded passage"))
	}
	return nil
}

// memo is a selection's memo, in parts: its Description, the notes it
// refers to and, but in cmocoder's own export, the notes linked to it
// (NVivo and ATLAS.ti link memos to passages), each text once (cmocoder's
// export writes a memo both as the Description and as a note).
func (im *Import) memo(sel Selection) []string {
	var memo []string
	notes := sel.Notes
	if !im.cmocoder {
		notes = append(slices.Clone(notes), im.linked[sel.GUID]...)
	}
	memo = addMemo(memo, sel.Description)
	for _, n := range notes {
		memo = addMemo(memo, im.notes[n])
	}
	return memo
}

// addMemo adds a text to a memo's parts unless it is blank or there.
func addMemo(memo []string, text string) []string {
	if text = strings.TrimSpace(text); text != "" && !slices.Contains(memo, text) {
		memo = append(memo, text)
	}
	return memo
}

// were is the verb for n things: "1 passage was", "2 passages were".
func were(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// Describe names an import in the undo menu (coding.Describer): "Undo
// import of a REFI-QDA file".
func (im *Import) Describe() string { return "import of a REFI-QDA file" }
