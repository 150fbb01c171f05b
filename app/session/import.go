package session

// `cmocoder import PROJECT FILE.qdpx|FILE.qdc`: a REFI-QDA project or
// codebook brought into a project. coding/refiqda reads the file and maps
// it to the domain; this extracts the PDFs it carries into documents (one
// transaction each, as `add`) and then applies all the coding in one
// transaction (refiqda.Import).

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/coding/refiqda"
	"cmocoder.org/cmocoder/pdfview"
)

// ReadREFI reads a .qdc, .qdpx or .qde file; what is wrong with it is one
// line naming it.
func ReadREFI(p string) (*refiqda.Input, error) {
	if err := checkREFISize(p); err != nil {
		return nil, err
	}
	if in, ok, err := readArchive(p); ok {
		return in, err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, coding.E(coding.KindNotFound, "import", p, coding.PathCause(err))
	}
	name := filepath.Base(p)
	in, err := refiqda.Read(name, data)
	if err != nil {
		return nil, coding.E(coding.KindInvalid, "import", name, err)
	}
	return in, nil
}

// ImportReport is what an import brought in, found already here and left
// out.
type ImportReport struct {
	Added, Here refiqda.Counts
	LeftOut     refiqda.LeftOut
}

// Lines are the report as the import verb prints it and the app shows it:
// "imported: 1 document, 6 fragments, ..." with "; already here: ..." for
// what the project had, and, when anything was left out, "left out: 3
// pictures, 1 audio source (cmocoder codes text and PDFs only)".
func (r ImportReport) Lines() []string {
	line := "imported: " + r.Added.String()
	if !r.Here.IsZero() {
		var parts []string
		for _, p := range strings.Split(r.Here.String(), ", ") {
			if !strings.HasPrefix(p, "0 ") {
				parts = append(parts, p)
			}
		}
		line += "; already here: " + strings.Join(parts, ", ")
	}
	lines := []string{line}
	if len(r.LeftOut) > 0 {
		lines = append(lines, "left out: "+r.LeftOut.String())
	}
	return lines
}

// ImportFile is ImportREFI for callers that take what was left out as
// warnings: the report's "left out" line is the last.
func (s *Session) ImportFile(ctx context.Context, in *refiqda.Input, warn func(string)) (added, here refiqda.Counts, err error) {
	r, err := s.ImportREFI(ctx, in, warn)
	if err == nil && len(r.LeftOut) > 0 {
		warn("left out: " + r.LeftOut.String())
	}
	return r.Added, r.Here, err
}

// ImportREFI brings what a REFI-QDA file holds into the project: the PDFs
// the file carries (each in its own transaction, as `add` does), then the
// codebook, fragments, CMOCs and programme theories in one transaction
// (refiqda.Import), then the file's users as coders, each recorded
// without changing the session's coder. warn is told, one line each, the
// details of what was left out; the report counts it.
func (s *Session) ImportREFI(ctx context.Context, in *refiqda.Input, warn func(string)) (report ImportReport, err error) {
	im := refiqda.NewImport(in)
	added, here := &report.Added, &report.Here
	if err := s.importSources(ctx, im, in, added, here, warn); err != nil {
		return report, err
	}
	if err := s.readAreaPages(im); err != nil {
		return report, err
	}
	if err := s.Do(im); err != nil {
		if added.Documents > 0 {
			return report, importStopped(in.Name, "", *added, err)
		}
		return report, err
	}
	for _, w := range im.Warnings {
		warn(w)
	}
	report.LeftOut = im.Omitted()
	added.Fragments, added.CMOCs, added.Theories, added.Labels = im.Added.Fragments, im.Added.CMOCs, im.Added.Theories, im.Added.Labels
	here.Fragments, here.CMOCs, here.Theories, here.Labels = im.Here.Fragments, im.Here.CMOCs, im.Here.Theories, im.Here.Labels

	// Coders: the file's users and everyone its coding names. The coders
	// table is written by each transaction for its coder only, so each new
	// name takes one short transaction of its own.
	known, err := s.store.Coders()
	if err != nil {
		return report, err
	}
	isKnown := func(name string) bool {
		return slices.ContainsFunc(known, func(c coding.Coder) bool { return coding.SameName(c.Name, name) })
	}
	for _, name := range append(slices.Clone(im.Users()), im.Coders...) {
		if name = strings.TrimSpace(name); name == "" || isKnown(name) {
			continue
		}
		if err := s.recordCoder(name); err != nil {
			return report, codersStopped(in.Name, name, *added, err)
		}
		known = append(known, coding.Coder{Name: name})
		added.Coders++
	}
	return report, nil
}

// importSources imports the PDFs of the file's PDF sources (a PDF already
// in the project, by SHA-256, is used as it is) and its text sources (see
// importTextSources), tells im which document each became, and warns about
// the sources left out.
func (s *Session) importSources(ctx context.Context, im *refiqda.Import, in *refiqda.Input, added, here *refiqda.Counts, warn func(string)) error {
	var eng *pdfview.Engine
	defer func() {
		if eng != nil {
			eng.Close()
		}
	}()
	pdfs, _ := im.PDFSources() // the sources left out are in the report
	for _, src := range pdfs {
		name := src.DisplayName()
		var data []byte
		ok := false
		if in.Archive != nil {
			var err error
			if data, ok, err = in.Archive.Open(src.Path); err != nil {
				warn(fmt.Sprintf("source %q: %v; skipped", name, err))
				im.Skip(src, "unreadable")
				continue
			}
		}
		if !ok {
			warn(fmt.Sprintf("source %q: its PDF (%s) is not in %s; skipped", name, src.Path, in.Name))
			im.Skip(src, "file not in "+in.Name)
			continue
		}
		var engErr error // no engine: the import stops
		find := func() (coding.Document, bool, error) { return s.byHash(data) }
		err := s.addSource(ctx, im, in, src, find, added, here, warn, func() (coding.Document, []string, error) {
			if eng == nil {
				if eng, engErr = NewEngine(); engErr != nil {
					return coding.Document{}, nil, engErr
				}
			}
			return s.importSourcePDF(ctx, eng, src, data)
		})
		if engErr != nil {
			return engErr
		}
		if err != nil {
			return err
		}
	}
	return s.importTextSources(ctx, im, in, added, here, warn)
}

// importTextSources makes each of the file's text sources a text document
// of its plain text (a text already in the project, by the SHA-256 of its
// UTF-8 bytes or as sameText finds it, is used as it is) and tells im
// which document each became.
func (s *Session) importTextSources(ctx context.Context, im *refiqda.Import, in *refiqda.Input, added, here *refiqda.Counts, warn func(string)) error {
	for _, src := range im.TextSources() {
		name := src.DisplayName()
		text, ok, err := im.Text(src)
		switch {
		case err != nil:
			warn(fmt.Sprintf("source %q: %v; skipped", name, err))
			im.Skip(src, "unreadable")
			continue
		case !ok:
			warn(fmt.Sprintf("source %q: its text (%s) is not in %s; skipped", name, src.Path, in.Name))
			im.Skip(src, "file not in "+in.Name)
			continue
		case strings.TrimSpace(text) == "":
			warn(fmt.Sprintf("source %q: its text (%s) is empty: no text to code; skipped", name, src.Path))
			im.Skip(src, "empty")
			continue
		}
		data := []byte(text)
		find := func() (coding.Document, bool, error) {
			if doc, found, err := s.byHash(data); found || err != nil {
				return doc, found, err
			}
			return s.sameText(src.GUID, text)
		}
		if err := s.addSource(ctx, im, in, src, find, added, here, warn, func() (coding.Document, []string, error) {
			return s.importSourceText(src, data)
		}); err != nil {
			return err
		}
	}
	return nil
}

// byHash finds the document whose file's bytes are data (by SHA-256).
func (s *Session) byHash(data []byte) (coding.Document, bool, error) {
	sum := sha256.Sum256(data)
	return s.store.HasPDF(hex.EncodeToString(sum[:]))
}

// sameText finds the text document a text source is already: the one
// with the source's GUID as ID, else any text document, whose stored text
// is the source's text but for line breaks and page ends (cmocoder's
// export of a text document writes its stored text, not its file, and a
// tool's re-export gives the source a new GUID).
func (s *Session) sameText(guid, text string) (coding.Document, bool, error) {
	if refiqda.ValidGUID(guid) {
		doc, err := s.store.Document(guid)
		switch {
		case coding.IsKind(err, coding.KindNotFound):
		case err != nil:
			return coding.Document{}, false, err
		default:
			if same, err := s.storesText(doc, text); same || err != nil {
				return doc, same, err
			}
		}
	}
	docs, err := s.store.Documents()
	if err != nil {
		return coding.Document{}, false, err
	}
	for _, doc := range docs {
		if doc.ID == guid {
			continue
		}
		if same, err := s.storesText(doc, text); same || err != nil {
			return doc, same, err
		}
	}
	return coding.Document{}, false, nil
}

// storesText reports whether doc is a text document whose stored text is
// text but for line breaks and page ends (refiqda.Align). Its length is
// compared first, so that most documents' texts are not read: a CRLF is
// one character, a page end may add one inside a word.
func (s *Session) storesText(doc coding.Document, text string) (bool, error) {
	if doc.Format == "" || doc.Format == coding.FormatPDF {
		return false, nil
	}
	n := utf8.RuneCountInString(text) - strings.Count(text, "\r\n")
	if doc.Chars < n-1 || doc.Chars > n+doc.Pages {
		return false, nil
	}
	stored, err := s.store.Text(doc.ID)
	if err != nil {
		return false, err
	}
	return refiqda.Align(text, stored.String()) != nil, nil
}

// addSource makes src a document: the one find finds already in the
// project is used as it is, else store adds one. It tells im which
// document src became. A source store cannot add is warned about and left
// out; the error returned stops the import.
func (s *Session) addSource(ctx context.Context, im *refiqda.Import, in *refiqda.Input, src refiqda.Source,
	find func() (coding.Document, bool, error),
	added, here *refiqda.Counts, warn func(string), store func() (coding.Document, []string, error)) error {
	name := src.DisplayName()
	if ctx.Err() != nil {
		return coding.Errorf(coding.KindInvalid, "import", in.Name, "interrupted; %s imported, none of the coding", coding.Count(added.Documents, "document"))
	}
	doc, found, err := find()
	if err != nil {
		return err
	}
	if found {
		here.Documents++
	} else {
		var warnings []string
		doc, warnings, err = store()
		if err != nil {
			if ProjectFault(err) {
				return importStopped(in.Name, name, *added, err)
			}
			warn(fmt.Sprintf("source %q: %v; skipped", name, OneLine(err)))
			im.Skip(src, "unreadable")
			return nil
		}
		for _, w := range warnings {
			warn(fmt.Sprintf("source %q: %s", name, w))
		}
		added.Documents++
	}
	if err := im.AddDocument(src, doc.ID); err != nil {
		warn(fmt.Sprintf("source %q: %v", name, err))
	}
	return nil
}

// importSourceText stores a text source's plain text (UTF-8 bytes) as a
// text document laid out as `add` lays out a .txt, keeping the source's
// GUID as the document's ID (unless a document has it already), its name
// as the title (else the text's first line) and the study characteristics
// its variables hold.
func (s *Session) importSourceText(src refiqda.Source, data []byte) (coding.Document, []string, error) {
	sum := sha256.Sum256(data)
	doc, pages, err := textDocument("import", src.TextFileName(), hex.EncodeToString(sum[:]), data)
	if err != nil {
		return coding.Document{}, nil, err
	}
	if title := src.Title(); title != "" {
		doc.Title = title
	} else if line := firstLine(string(data)); line != "" {
		doc.Title = line
	}
	doc.ID = s.freeID(src.GUID)
	doc.Added = src.Created
	warnings := src.SetStudy(&doc)
	doc, err = s.store.AddDocument(doc, data, pages)
	return doc, append(slices.Clone(doc.Warnings), warnings...), err
}

// firstLine is a text's first line that is not blank, as a title.
func firstLine(text string) string {
	for line := range strings.Lines(text) {
		if t := titleLine(line); t != "" {
			return coding.Clip(t, 80)
		}
	}
	return ""
}

// freeID is a source's GUID as a document's ID when it is one and no
// document has it yet; else "" (the store makes one).
func (s *Session) freeID(guid string) string {
	if !refiqda.ValidGUID(guid) {
		return ""
	}
	if _, err := s.store.Document(guid); coding.IsKind(err, coding.KindNotFound) {
		return guid
	}
	return ""
}

// importSourcePDF imports a source's PDF with cmocoder's own extraction,
// as `add` does, keeping the source's GUID as the document's ID (unless a
// document has it already), its name as the title (unless it is a GUID)
// and the study characteristics its variables hold. The warnings are the
// extraction's and those about source fields left out.
func (s *Session) importSourcePDF(ctx context.Context, eng *pdfview.Engine, src refiqda.Source, data []byte) (coding.Document, []string, error) {
	fileName := src.FileName()
	ex, err := eng.Extract(ctx, data, "")
	if err != nil {
		return coding.Document{}, nil, coding.E(coding.KindInvalid, "import", fileName, err)
	}
	title := src.Title()
	if title == "" {
		title = pdfview.GuessTitle(ex.Info.Title, ex.Pages, fileName)
	}
	doc := coding.Document{ID: s.freeID(src.GUID), FileName: fileName, Title: title, Authors: ex.Info.Authors, Year: ex.Info.Year,
		NeedsOCR: ex.NeedsOCR, Warnings: ex.Warnings, Added: src.Created}
	warnings := src.SetStudy(&doc)
	doc, err = s.store.AddDocument(doc, data, ex.Pages)
	return doc, append(slices.Clone(ex.Warnings), warnings...), err
}
