package session

// `cmocoder import PROJECT FILE.qdpx|FILE.qdc`: a REFI-QDA project or
// codebook brought into a project. coding/refiqda reads the file; this
// turns what it read into documents (one transaction each, as `add`) and
// then all the coding in one transaction (importChange).

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
	"cmocoder.org/cmocoder/pdfview"
)

// refiInput is a REFI-QDA file as read: a codebook alone (file nil), a
// bare project document (archive nil) or a .qdpx.
type refiInput struct {
	name    string // the file's name, for messages
	codes   []refiqda.Code
	file    *refiqda.File
	archive *refiqda.Archive
}

// ReadREFI reads a .qdc, .qdpx or .qde file; what is wrong with it is one
// line naming it.
func ReadREFI(p string) (*refiInput, error) {
	name := filepath.Base(p)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, coding.E(coding.KindNotFound, "import", p, UnwrapPathError(err))
	}
	in := &refiInput{name: name}
	zipped := len(data) >= 4 && string(data[:4]) == "PK\x03\x04"
	switch ext := strings.ToLower(filepath.Ext(p)); {
	case ext == ".qdc":
		in.codes, err = refiqda.ReadCodebook(data)
	case ext == ".qdpx" || zipped:
		in.archive, err = refiqda.ReadQDPX(data)
		if err == nil {
			in.file = in.archive.File
		}
	case ext == ".qde":
		in.file, err = refiqda.ReadProject(data)
	default:
		err = fmt.Errorf("not a REFI-QDA file: want a project (.qdpx), a codebook (.qdc) or a project document (.qde)")
	}
	if err != nil {
		return nil, coding.E(coding.KindInvalid, "import", name, err)
	}
	if in.file != nil {
		in.codes = in.file.Codes
	}
	return in, nil
}

// importCounts counts what an import added, or found already here.
type importCounts struct {
	Documents, Fragments, CMOCs, Theories, Labels, Coders int
}

func (n importCounts) String() string {
	var parts []string
	for _, p := range []struct {
		n            int
		one, several string
	}{{n.Documents, "document", "documents"}, {n.Fragments, "fragment", "fragments"}, {n.CMOCs, "CMOC", "CMOCs"},
		{n.Theories, "theory", "theories"}, {n.Labels, "label", "labels"}, {n.Coders, "coder", "coders"}} {
		if p.n == 1 {
			parts = append(parts, "1 "+p.one)
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.several))
		}
	}
	return strings.Join(parts, ", ")
}

func (n importCounts) Zero() bool { return n == importCounts{} }

// sourceDoc is a PDF source of the file and the document it became.
type sourceDoc struct {
	src     refiqda.Source
	docID   string
	theirs  string // the text its selections index
	hasText bool
}

// ImportFile brings what a REFI-QDA file holds into the project: the PDFs
// the file carries (each in its own transaction, as `add` does), then the
// codebook, fragments, CMOCs and programme theories in one transaction,
// then the file's users as coders. coder is the session's coder, who makes
// the changes. warn is told what was left out.
func (s *Session) ImportFile(ctx context.Context, in *refiInput, coder string, warn func(string)) (added, here importCounts, err error) {
	ch := &importChange{in: in}
	ch.uses, ch.labels = refiqda.MapCodes(in.codes)
	var userNames []string
	if f := in.file; f != nil {
		ch.users = map[string]string{}
		for _, u := range f.Users {
			if u.Name == "" || pseudoUser(u.Name, f.Origin) {
				continue
			}
			ch.users[u.GUID] = u.Name
			userNames = append(userNames, u.Name)
		}
		origin := strings.ToLower(strings.TrimSpace(f.Origin))
		ch.cmocoder = strings.HasPrefix(origin, "cmocoder")
		ch.nvivo = strings.Contains(origin, "nvivo")
		if err := s.importSources(ctx, ch, &added, &here, warn); err != nil {
			return added, here, err
		}
		ch.notes = map[string]string{}
		for i := range f.Notes {
			n := &f.Notes[i]
			t, ok, _ := in.text(n)
			if ok {
				ch.notes[n.GUID] = t
			}
		}
		ch.linked = map[string][]string{}
		for _, l := range f.Links {
			if _, isNote := ch.notes[l.Origin]; isNote && l.Target != "" {
				ch.linked[l.Target] = append(ch.linked[l.Target], l.Origin)
			}
		}
	}
	if err := s.Do(ch); err != nil {
		if added.Documents > 0 {
			return added, here, fmt.Errorf("%s: %s imported, but none of the coding: %w", in.name, countWord(added.Documents, "document", "documents"), err)
		}
		return added, here, err
	}
	for _, w := range ch.warnings {
		warn(w)
	}
	added.Fragments, added.CMOCs, added.Theories, added.Labels = ch.added.Fragments, ch.added.CMOCs, ch.added.Theories, ch.added.Labels
	here.Fragments, here.CMOCs, here.Theories, here.Labels = ch.here.Fragments, ch.here.CMOCs, ch.here.Theories, ch.here.Labels

	// Coders: the file's users and everyone its coding names. The coders
	// table is written by each transaction for its coder only, so each new
	// name takes one short transaction of its own.
	known, err := s.store.Coders()
	if err != nil {
		return added, here, err
	}
	isKnown := func(name string) bool {
		return slices.ContainsFunc(known, func(c coding.Coder) bool { return strings.EqualFold(c.Name, name) })
	}
	for _, name := range append(userNames, ch.coders...) {
		if name = strings.TrimSpace(name); name == "" || isKnown(name) {
			continue
		}
		if err := s.recordCoder(name); err != nil {
			return added, here, err
		}
		known = append(known, coding.Coder{Name: name})
		added.Coders++
	}
	return added, here, nil
}

func countWord(n int, one, several string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, several)
}

// pseudoUser tells the user a tool adds for itself (ATLAS.ti's "ATLAS.ti")
// from a person: its name starts the file's origin.
func pseudoUser(name, origin string) bool {
	name, origin = strings.ToLower(strings.TrimSpace(name)), strings.ToLower(strings.TrimSpace(origin))
	rest, ok := strings.CutPrefix(origin, name)
	return ok && len(name) >= 3 && (rest == "" || rest[0] == ' ')
}

// text is a TextSource's text from the file.
func (in *refiInput) text(t *refiqda.TextSource) (string, bool, error) {
	if in.archive != nil {
		return in.archive.Text(t)
	}
	if t != nil && t.HasContent {
		return t.Content, true, nil
	}
	return "", false, nil
}

// importSources imports the PDFs of the file's PDF sources (a PDF already
// in the project, by SHA-256, is used as it is) and warns about the
// sources left out.
func (s *Session) importSources(ctx context.Context, ch *importChange, added, here *importCounts, warn func(string)) error {
	in := ch.in
	var eng *pdfview.Engine
	defer func() {
		if eng != nil {
			eng.Close()
		}
	}()
	skipped := map[string]int{}
	var kinds []string
	for _, src := range in.file.Sources {
		if src.Kind != "PDFSource" {
			if skipped[src.Kind] == 0 {
				kinds = append(kinds, src.Kind)
			}
			skipped[src.Kind]++
			continue
		}
		name := src.Name
		if name == "" {
			name = src.GUID
		}
		var data []byte
		ok := false
		if in.archive != nil {
			var err error
			if data, ok, err = in.archive.Open(src.Path); err != nil {
				warn(fmt.Sprintf("source %q: %v; skipped", name, err))
				continue
			}
		}
		if !ok {
			warn(fmt.Sprintf("source %q: its PDF (%s) is not in %s; skipped", name, src.Path, in.name))
			continue
		}
		if ctx.Err() != nil {
			return coding.Errorf(coding.KindInvalid, "import", in.name, "interrupted; %s imported, none of the coding", countWord(added.Documents, "document", "documents"))
		}
		sum := sha256.Sum256(data)
		doc, found, err := s.store.HasPDF(hex.EncodeToString(sum[:]))
		if err != nil {
			return err
		}
		if found {
			here.Documents++
		} else {
			if eng == nil {
				if eng, err = NewEngine(); err != nil {
					return err
				}
			}
			var warnings []string
			doc, warnings, err = s.importSourcePDF(ctx, eng, src, data)
			if err != nil {
				if coding.IsKind(err, coding.KindBusy) || coding.IsKind(err, coding.KindDamaged) {
					return err
				}
				warn(fmt.Sprintf("source %q: %v; skipped", name, OneLine(err)))
				continue
			}
			for _, w := range warnings {
				warn(fmt.Sprintf("source %q: %s", name, w))
			}
			added.Documents++
		}
		sd := sourceDoc{src: src, docID: doc.ID}
		if src.Text != nil {
			var err error
			if sd.theirs, sd.hasText, err = in.text(src.Text); err != nil {
				warn(fmt.Sprintf("source %q: %v", name, err))
			}
		}
		ch.docs = append(ch.docs, sd)
	}
	for _, k := range kinds {
		what := strings.ToLower(strings.TrimSuffix(k, "Source")) + " source"
		if skipped[k] == 1 {
			warn(fmt.Sprintf("1 %s (%s) was skipped: cmocoder codes PDFs", what, k))
		} else {
			warn(fmt.Sprintf("%d %ss (%s) were skipped: cmocoder codes PDFs", skipped[k], what, k))
		}
	}
	return nil
}

// importSourcePDF imports a source's PDF with cmocoder's own extraction,
// as `add` does, keeping the source's GUID as the document's ID (unless a
// document has it already), its name as the title (unless it is a GUID)
// and the study characteristics its variables hold. The warnings are the
// extraction's and those about source fields left out.
func (s *Session) importSourcePDF(ctx context.Context, eng *pdfview.Engine, src refiqda.Source, data []byte) (coding.Document, []string, error) {
	fileName := ""
	if cp := strings.TrimSpace(strings.ReplaceAll(src.CurrentPath, "\\", "/")); cp != "" {
		if b := path.Base(cp); b != "." && b != "/" {
			fileName = b
		}
	}
	if fileName == "" {
		fileName = src.Name
		if fileName == "" {
			fileName = src.GUID
		}
		if !strings.EqualFold(filepath.Ext(fileName), ".pdf") {
			fileName += ".pdf"
		}
	}
	ex, err := eng.Extract(ctx, data, "")
	if err != nil {
		return coding.Document{}, nil, coding.E(coding.KindInvalid, "import", fileName, err)
	}
	title := src.Name
	if title == "" || refiqda.ValidGUID(refiqda.NormGUID(title)) {
		title = pdfview.GuessTitle(ex.Info.Title, ex.Pages, fileName)
	}
	id := ""
	if refiqda.ValidGUID(src.GUID) {
		if _, err := s.store.Document(src.GUID); coding.IsKind(err, coding.KindNotFound) {
			id = src.GUID
		}
	}
	doc := coding.Document{ID: id, FileName: fileName, Title: title, Authors: ex.Info.Authors, Year: ex.Info.Year,
		NeedsOCR: ex.NeedsOCR, Warnings: ex.Warnings, Added: src.Created}
	var warnings []string
	if len(src.Variables) > 0 {
		sf := doc.Source()
		for name, v := range src.Variables {
			switch strings.ToLower(name) {
			case "authors":
				sf.Authors = v
			case "year":
				sf.Year = v
			case "citation":
				sf.Citation = v
			case "objectives":
				sf.Objectives = v
			case "location":
				sf.Location = v
			case "design":
				sf.Design = v
			case "participants":
				sf.Participants = v
			case "relevance", "rigour":
				j, err := coding.ParseJudgement(v)
				if err != nil {
					warnings = append(warnings, fmt.Sprintf("%s %q left out: %v", strings.ToLower(name), v, OneLine(err)))
					continue
				}
				if strings.EqualFold(name, "relevance") {
					sf.Relevance.Judgement = j
				} else {
					sf.Rigour.Judgement = j
				}
			case "relevance note":
				sf.Relevance.Note = v
			case "rigour note":
				sf.Rigour.Note = v
			}
		}
		sf.Normalise()
		if err := sf.Check(); err != nil {
			warnings = append(warnings, fmt.Sprintf("study characteristics left out: %v", OneLine(err)))
		} else {
			doc.SetSource(sf)
		}
	}
	doc, err = s.store.AddDocument(doc, data, ex.Pages)
	return doc, append(slices.Clone(ex.Warnings), warnings...), err
}

// importChange is all the coding of an import as one Change: labels,
// fragments, programme theories and CMOCs, planned against the project as
// the transaction sees it. Its undo undoes all of it.
type importChange struct {
	in       *refiInput
	uses     map[string]refiqda.CodeUse
	labels   []refiqda.LabelDef
	users    map[string]string // User GUID -> name
	docs     []sourceDoc
	notes    map[string]string   // Note GUID -> text
	linked   map[string][]string // selection GUID -> GUIDs of the notes linked to it
	cmocoder bool                // the file is cmocoder's export
	nvivo    bool                // offsets are UTF-16 units

	// What Apply did.
	added, here importCounts
	warnings    []string
	coders      []string // names the coding records
}

func (ch *importChange) warnf(format string, args ...any) {
	ch.warnings = append(ch.warnings, fmt.Sprintf(format, args...))
}

func (ch *importChange) coder(tx coding.Tx, guids ...string) string {
	for _, g := range guids {
		if n := ch.users[g]; n != "" {
			if !slices.Contains(ch.coders, n) {
				ch.coders = append(ch.coders, n)
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
func (ch *importChange) Apply(tx coding.Tx) (coding.Change, error) {
	ch.added, ch.here, ch.warnings, ch.coders = importCounts{}, importCounts{}, nil, nil
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
	for _, l := range ch.labels {
		name, err := ch.label(tx, l, do)
		if err != nil {
			return nil, err
		}
		if l.GUID != "" {
			labelName[l.GUID] = name
		}
	}
	for _, sd := range ch.docs {
		if err := ch.fragments(tx, sd, labelName, do); err != nil {
			return nil, err
		}
	}
	if ch.cmocoder {
		if err := ch.cmocs(tx, do); err != nil {
			return nil, err
		}
	}
	slices.Reverse(undo)
	return undo, nil
}

// label puts a code into the codebook: a label with the code's GUID or
// name is kept (its definition filled in when it has none); otherwise a
// new label, with the code's GUID as its ID where it can be.
func (ch *importChange) label(tx coding.Tx, l refiqda.LabelDef, do func(coding.Change) error) (string, error) {
	ex, err := coding.Label{}, error(nil)
	found := false
	if refiqda.ValidGUID(l.GUID) {
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
		ch.here.Labels++
		if strings.TrimSpace(ex.Definition) == "" && l.Definition != "" {
			ex.Definition = l.Definition
			if err := do(coding.PutLabel{Label: ex}); err != nil {
				return "", err
			}
		}
		return ex.Name, nil
	}
	id := ""
	if refiqda.ValidGUID(l.GUID) {
		id = l.GUID
	}
	colour := l.Colour
	if colour == "" {
		colour = coding.DefaultColour(l.Name)
	}
	if err := do(coding.PutLabel{Label: coding.Label{ID: id, Name: l.Name, Definition: l.Definition, Colour: colour}}); err != nil {
		return "", err
	}
	ch.added.Labels++
	return l.Name, nil
}

// roleOf is one role a selection is coded with.
type roleOf struct {
	role    coding.Role
	valence coding.Valence
}

// fragments turns a source's coded selections into fragments of its
// document.
func (ch *importChange) fragments(tx coding.Tx, sd sourceDoc, labelName map[string]string, do func(coding.Change) error) error {
	if sd.src.Text == nil || len(sd.src.Text.Selections) == 0 {
		return nil
	}
	name := sd.src.Name
	t, err := tx.Text(sd.docID)
	if err != nil {
		return err
	}
	ours := t.String()
	theirs := sd.theirs
	direct := sd.hasText && theirs == strings.ReplaceAll(ours, string(coding.PageSeparator), "\n")
	conv := func(off int) int { return off }
	if ch.nvivo && sd.hasText {
		conv = refiqda.UTF16Offsets(theirs)
	}
	theirLen := utf8.RuneCountInString(theirs)
	var m *refiqda.Matcher
	noRole, noText, notFound, bad := 0, 0, 0, 0
	example := ""
	for _, sel := range sd.src.Text.Selections {
		var roles []roleOf
		var labels []string
		for _, g := range sel.Codes {
			u, ok := ch.uses[g]
			switch {
			case !ok:
			case u.Role != "":
				i := slices.IndexFunc(roles, func(r roleOf) bool { return r.role == u.Role })
				if i < 0 {
					roles = append(roles, roleOf{u.Role, u.Valence})
				} else if u.Valence != coding.NoValence {
					roles[i].valence = u.Valence
				}
			case u.Label != "":
				if n := labelName[g]; n != "" {
					labels = append(labels, n)
				}
			}
		}
		if len(roles) == 0 {
			noRole++
			continue
		}
		base := sel.GUID
		if base == "" {
			base = refiqda.GUID(sd.src.GUID + "/" + strconv.Itoa(sel.Start) + "-" + strconv.Itoa(sel.End))
		}
		ids := make([]string, len(roles))
		fresh := 0
		for i, r := range roles {
			ids[i] = base
			if i > 0 {
				ids[i] = refiqda.GUID(base + "/" + string(r.role))
			}
			if _, err := tx.Fragment(ids[i]); err == nil {
				ch.here.Fragments++
				ids[i] = ""
			} else if !coding.IsKind(err, coding.KindNotFound) {
				return err
			} else {
				fresh++
			}
		}
		if fresh == 0 {
			continue
		}
		start, end := conv(sel.Start), conv(sel.End)
		if !direct {
			if !sd.hasText {
				noText++
				continue
			}
			if m == nil {
				m = refiqda.NewMatcher(ours)
			}
			quote := refiqda.SliceRunes(theirs, start, end)
			s, e, ok := m.Find(quote, float64(start)/float64(max(theirLen, 1)))
			if !ok {
				notFound++
				if example == "" {
					example = shortText(quote, 60)
				}
				continue
			}
			start, end = s, e
		}
		if coding.CheckSpan(t, start, end) != nil {
			bad++
			continue
		}
		var memo []string
		notes := sel.Notes
		if !ch.cmocoder { // NVivo and ATLAS.ti link memos to passages
			notes = append(slices.Clone(notes), ch.linked[sel.GUID]...)
		}
		for _, n := range notes {
			if txt := strings.TrimSpace(ch.notes[n]); txt != "" && !slices.Contains(memo, txt) {
				memo = append(memo, txt)
			}
		}
		created := firstTime(sel.Created, sel.CodingTime, tx.Now())
		for i, r := range roles {
			if ids[i] == "" {
				continue
			}
			f := coding.Fragment{ID: ids[i], DocID: sd.docID, Start: start, End: end, Role: r.role, Valence: r.valence,
				Labels: labels, Coder: ch.coder(tx, sel.CreatingUser, sel.CodingUser), Memo: strings.Join(memo, "\n\n"),
				Created: created, Modified: firstTime(sel.Modified, created)}
			if err := do(coding.AddFragment{Fragment: f}); err != nil {
				return err
			}
			ch.added.Fragments++
		}
	}
	if noRole > 0 {
		ch.warnf("source %q: %d passages coded without a Context/Mechanism/Outcome code were not imported as fragments; their codes are in the codebook", name, noRole)
	}
	if noText > 0 {
		ch.warnf("source %q: the text its passages Count in is not in %s; %d coded passages skipped", name, ch.in.name, noText)
	}
	if notFound > 0 {
		ch.warnf("source %q: %d coded passages were not found in cmocoder's text of the PDF and were skipped (the first: %q)", name, notFound, example)
	}
	if bad > 0 {
		ch.warnf("source %q: %d coded passages hold only white space or lie outside the text; skipped", name, bad)
	}
	return nil
}

func shortText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// cmocs brings back the CMOCs and programme theories of a cmocoder export:
// each CMOC is a Note linked to its fragments' selections, each theory a
// Set of CMOC notes.
func (ch *importChange) cmocs(tx coding.Tx, do func(coding.Change) error) error {
	f := ch.in.file
	targets := map[string][]string{} // note GUID -> selection GUIDs
	for _, l := range f.Links {
		if l.Origin != "" && l.Target != "" && !slices.Contains(targets[l.Origin], l.Target) {
			targets[l.Origin] = append(targets[l.Origin], l.Target)
		}
	}
	// Theories first: the sets that hold CMOC notes.
	theoryOf := map[string]string{} // CMOC note GUID -> theory ID
	theoryName := map[string]string{}
	type refinement struct{ id, refines string }
	var refined []refinement
	for _, set := range f.Sets {
		var members []string
		for _, n := range set.Notes {
			if len(targets[n]) > 0 {
				members = append(members, n)
			}
		}
		if len(members) == 0 || set.Name == "" {
			continue
		}
		kind, refines, desc := refiqda.ParseTheoryDescription(set.Description)
		var th coding.Theory
		found := false
		var err error
		if refiqda.ValidGUID(set.GUID) {
			if th, err = tx.Theory(set.GUID); err == nil {
				found = true
			} else if !coding.IsKind(err, coding.KindNotFound) {
				return err
			}
		}
		if !found {
			if th, err = tx.TheoryNamed(set.Name); err == nil {
				found = true
			} else if !coding.IsKind(err, coding.KindNotFound) {
				return err
			}
		}
		if found {
			ch.here.Theories++
		} else {
			id := ""
			if refiqda.ValidGUID(set.GUID) {
				id = set.GUID
			} else {
				id = coding.NewID()
			}
			th = coding.Theory{ID: id, Name: set.Name, Description: desc, Kind: kind}
			if err := do(coding.PutTheory{Theory: th}); err != nil {
				return err
			}
			ch.added.Theories++
			if refines != "" {
				refined = append(refined, refinement{id, refines})
			}
		}
		for _, n := range members {
			if _, ok := theoryOf[n]; !ok {
				theoryOf[n], theoryName[n] = th.ID, th.Name
			}
		}
	}
	for _, r := range refined {
		other, err := tx.TheoryNamed(r.refines)
		if err != nil || other.ID == r.id {
			continue
		}
		th, err := tx.Theory(r.id)
		if err != nil {
			return err
		}
		th.Refines = other.ID
		if err := do(coding.PutTheory{Theory: th}); err != nil {
			return err
		}
	}
	for _, n := range f.Notes {
		sels := targets[n.GUID]
		if len(sels) == 0 || n.GUID == "" {
			continue
		}
		if _, err := tx.CMOC(n.GUID); err == nil {
			ch.here.CMOCs++
			continue
		} else if !coding.IsKind(err, coding.KindNotFound) {
			return err
		}
		var frags []string
		missing := 0
		for _, sel := range sels {
			if _, err := tx.Fragment(sel); err == nil {
				frags = append(frags, sel)
			} else if coding.IsKind(err, coding.KindNotFound) {
				missing++
			} else {
				return err
			}
		}
		if len(frags) == 0 {
			ch.warnf("CMOC %q: none of its fragments was imported; skipped", shortText(n.Name, 60))
			continue
		}
		if missing > 0 {
			ch.warnf("CMOC %q: %d of its fragments were not imported; it keeps the others", shortText(n.Name, 60), missing)
		}
		statement, narrative, labels := refiqda.ParseCMOCNote(ch.notes[n.GUID], n.Name, theoryName[n.GUID])
		for i, l := range labels {
			ex, err := tx.LabelNamed(l)
			switch {
			case err == nil:
				labels[i] = ex.Name
			case coding.IsKind(err, coding.KindNotFound):
				if err := do(coding.PutLabel{Label: coding.Label{Name: l, Colour: coding.DefaultColour(l)}}); err != nil {
					return err
				}
				ch.added.Labels++
			default:
				return err
			}
		}
		created := firstTime(n.Created, tx.Now())
		c := coding.CMOC{ID: n.GUID, Statement: statement, Narrative: narrative, TheoryID: theoryOf[n.GUID],
			Fragments: frags, Labels: labels, Coder: ch.coder(tx, n.CreatingUser), Created: created,
			Modified: firstTime(n.Modified, created)}
		if err := do(coding.AddCMOC{CMOC: c}); err != nil {
			return err
		}
		ch.added.CMOCs++
	}
	return nil
}
