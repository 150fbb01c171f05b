package coding

// The merge's rules for the codebook: labels and programme theories, matched
// by ID then by name, held back when deleted here, deleted when OTHER
// deleted them and nothing merged still uses them (merge.go has the table).

import (
	"fmt"
	"slices"
	"strings"
)

func sameLabel(a, b Label) bool {
	return a.Name == b.Name && a.Definition == b.Definition && strings.EqualFold(a.Colour, b.Colour)
}

func (m *merger) labels() {
	byID := map[string]Label{}
	byName := map[string]Label{}
	final := map[string]string{} // NameKey(final name) -> our label ID holding it
	for _, l := range m.ours.Labels {
		byID[l.ID] = l
		byName[NameKey(l.Name)] = l
		final[NameKey(l.Name)] = l.ID
	}
	claimed := map[string]bool{}
	var unmatched []Label
	type pair struct{ our, their Label }
	var matched []pair
	// By ID first, so that a label renamed in one copy is still itself.
	for _, o := range m.theirs.Labels {
		if l, ok := byID[o.ID]; ok {
			claimed[l.ID] = true
			matched = append(matched, pair{l, o})
		} else {
			unmatched = append(unmatched, o)
		}
	}
	var added []Label
	for _, o := range unmatched {
		if l, ok := byName[NameKey(o.Name)]; ok {
			if claimed[l.ID] {
				// Another of OTHER's labels is this one by ID: OTHER's
				// codings of this name join it.
				m.labelName[NameKey(o.Name)] = l.ID
				continue
			}
			claimed[l.ID] = true
			matched = append(matched, pair{l, o})
			continue
		}
		added = append(added, o)
	}
	names := map[string]string{} // our label ID -> final name
	for _, l := range m.ours.Labels {
		names[l.ID] = l.Name
	}
	for id := range claimed {
		m.matched[id] = true
	}
	for _, p := range matched {
		m.labelName[NameKey(p.their.Name)] = p.our.ID
		if sameLabel(p.our, p.their) {
			continue
		}
		about := fmt.Sprintf("%q", p.our.Name)
		switch {
		case p.their.Modified.After(p.our.Modified):
			if holder, ok := final[NameKey(p.their.Name)]; ok && holder != p.our.ID {
				m.conflict(EntityLabel, p.our.ID, about, "renamed %q in OTHER, but another label here has that name; kept ours", p.their.Name)
				continue
			}
			delete(final, NameKey(p.our.Name))
			final[NameKey(p.their.Name)] = p.our.ID
			l := p.their
			l.ID = p.our.ID
			names[l.ID] = l.Name
			m.plan.UpdateLabels = append(m.plan.UpdateLabels, l)
			m.plan.Updated.Labels++
		case p.our.Modified.After(p.their.Modified):
		default:
			m.conflict(EntityLabel, p.our.ID, about, "changed in both at the same time; kept ours")
		}
	}
	for _, o := range added {
		if d, ok := m.ourDeleted[delKey(EntityLabel, o.ID)]; ok {
			// Deleted here: held back; heldBack decides.
			_ = d
			m.heldLabels[NameKey(o.Name)] = o
			continue
		}
		if holder, ok := final[NameKey(o.Name)]; ok {
			// A rename above took its name: it joins that label.
			m.labelName[NameKey(o.Name)] = holder
			continue
		}
		final[NameKey(o.Name)] = o.ID
		names[o.ID] = o.Name
		m.labelName[NameKey(o.Name)] = o.ID
		m.plan.AddLabels = append(m.plan.AddLabels, o)
		m.plan.Added.Labels++
	}
	// labelName maps to IDs so far; turn them into final names.
	for k, id := range m.labelName {
		m.labelName[k] = names[id]
	}
	for _, l := range m.ours.Labels {
		m.ourFinal[NameKey(l.Name)] = names[l.ID]
	}
}

// mapLabels turns OTHER's label names into ours. A name of a label held
// back (deleted here) brings that label back, as the coding needs it.
func (m *merger) mapLabels(names []string) []string {
	var out []string
	for _, n := range names {
		if o, ok := m.heldLabels[NameKey(n)]; ok {
			delete(m.heldLabels, NameKey(n))
			m.plan.AddLabels = append(m.plan.AddLabels, o)
			m.plan.Added.Labels++
			m.labelName[NameKey(n)] = o.Name
		}
		if ours, ok := m.labelName[NameKey(n)]; ok {
			out = append(out, ours)
		} else {
			out = append(out, n) // not in OTHER's codebook: storage refuses it
		}
	}
	return out
}

func sameTheory(a, b Theory) bool {
	return a.Name == b.Name && a.Description == b.Description && a.Kind == b.Kind &&
		a.Refines == b.Refines && a.Statement == b.Statement && a.Position == b.Position
}

func (m *merger) theories() {
	byID := map[string]Theory{}
	byName := map[string]Theory{}
	final := map[string]string{}
	for _, t := range m.ours.Theories {
		byID[t.ID] = t
		byName[NameKey(t.Name)] = t
		final[NameKey(t.Name)] = t.ID
	}
	claimed := map[string]bool{}
	type pair struct{ our, their Theory }
	var matched []pair
	var unmatched, added []Theory
	for _, o := range m.theirs.Theories {
		if t, ok := byID[o.ID]; ok {
			claimed[t.ID] = true
			m.theoryMap[o.ID] = t.ID
			matched = append(matched, pair{t, o})
		} else {
			unmatched = append(unmatched, o)
		}
	}
	for _, o := range unmatched {
		if t, ok := byName[NameKey(o.Name)]; ok {
			m.theoryMap[o.ID] = t.ID
			if !claimed[t.ID] {
				claimed[t.ID] = true
				matched = append(matched, pair{t, o})
			}
			continue
		}
		added = append(added, o)
	}
	// Added theories keep their IDs; held ones too, if they come back.
	for _, o := range added {
		if _, ok := m.ourDeleted[delKey(EntityTheory, o.ID)]; ok {
			m.heldTheories[o.ID] = o
			m.theoryMap[o.ID] = o.ID
			continue
		}
		if holder, ok := final[NameKey(o.Name)]; ok {
			m.theoryMap[o.ID] = holder
			continue
		}
		final[NameKey(o.Name)] = o.ID
		m.theoryMap[o.ID] = o.ID
		m.plan.AddTheories = append(m.plan.AddTheories, o)
		m.plan.Added.Theories++
	}
	for _, p := range matched {
		their := p.their
		their.Refines = m.mapTheory(their.Refines)
		if sameTheory(p.our, their) {
			continue
		}
		about := fmt.Sprintf("%q", p.our.Name)
		switch {
		case their.Modified.After(p.our.Modified):
			if holder, ok := final[NameKey(their.Name)]; ok && holder != p.our.ID {
				m.conflict(EntityTheory, p.our.ID, about, "renamed %q in OTHER, but another programme theory here has that name; kept ours", their.Name)
				continue
			}
			if their.Refines == p.our.ID {
				m.conflict(EntityTheory, p.our.ID, about, "would refine itself after the merge; kept ours")
				continue
			}
			delete(final, NameKey(p.our.Name))
			final[NameKey(their.Name)] = p.our.ID
			their.ID = p.our.ID
			m.plan.UpdateTheories = append(m.plan.UpdateTheories, their)
			m.plan.Updated.Theories++
		case p.our.Modified.After(their.Modified):
		default:
			m.conflict(EntityTheory, p.our.ID, about, "changed in both at the same time; kept ours")
		}
	}
	for i := range m.plan.AddTheories {
		m.plan.AddTheories[i].Refines = m.mapTheory(m.plan.AddTheories[i].Refines)
	}
	for _, ours := range m.theoryMap {
		m.matched[ours] = true
	}
}

// mapTheory turns OTHER's theory ID into ours; a theory held back (deleted
// here) comes back when something merged needs it.
func (m *merger) mapTheory(id string) string {
	if id == "" {
		return ""
	}
	if o, ok := m.heldTheories[id]; ok {
		delete(m.heldTheories, id)
		o.Refines = m.mapTheory(o.Refines)
		m.plan.AddTheories = append(m.plan.AddTheories, o)
		m.plan.Added.Theories++
	}
	if t, ok := m.theoryMap[id]; ok {
		return t
	}
	return id
}

func (m *merger) peekTheory(id string) string {
	if t, ok := m.theoryMap[id]; ok {
		return t
	}
	return id
}

// heldBack reports the labels and theories we deleted that OTHER changed
// after our deletion and nothing merged needed (those needed came back).
func (m *merger) heldBack() {
	for _, o := range m.theirs.Labels {
		if _, ok := m.heldLabels[NameKey(o.Name)]; !ok {
			continue
		}
		m.deletedHere(EntityLabel, o.ID, o.Modified, func() string { return fmt.Sprintf("%q", o.Name) })
	}
	for _, o := range m.theirs.Theories {
		if _, ok := m.heldTheories[o.ID]; !ok {
			continue
		}
		m.deletedHere(EntityTheory, o.ID, o.Modified, func() string { return fmt.Sprintf("%q", o.Name) })
	}
	// A theory added must come after the theory it refines.
	m.plan.AddTheories = orderTheories(m.plan.AddTheories)
}

// orderTheories puts each theory after the one it refines, when both are
// in the list; otherwise it keeps the order.
func orderTheories(ts []Theory) []Theory {
	in := map[string]bool{}
	for _, t := range ts {
		in[t.ID] = true
	}
	done := map[string]bool{}
	var out []Theory
	for len(out) < len(ts) {
		progress := false
		for _, t := range ts {
			if done[t.ID] || (t.Refines != "" && in[t.Refines] && !done[t.Refines]) {
				continue
			}
			done[t.ID] = true
			out = append(out, t)
			progress = true
		}
		if !progress { // a cycle: keep the rest as they are; storage refuses it
			for _, t := range ts {
				if !done[t.ID] {
					out = append(out, t)
				}
			}
			break
		}
	}
	return out
}

// carryDeletions deletes our labels and theories that OTHER deleted after
// our last change to them, when nothing left after the merge uses them.
func (m *merger) carryDeletions() {
	inOther := m.matched
	// What remains after the merge: our fragments and CMOCs, less the
	// deleted ones, plus those put.
	goneF, goneC := map[string]bool{}, map[string]bool{}
	for _, d := range m.plan.DeleteFragments {
		goneF[d.ID] = true
	}
	for _, d := range m.plan.DeleteCMOCs {
		goneC[d.ID] = true
	}
	usedLabels, usedTheories := map[string]bool{}, map[string]bool{}
	put := map[string]bool{}
	for _, f := range m.plan.PutFragments {
		put[f.ID] = true
		for _, l := range f.Labels {
			usedLabels[NameKey(l)] = true
		}
	}
	for _, f := range m.ours.Fragments {
		if !goneF[f.ID] && !put[f.ID] {
			for _, l := range f.Labels {
				usedLabels[NameKey(l)] = true
			}
		}
	}
	for _, c := range m.plan.PutCMOCs {
		put[c.ID] = true
		usedTheories[c.TheoryID] = true
		for _, l := range c.Labels {
			usedLabels[NameKey(l)] = true
		}
	}
	for _, c := range m.ours.CMOCs {
		if !goneC[c.ID] && !put[c.ID] {
			usedTheories[c.TheoryID] = true
			for _, l := range c.Labels {
				usedLabels[NameKey(l)] = true
			}
		}
	}
	for _, t := range m.ours.Theories {
		usedTheories[t.Refines] = true
	}
	for _, t := range append(slices.Clone(m.plan.UpdateTheories), m.plan.AddTheories...) {
		usedTheories[t.Refines] = true
	}
	renamed := map[string]string{}
	for _, l := range m.plan.UpdateLabels {
		renamed[l.ID] = l.Name
	}
	for _, l := range m.ours.Labels {
		if inOther[l.ID] {
			continue
		}
		d, ok := m.deletedInOther(EntityLabel, l.ID, l.Modified, func() string { return fmt.Sprintf("%q", l.Name) })
		if !ok {
			continue
		}
		name := l.Name
		if n, ok := renamed[l.ID]; ok {
			name = n
		}
		if usedLabels[NameKey(name)] {
			// Still carried by coding here: kept, silently (the
			// codings are work that must not be lost).
			continue
		}
		m.plan.DeleteLabels = append(m.plan.DeleteLabels, d)
		m.plan.Deleted.Labels++
	}
	for _, t := range m.ours.Theories {
		if inOther[t.ID] {
			continue
		}
		if d, ok := m.deletedInOther(EntityTheory, t.ID, t.Modified, func() string { return fmt.Sprintf("%q", t.Name) }); ok && !usedTheories[t.ID] {
			m.plan.DeleteTheories = append(m.plan.DeleteTheories, d)
			m.plan.Deleted.Theories++
		}
	}
}
