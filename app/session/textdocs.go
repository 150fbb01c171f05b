package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cmocoder.org/cmocoder/coding"
	"cmocoder.org/cmocoder/textdoc"
)

// Addable reports whether add takes a file by its name: a PDF or a text
// document (textdoc.Supported).
func Addable(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".pdf") || textdoc.Supported(name)
}

// AddablePatterns are the file name patterns of the files add takes, in
// lower and upper case, for the desktop's file dialogs: "*.pdf", "*.PDF", …
func AddablePatterns() []string {
	var out []string
	for _, e := range append([]string{".pdf"}, textdoc.Extensions()...) {
		out = append(out, "*"+e, "*"+strings.ToUpper(e))
	}
	return out
}

// IsTextName reports whether a file's name says a text document (its
// bytes may still be a PDF's: IsTextDocument decides).
func IsTextName(name string) bool { return textdoc.Supported(name) }

// IsTextDocument reports whether a file is read as a text document rather
// than a PDF: its name says a text format (or .doc, which textdoc refuses
// with what to do) and its bytes are not a PDF's, since a PDF saved under
// another name is still best read as the PDF it is.
func IsTextDocument(name string, data []byte) bool {
	if !IsTextName(name) && !strings.EqualFold(filepath.Ext(name), ".doc") {
		return false
	}
	return !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

// checkTextSize refuses a text document larger than textdoc reads before
// its bytes are read into memory (a 200 MB web page, say).
func checkTextSize(path string) error {
	name := filepath.Base(path)
	if !textdoc.Supported(name) {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return coding.E(coding.KindNotFound, "add", path, coding.PathCause(err))
	}
	if fi.Size() > textdoc.MaxInput {
		return coding.Errorf(coding.KindInvalid, "add", name, "too large: %d MB; text documents over %d MB are not read",
			fi.Size()>>20, textdoc.MaxInput>>20)
	}
	return nil
}

// textDocument reads a text document's bytes (see textdoc.Read) and lays
// it out on pages with one box per code point, so that it is stored and
// coded as a PDF is; data are kept as its original file.
func textDocument(op, name, sha string, data []byte) (coding.Document, []coding.Page, error) {
	d, err := textdoc.Read(name, data)
	if err != nil {
		return coding.Document{}, nil, coding.E(coding.KindInvalid, op, name, err)
	}
	if strings.TrimSpace(d.Text()) == "" {
		return coding.Document{}, nil, coding.Errorf(coding.KindInvalid, op, name, "no text to code: the document is empty")
	}
	doc := coding.Document{
		FileName:   name,
		Title:      textTitle(d, name),
		SHA256:     sha,
		Format:     string(d.Format),
		Encoding:   d.Encoding,
		LineEnding: d.LineEnding,
	}
	// Plain text and Markdown fall back to Windows-1252 when the bytes are
	// not UTF-8 (RTF and HTML say their code page).
	if (d.Format == textdoc.Plain || d.Format == textdoc.Markdown) && d.Encoding == "Windows-1252" {
		doc.Warnings = append(doc.Warnings, "not UTF-8: read as Windows-1252; check its accented letters")
	}
	return doc, textdoc.Lay(d).CodingPages(), nil
}

// TextDocumentPages reads a text document (not in a project, as extract
// does) and lays it out: its pages with their text and boxes.
func TextDocumentPages(name string, data []byte) ([]coding.Page, error) {
	_, pages, err := textDocument("extract", name, "", data)
	return pages, err
}

// TextPages lays out a stored text document again from its original file
// (deterministic: the same pages, with the fonts of each run that Render
// needs), for drawing. The file is read as its recorded Format says, not
// as its name does, so a source whose file is its text alone (as a
// REFI-QDA TextSource brings it: Format "txt", UTF-8 bytes) is drawn
// whatever it was called. It fails if the layout's text is not the stored
// text, as offsets would then point elsewhere.
func TextPages(doc coding.Document, data []byte, stored *coding.Text) ([]textdoc.Page, error) {
	d, err := textdoc.Read("document."+doc.Format, data)
	if err != nil {
		return nil, fmt.Errorf("read %s again: %w", doc.FileName, err)
	}
	l := textdoc.Lay(d)
	if stored != nil && l.Text() != stored.String() {
		return nil, fmt.Errorf("%s: its layout today differs from the one stored", doc.FileName)
	}
	return l.Pages, nil
}

// maxTitle is the longest title taken from a document's contents.
const maxTitle = 300

// textTitle is the title a text document gives itself, else its first
// heading, else its file name without the extension.
func textTitle(d *textdoc.Doc, name string) string {
	if t := titleLine(d.Title); t != "" {
		return t
	}
	for _, b := range d.Blocks {
		if b.Kind == textdoc.Heading {
			if t := titleLine(b.Text); t != "" {
				return t
			}
		}
	}
	return strings.TrimSuffix(name, filepath.Ext(name))
}

// titleLine collapses white space and cuts a title that runs on.
func titleLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxTitle {
		s = string(r[:maxTitle-1]) + "…"
	}
	return s
}
