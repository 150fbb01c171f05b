package coding

import (
	"fmt"
	"strings"
)

// Lookup is what a description looks up: the project as it is before the
// change. Every Reader and every Tx satisfy it.
type Lookup interface {
	Document(id string) (Document, error)
	Text(docID string) (*Text, error)
	Fragment(id string) (Fragment, error)
	CMOC(id string) (CMOC, error)
}

// Describer is a Change that says itself what it does; changes made
// outside this package implement it to be named in the undo menu.
type Describer interface {
	Describe() string
}

// Describe says for people what c does, in the words of an undo menu:
// "code Outcome on p. 3", "set valence + on Context on p. 2", "delete
// CMOC “Leaders who listen…”". r is the project before c is applied; it
// gives what the change itself does not carry (the page of a new span,
// the role of a fragment deleted by ID). With a nil r, or when a lookup
// fails, the description says less but is still a sentence.
func Describe(c Change, r Lookup) string {
	switch c := c.(type) {
	case Describer:
		return c.Describe()
	case AddFragment:
		f := c.Fragment
		if f.Page == 0 {
			f.Page = pageOf(r, f.DocID, f.Start)
		}
		return "code " + fragmentName(f)
	case EditFragment:
		return describeEdit(c.Fragment, r)
	case DeleteFragment:
		if f, ok := lookupFragment(r, c.ID); ok {
			return "delete " + fragmentName(f)
		}
		return "delete a fragment"
	case AddCMOC:
		return "new CMOC " + quoteClip(c.CMOC.Statement)
	case EditCMOC:
		return "edit CMOC " + quoteClip(c.CMOC.Statement)
	case DeleteCMOC:
		return lookedUp(r, func(r Lookup) (string, error) {
			cm, err := r.CMOC(c.ID)
			return "delete CMOC " + quoteClip(cm.Statement), err
		}, "delete a CMOC")
	case PutTheory:
		return "save programme theory " + quoteClip(c.Theory.Name)
	case DeleteTheory:
		return "delete a programme theory"
	case PutLabel:
		return "save label " + quoteClip(c.Label.Name)
	case DeleteLabel:
		return "delete a label"
	case RenameLabel:
		return fmt.Sprintf("rename label %s to %s", quoteClip(c.Label), quoteClip(c.Name))
	case MergeLabels:
		return fmt.Sprintf("merge label %s into %s", quoteClip(c.Drop), quoteClip(c.Keep))
	case EditSource:
		return lookedUp(r, func(r Lookup) (string, error) {
			d, err := r.Document(c.DocID)
			return "edit the source details of " + quoteClip(d.Title), err
		}, "edit a source's details")
	case undoSource:
		return "restore the source details of " + quoteClip(c.title)
	case Batch:
		return describeBatch(c, r)
	}
	return "change"
}

// describeBatch names a batch by its first change, and counts the rest.
func describeBatch(b Batch, r Lookup) string {
	switch len(b) {
	case 0:
		return "nothing"
	case 1:
		return Describe(b[0], r)
	case 2:
		return Describe(b[0], r) + " and 1 more change"
	}
	return fmt.Sprintf("%s and %d more changes", Describe(b[0], r), len(b)-1)
}

// describeEdit names what an edit changes of the fragment as it was:
// "set valence − on Outcome on p. 3", "add label “Trust” to …".
func describeEdit(f Fragment, r Lookup) string {
	old, ok := lookupFragment(r, f.ID)
	if !ok {
		return "edit " + fragmentName(f)
	}
	name := fragmentName(old)
	var what []string
	if f.Role != old.Role {
		what = append(what, fmt.Sprintf("recode %s as %s", name, f.Role.Title()))
	}
	if f.Valence != old.Valence {
		what = append(what, fmt.Sprintf("set valence %s on %s", valenceWord(f.Valence), name))
	}
	if !sameLabels(f.Labels, old.Labels) {
		what = append(what, labelChange(old.Labels, f.Labels, name))
	}
	if f.Memo != old.Memo {
		what = append(what, "edit the memo of "+name)
	}
	if f.Start != old.Start || f.End != old.End {
		what = append(what, "move "+name)
	}
	if len(what) == 1 {
		return what[0]
	}
	return "edit " + name
}

// labelChange says which labels an edit adds or removes.
func labelChange(before, after []string, name string) string {
	var added, removed []string
	for _, l := range after {
		if !HasName(before, l) {
			added = append(added, l)
		}
	}
	for _, l := range before {
		if !HasName(after, l) {
			removed = append(removed, l)
		}
	}
	switch {
	case len(added) == 1 && len(removed) == 0:
		return fmt.Sprintf("add label %s to %s", quoteClip(added[0]), name)
	case len(removed) == 1 && len(added) == 0:
		return fmt.Sprintf("remove label %s from %s", quoteClip(removed[0]), name)
	}
	return "change the labels of " + name
}

func sameLabels(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, l := range a {
		if !HasName(b, l) {
			return false
		}
	}
	return true
}

// fragmentName is a fragment as a person finds it again: its role and
// page, "Outcome on p. 3".
func fragmentName(f Fragment) string {
	role := f.Role.Title()
	if role == "" {
		role = "a fragment"
	}
	if f.Page > 0 {
		return fmt.Sprintf("%s on p. %d", role, f.Page)
	}
	return role
}

func valenceWord(v Valence) string {
	if s := v.Sign(); s != "" {
		return s
	}
	return "none"
}

// lookedUp is the description say makes from r, or otherwise when there
// is no r or the lookup fails.
func lookedUp(r Lookup, say func(Lookup) (string, error), otherwise string) string {
	if r == nil {
		return otherwise
	}
	if s, err := say(r); err == nil {
		return s
	}
	return otherwise
}

func lookupFragment(r Lookup, id string) (Fragment, bool) {
	if r == nil {
		return Fragment{}, false
	}
	f, err := r.Fragment(id)
	return f, err == nil
}

// pageOf is the page offset off of a document starts on, 0 when unknown.
func pageOf(r Lookup, docID string, off int) int {
	if r == nil {
		return 0
	}
	t, err := r.Text(docID)
	if err != nil || t == nil {
		return 0
	}
	return t.PageAt(off)
}

// quoteClip quotes s for a menu, shortened to its first whole words.
func quoteClip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 32 {
		s = string(r[:31])
		if i := strings.LastIndexByte(s, ' '); i > 16 {
			s = s[:i]
		}
		s += "…"
	}
	return "“" + s + "”"
}
