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

// ImportFile brings what a REFI-QDA file holds into the project: the PDFs
// the file carries (each in its own transaction, as `add` does), then the
// codebook, fragments, CMOCs and programme theories in one transaction
// (refiqda.Import), then the file's users as coders, each recorded
// without changing the session's coder. warn is told what was left out.
func (s *Session) ImportFile(ctx context.Context, in *refiqda.Input, warn func(string)) (added, here refiqda.Counts, err error) {
	im := refiqda.NewImport(in)
	if err := s.importSources(ctx, im, in, &added, &here, warn); err != nil {
		return added, here, err
	}
	if err := s.Do(im); err != nil {
		if added.Documents > 0 {
			return added, here, fmt.Errorf("%s: %s imported, but none of the coding: %w", in.Name, coding.Count(added.Documents, "document"), err)
		}
		return added, here, err
	}
	for _, w := range im.Warnings {
		warn(w)
	}
	added.Fragments, added.CMOCs, added.Theories, added.Labels = im.Added.Fragments, im.Added.CMOCs, im.Added.Theories, im.Added.Labels
	here.Fragments, here.CMOCs, here.Theories, here.Labels = im.Here.Fragments, im.Here.CMOCs, im.Here.Theories, im.Here.Labels

	// Coders: the file's users and everyone its coding names. The coders
	// table is written by each transaction for its coder only, so each new
	// name takes one short transaction of its own.
	known, err := s.store.Coders()
	if err != nil {
		return added, here, err
	}
	isKnown := func(name string) bool {
		return slices.ContainsFunc(known, func(c coding.Coder) bool { return coding.SameName(c.Name, name) })
	}
	for _, name := range append(slices.Clone(im.Users()), im.Coders...) {
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
	pdfs, skipped := im.PDFSources()
	for _, src := range pdfs {
		name := src.DisplayName()
		var data []byte
		ok := false
		if in.Archive != nil {
			var err error
			if data, ok, err = in.Archive.Open(src.Path); err != nil {
				warn(fmt.Sprintf("source %q: %v; skipped", name, err))
				continue
			}
		}
		if !ok {
			warn(fmt.Sprintf("source %q: its PDF (%s) is not in %s; skipped", name, src.Path, in.Name))
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
	if err := s.importTextSources(ctx, im, in, added, here, warn); err != nil {
		return err
	}
	for _, w := range skipped {
		warn(w)
	}
	return nil
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
			continue
		case !ok:
			warn(fmt.Sprintf("source %q: its text (%s) is not in %s; skipped", name, src.Path, in.Name))
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

// sameText finds the text document a text source is already: the one with
// the source's GUID as ID whose stored text is the source's text but for
// line breaks and page ends (cmocoder's export of a text document writes
// its stored text, not its file).
func (s *Session) sameText(guid, text string) (coding.Document, bool, error) {
	if !refiqda.ValidGUID(guid) {
		return coding.Document{}, false, nil
	}
	doc, err := s.store.Document(guid)
	switch {
	case coding.IsKind(err, coding.KindNotFound):
		return coding.Document{}, false, nil
	case err != nil:
		return coding.Document{}, false, err
	case doc.Format == "" || doc.Format == coding.FormatPDF:
		return coding.Document{}, false, nil
	}
	stored, err := s.store.Text(guid)
	if err != nil {
		return coding.Document{}, false, err
	}
	return doc, refiqda.Align(text, stored.String()) != nil, nil
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
			if coding.IsKind(err, coding.KindBusy) || coding.IsKind(err, coding.KindDamaged) {
				return err
			}
			warn(fmt.Sprintf("source %q: %v; skipped", name, OneLine(err)))
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
