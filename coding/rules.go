package coding

import (
	"slices"
	"strings"
)

// The rules about what may be named, refined, deleted or read again. Each
// is stated here once: the Changes apply them, storage calls them where it
// writes outside a Change, and the command line and the app show their
// messages.

// NameKey is the key under which label and theory names are unique: the
// name without surrounding space, in lower case, so that "Trust" and
// " trust" are one name. Storage keeps it in a UNIQUE column.
func NameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// SameName reports whether a and b are the same label or theory name.
func SameName(a, b string) bool { return NameKey(a) == NameKey(b) }

// HasName reports whether names holds name, in any case.
func HasName(names []string, name string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return SameName(n, name) })
}

// checkNameFree refuses (KindExists) a name that another label or theory
// than the one with ID self holds already. find is Tx.LabelNamed or
// Tx.TheoryNamed, idOf gives a found one's ID, and taken says why the name
// is refused.
func checkNameFree[T any](find func(string) (T, error), idOf func(T) string, self, op, name, taken string) error {
	other, err := find(name)
	switch {
	case err == nil && idOf(other) != self:
		return Errorf(KindExists, op, name, "%s", taken)
	case err != nil && !IsKind(err, KindNotFound):
		return err
	}
	return nil
}

func labelID(l Label) string   { return l.ID }
func theoryID(t Theory) string { return t.ID }

// CheckDeleteTheory refuses (KindInvalid) to delete a programme theory
// that still holds CMOCs (cmocs of them) or that another theory refines
// (refinedBy is that theory's name, "" when none does): the CMOCs would
// lose their theory and the refinement its origin.
func CheckDeleteTheory(t Theory, cmocs int, refinedBy string) error {
	const op = "delete theory"
	if cmocs > 0 {
		them := "them"
		if cmocs == 1 {
			them = "it"
		}
		return Errorf(KindInvalid, op, t.Name, "the programme theory still holds %s; move or delete %s first", Count(cmocs, "CMOC"), them)
	}
	if refinedBy != "" {
		return Errorf(KindInvalid, op, t.Name, "the programme theory is refined by %q; delete that first", refinedBy)
	}
	return nil
}

// CheckDeleteLabel refuses (KindInvalid) to delete a label that fragments
// or CMOCs carry: deleting it would silently take it off them (merging the
// label into another is the way).
func CheckDeleteLabel(l Label, fragments, cmocs int) error {
	if fragments+cmocs == 0 {
		return nil
	}
	var uses []string
	if fragments > 0 {
		uses = append(uses, Count(fragments, "fragment"))
	}
	if cmocs > 0 {
		uses = append(uses, Count(cmocs, "CMOC"))
	}
	return Errorf(KindInvalid, "delete label", l.Name, "the label is still used by %s; remove it from them first", strings.Join(uses, " and "))
}

// CheckNewText refuses (KindInvalid) to give a document a new text (by
// OCR) once fragments are coded on it: their offsets must never shift.
// coded is how many fragments the document has. Nor does a text document
// get one: its text is the file's own, and OCR reads only PDFs.
func CheckNewText(d Document, coded int) error {
	if !d.IsPDF() {
		return Errorf(KindInvalid, "replace text", "", "document %q is a text document (%s), not a PDF: OCR has nothing to read", d.Title, d.Format)
	}
	if coded > 0 {
		return Errorf(KindInvalid, "replace text", "", "document %q has coded fragments; its text can no longer change", d.Title)
	}
	return nil
}

// WithFragments returns c with those of the fragments ids it does not list
// yet added at the end (a CMOC lists a fragment once: see CMOC.Check), and
// how many were added. c's own list is left as it is.
func (c CMOC) WithFragments(ids ...string) (CMOC, int) {
	out := c
	out.Fragments = slices.Clone(c.Fragments)
	for _, id := range ids {
		if !slices.Contains(out.Fragments, id) {
			out.Fragments = append(out.Fragments, id)
		}
	}
	return out, len(out.Fragments) - len(c.Fragments)
}

// repeated returns the first string that occurs twice in ss.
func repeated(ss []string) (string, bool) {
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		if seen[s] {
			return s, true
		}
		seen[s] = true
	}
	return "", false
}
