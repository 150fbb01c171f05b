package refiqda

// One passage, many codes; a passage already here. Other tools code a
// passage with several codes as several selections of the same span
// (NVivo for Windows: one a code), and re-export a project with new GUIDs
// (QualCoder): passages merges the first, samePassage and freeID tell the
// second from a new passage.

import (
	"slices"
	"strconv"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// passage is what a source's selections of one span by one coder say: all
// their codes, their memos, the first's GUID.
type passage struct {
	id                string
	start, end        int
	coder             string
	codes             []string // code GUIDs, in order, without repeats
	memo              []string // the memo's parts, each once
	created, modified time.Time
}

// passages merges the selections of a source that have the same offsets
// and coder into one passage (in the order of the first of each): one
// fragment per role carries all their codes. The coder is part of the
// span's identity, as two reviewers' codings of a passage are what
// agreement compares. cmocoder's own export is not merged: each of its
// selections is a fragment with all its labels already, and two
// fragments of one span keep their own.
func (im *Import) passages(tx coding.Tx, src Source) []passage {
	type key struct {
		start, end int
		coder      string
		own        int // the selection's index in cmocoder's export
	}
	var out []passage
	at := map[key]int{}
	for i, sel := range src.Text.Selections {
		coder := im.coder(tx, sel.CreatingUser, sel.CodingUser)
		k := key{sel.Start, sel.End, coding.NameKey(coder), 0}
		if im.cmocoder {
			k.own = i
		}
		created := firstTime(sel.Created, sel.CodingTime)
		i, ok := at[k]
		if !ok {
			id := sel.GUID
			if id == "" {
				id = GUID(src.GUID + "/" + strconv.Itoa(sel.Start) + "-" + strconv.Itoa(sel.End))
			}
			at[k] = len(out)
			out = append(out, passage{id: id, start: sel.Start, end: sel.End, coder: coder, codes: slices.Clone(sel.Codes),
				memo: im.memo(sel), created: created, modified: firstTime(sel.Modified, created)})
			continue
		}
		p := &out[i]
		for _, c := range sel.Codes {
			if !slices.Contains(p.codes, c) {
				p.codes = append(p.codes, c)
			}
		}
		for _, m := range im.memo(sel) {
			p.memo = addMemo(p.memo, m)
		}
		if !created.IsZero() && (p.created.IsZero() || created.Before(p.created)) {
			p.created = created
		}
		if m := firstTime(sel.Modified, created); m.After(p.modified) {
			p.modified = m
		}
	}
	return out
}

// samePassage reports whether a fragment the project has is the one an
// import brings: the same document, span, role, labels (any order and
// case) and coder, whatever the IDs (a re-export gives new GUIDs).
func samePassage(have, f coding.Fragment) bool {
	if have.DocID != f.DocID || have.Start != f.Start || have.End != f.End || have.Role != f.Role ||
		!coding.SameName(have.Coder, f.Coder) || len(have.Labels) != len(f.Labels) {
		return false
	}
	for _, l := range f.Labels {
		if !coding.HasName(have.Labels, l) {
			return false
		}
	}
	return true
}

// freeID is the ID a new fragment f takes: id when no fragment has it.
// When one has, it is the same passage (here: the document, span and role
// of f, its labels or coder changed since) or another that reuses the
// GUID (moved: f takes a new ID made from id and its span).
func freeID(tx coding.Tx, f coding.Fragment, id string) (free string, here, moved bool, err error) {
	for n := 0; ; n++ {
		ex, err := tx.Fragment(id)
		switch {
		case coding.IsKind(err, coding.KindNotFound):
			return id, false, n > 0, nil
		case err != nil:
			return "", false, false, err
		case n == 0 && ex.DocID == f.DocID && ex.Start == f.Start && ex.End == f.End && ex.Role == f.Role:
			return id, true, false, nil
		}
		id = GUID(id + "/" + f.DocID + "/" + strconv.Itoa(f.Start) + "-" + strconv.Itoa(f.End) + "/" + strconv.Itoa(n))
	}
}

// fragmentID is the ID of the fragment of a passage's i-th role: the
// passage's, and for the second role and after one made from it.
func fragmentID(id string, i int, r roleOf) string {
	if i == 0 {
		return id
	}
	return GUID(id + "/" + string(r.role))
}

// importedBefore counts the fragments of a passage's roles that the
// document has by their IDs.
func importedBefore(tx coding.Tx, docID, id string, roles []roleOf) (int, error) {
	n := 0
	for i, r := range roles {
		f, err := tx.Fragment(fragmentID(id, i, r))
		switch {
		case coding.IsKind(err, coding.KindNotFound):
		case err != nil:
			return 0, err
		case f.DocID == docID:
			n++
		}
	}
	return n, nil
}
