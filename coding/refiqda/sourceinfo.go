package refiqda

// What the export says about each source beyond its text: who brought it
// in (creatingUser) and, for a text document, what its file was.

import (
	"strings"

	"cmocoder.org/cmocoder/coding"
)

// sourceUser is the User GUID written as every source's creatingUser: the
// project's creator, else its first user. cmocoder does not record who
// added each document; "" when the project has no users.
func (b *builder) sourceUser(users []xUser) string {
	if u := b.user(b.p.CreatedBy); u != "" {
		return u
	}
	if len(users) > 0 {
		return users[0].GUID
	}
	return ""
}

// sourceDescription is a source's Description: the document's citation
// and, for a text document, its original file's format, character
// encoding and line endings, which the text written (UTF-8, LF line
// breaks) no longer shows. The XSD allows free text there and no
// attribute for either.
func sourceDescription(d coding.Document) string {
	var parts []string
	if c := strings.TrimSpace(d.Citation); c != "" {
		parts = append(parts, c)
	}
	if d.IsPDF() {
		return strings.Join(parts, "\n\n")
	}
	var file []string
	if d.Format != "" {
		file = append(file, "Original file: "+strings.ToUpper(d.Format)+".")
	}
	if d.Encoding != "" {
		file = append(file, "Character encoding: "+d.Encoding+".")
	}
	if d.LineEnding != "" {
		file = append(file, "Line endings: "+d.LineEnding+" (LF in this text).")
	}
	if len(file) > 0 {
		parts = append(parts, strings.Join(file, " "))
	}
	return strings.Join(parts, "\n\n")
}
