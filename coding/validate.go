package coding

import (
	"strings"
	"unicode"
)

// CheckSpan reports whether [start, end) is a non-empty span of t that
// holds more than white space.
func CheckSpan(t *Text, start, end int) error {
	const op = "check span"
	switch {
	case start < 0 || end < 0:
		return Errorf(KindInvalid, op, "", "offsets %d-%d: offsets cannot be negative", start, end)
	case start >= end:
		return Errorf(KindInvalid, op, "", "offsets %d-%d: the start must be before the end", start, end)
	case end > t.Len():
		return Errorf(KindInvalid, op, "", "offsets %d-%d: past the end of the text (%d code points)", start, end, t.Len())
	}
	if strings.TrimFunc(t.Slice(start, end), func(r rune) bool { return unicode.IsSpace(r) }) == "" {
		return Errorf(KindInvalid, op, "", "offsets %d-%d: the span holds only white space", start, end)
	}
	return nil
}

// Check validates a fragment's own fields (not its span: see CheckSpan).
func (f *Fragment) Check() error {
	const op = "check fragment"
	if f.DocID == "" {
		return Errorf(KindInvalid, op, f.ID, "no document")
	}
	if !f.Role.Valid() {
		return Errorf(KindInvalid, op, f.ID, "unknown role %q (want context, resource, reasoning, outcome or unclassified)", f.Role)
	}
	if !f.Valence.Valid() {
		return Errorf(KindInvalid, op, f.ID, "unknown valence %q (want +, - or none)", f.Valence)
	}
	for _, l := range f.Labels {
		if strings.TrimSpace(l) == "" {
			return Errorf(KindInvalid, op, f.ID, "empty label name")
		}
	}
	return nil
}

// Check validates a CMOC's own fields. That its fragments exist is checked
// by the Change that stores it.
func (c *CMOC) Check() error {
	const op = "check CMOC"
	if len(c.Fragments) == 0 {
		return Errorf(KindInvalid, op, c.ID, "a CMOC needs at least one fragment")
	}
	if id, ok := repeated(c.Fragments); ok {
		return Errorf(KindInvalid, op, c.ID, "fragment %s is listed twice", id)
	}
	return nil
}

// Check validates a theory's own fields.
func (t *Theory) Check() error {
	const op = "check theory"
	if strings.TrimSpace(t.Name) == "" {
		return Errorf(KindInvalid, op, t.ID, "a programme theory needs a name")
	}
	if t.Kind != Initial && t.Kind != Refined {
		return Errorf(KindInvalid, op, t.Name, "unknown kind %q (want initial or refined)", t.Kind)
	}
	if t.Refines != "" && t.Kind != Refined {
		return Errorf(KindInvalid, op, t.Name, "only a refined theory can refine another")
	}
	if t.Refines != "" && t.Refines == t.ID {
		return Errorf(KindInvalid, op, t.Name, "a programme theory cannot refine itself")
	}
	return nil
}

// Check validates a label's own fields.
func (l *Label) Check() error {
	if strings.TrimSpace(l.Name) == "" {
		return Errorf(KindInvalid, "check label", l.ID, "a label needs a name")
	}
	if l.Colour != "" && !isColour(l.Colour) {
		return Errorf(KindInvalid, "check label", l.Name, "colour %q is not #rrggbb", l.Colour)
	}
	return nil
}

func isColour(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// NormaliseLabels trims label names and drops empty and repeated ones
// (case-insensitively), keeping the first spelling.
func NormaliseLabels(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		k := NameKey(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}
