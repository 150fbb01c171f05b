package coding

// The merge's rules for the coding itself: fragments and CMOCs, matched by
// ID only, mapped onto our documents, labels and theories (merge.go has the
// table).

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// sameNames reports whether two lists of label names are the same names
// in the same order.
func sameNames(a, b []string) bool { return slices.EqualFunc(a, b, SameName) }

func sameFragment(a, b Fragment) bool {
	return a.DocID == b.DocID && a.Start == b.Start && a.End == b.End && a.Page == b.Page &&
		a.Role == b.Role && a.Valence == b.Valence && sameNames(a.Labels, b.Labels) &&
		a.Coder == b.Coder && a.Memo == b.Memo && a.Text == b.Text &&
		a.Created.Equal(b.Created) && a.Modified.Equal(b.Modified)
}

// aboutFragment says where a fragment is: "Tully et al. 2010, p. 4".
func (m *merger) aboutFragment(f Fragment, theirs bool) string {
	d, ok := m.ourDocs[f.DocID]
	if theirs || !ok {
		if od, ok2 := m.theirDocs[f.DocID]; ok2 {
			d, ok = od, true
		}
	}
	if !ok {
		return fmt.Sprintf("p. %d", f.Page)
	}
	return fmt.Sprintf("%s, p. %d", d.ShortName(), f.Page)
}

func (m *merger) fragments() {
	ours := indexByID(m.ours.Fragments, func(f Fragment) string { return f.ID })
	inOther := map[string]bool{}
	for _, o := range m.theirs.Fragments {
		inOther[o.ID] = true
		if m.badDocs[o.DocID] {
			continue // reported with its document
		}
		about := m.aboutFragment(o, true)
		f, have := ours[o.ID]
		if !have {
			if m.deletedHere(EntityFragment, o.ID, o.Modified, func() string { return about }) {
				continue // already deleted here
			}
		}
		mapped := o
		mapped.DocID = m.docMap[o.DocID]
		if mapped.DocID == "" {
			mapped.DocID = o.DocID
		}
		if !have {
			mapped.Labels = m.mapLabels(o.Labels)
			m.plan.PutFragments = append(m.plan.PutFragments, mapped)
			m.plan.Added.Fragments++
			continue
		}
		mapped.Labels = m.peekLabels(o.Labels)
		f.Labels = m.renamed(f.Labels)
		if sameFragment(f, mapped) {
			continue
		}
		if m.theirsNewer(EntityFragment, f.ID, f.Modified, o.Modified, func() string { return m.aboutFragment(f, false) }) {
			mapped.Labels = m.mapLabels(o.Labels)
			m.plan.PutFragments = append(m.plan.PutFragments, mapped)
			m.plan.Updated.Fragments++
		}
	}
	gone := goneInOther(m, EntityFragment, m.ours.Fragments, inOther, func(f Fragment) (string, time.Time, func() string) {
		return f.ID, f.Modified, func() string { return m.aboutFragment(f, false) }
	})
	m.plan.DeleteFragments, m.plan.Deleted.Fragments = append(m.plan.DeleteFragments, gone...), m.plan.Deleted.Fragments+len(gone)
}

// renamed gives our label names as they will be after the merge's
// renames, so that our codings compare with OTHER's.
func (m *merger) renamed(names []string) []string {
	var out []string
	for _, n := range names {
		if f, ok := m.ourFinal[NameKey(n)]; ok {
			n = f
		}
		out = append(out, n)
	}
	return out
}

// peekLabels maps label names for a comparison, bringing nothing back.
func (m *merger) peekLabels(names []string) []string {
	var out []string
	for _, n := range names {
		if ours, ok := m.labelName[NameKey(n)]; ok {
			out = append(out, ours)
		} else if o, ok := m.heldLabels[NameKey(n)]; ok {
			out = append(out, o.Name)
		} else {
			out = append(out, n)
		}
	}
	return out
}

func sameCMOC(a, b CMOC) bool {
	return a.Statement == b.Statement && a.Narrative == b.Narrative && a.TheoryID == b.TheoryID &&
		slices.Equal(a.Fragments, b.Fragments) && sameNames(a.Labels, b.Labels) &&
		a.Coder == b.Coder && a.Created.Equal(b.Created) && a.Modified.Equal(b.Modified)
}

func aboutCMOC(c CMOC) string {
	s := strings.Join(strings.Fields(c.Statement), " ")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	if s == "" {
		return ""
	}
	return fmt.Sprintf("%q", s)
}

func (m *merger) cmocs() {
	ours := indexByID(m.ours.CMOCs, func(c CMOC) string { return c.ID })
	inOther := map[string]bool{}
	for _, o := range m.theirs.CMOCs {
		inOther[o.ID] = true
		c, have := ours[o.ID]
		if !have {
			if m.deletedHere(EntityCMOC, o.ID, o.Modified, func() string { return aboutCMOC(o) }) {
				continue
			}
			mapped := o
			mapped.Fragments = slices.Clone(o.Fragments)
			mapped.TheoryID = m.mapTheory(o.TheoryID)
			mapped.Labels = m.mapLabels(o.Labels)
			m.plan.PutCMOCs = append(m.plan.PutCMOCs, mapped)
			m.plan.Added.CMOCs++
			continue
		}
		mapped := o
		mapped.Fragments = slices.Clone(o.Fragments)
		mapped.TheoryID = m.peekTheory(o.TheoryID)
		mapped.Labels = m.peekLabels(o.Labels)
		c.Labels = m.renamed(c.Labels)
		if sameCMOC(c, mapped) {
			continue
		}
		if m.theirsNewer(EntityCMOC, c.ID, c.Modified, o.Modified, func() string { return aboutCMOC(c) }) {
			mapped.TheoryID = m.mapTheory(o.TheoryID)
			mapped.Labels = m.mapLabels(o.Labels)
			m.plan.PutCMOCs = append(m.plan.PutCMOCs, mapped)
			m.plan.Updated.CMOCs++
		}
	}
	gone := goneInOther(m, EntityCMOC, m.ours.CMOCs, inOther, func(c CMOC) (string, time.Time, func() string) {
		return c.ID, c.Modified, func() string { return aboutCMOC(c) }
	})
	m.plan.DeleteCMOCs, m.plan.Deleted.CMOCs = append(m.plan.DeleteCMOCs, gone...), m.plan.Deleted.CMOCs+len(gone)
}

// goneInOther gives OTHER's deletions of the things of ours it no longer
// holds (not inOther) that may go here too; deletedInOther decides each.
// thing gives one's ID, last change and description for a conflict.
func goneInOther[T any](m *merger, entity string, ours []T, inOther map[string]bool, thing func(T) (id string, modified time.Time, about func() string)) []Deletion {
	var gone []Deletion
	for _, x := range ours {
		id, modified, about := thing(x)
		if inOther[id] {
			continue
		}
		if d, ok := m.deletedInOther(entity, id, modified, about); ok {
			gone = append(gone, d)
		}
	}
	return gone
}
