// Package codingtest holds a project in memory, for the tests of the
// domain's changes (coding) and of the REFI-QDA mapping (coding/refiqda):
// a coding.Tx without SQLite that behaves as storage does where a test can
// tell (names compared in any case, a renamed label followed by its
// codings, lists in a stable order).
package codingtest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"cmocoder.org/cmocoder/coding"
)

// MemTx is a project in memory: one map per kind of thing, by ID.
type MemTx struct {
	Time      time.Time // what Now gives
	CoderName string    // what Coder gives

	Docs     map[string]coding.Document
	Texts    map[string]*coding.Text
	Frags    map[string]coding.Fragment
	CMOCs    map[string]coding.CMOC
	Theories map[string]coding.Theory
	Codebook map[string]coding.Label
}

var _ coding.Tx = (*MemTx)(nil)

// NewMemTx is an empty project whose changes are made by "ana" at noon on
// 23 November 2026.
func NewMemTx() *MemTx {
	return &MemTx{
		Time:      time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		CoderName: "ana",
		Docs:      map[string]coding.Document{},
		Texts:     map[string]*coding.Text{},
		Frags:     map[string]coding.Fragment{},
		CMOCs:     map[string]coding.CMOC{},
		Theories:  map[string]coding.Theory{},
		Codebook:  map[string]coding.Label{},
	}
}

// AddDoc adds a document of the given pages' text.
func (m *MemTx) AddDoc(id string, pages ...string) {
	var ps []coding.Page
	for i, p := range pages {
		ps = append(ps, coding.Page{Number: i + 1, Text: p})
	}
	t := coding.NewText(ps)
	m.Docs[id] = coding.Document{ID: id, Title: id, Pages: len(pages), Chars: t.Len()}
	m.Texts[id] = t
}

// Now implements coding.Tx.
func (m *MemTx) Now() time.Time { return m.Time }

// Coder implements coding.Tx.
func (m *MemTx) Coder() string { return m.CoderName }

func notFound(what, id string) error {
	return coding.Errorf(coding.KindNotFound, "get", id, "no such %s", what)
}

// lookup is what m holds under id: KindNotFound, naming what, when
// nothing.
func lookup[T any](m map[string]T, id, what string) (T, error) {
	if v, ok := m[id]; ok {
		return v, nil
	}
	var zero T
	return zero, notFound(what, id)
}

// lookupNamed is the value in m whose name (nameOf) is name in any case.
func lookupNamed[T any](m map[string]T, nameOf func(T) string, name, what string) (T, error) {
	for _, v := range m {
		if coding.SameName(nameOf(v), name) {
			return v, nil
		}
	}
	var zero T
	return zero, notFound(what, name)
}

// Document implements coding.Tx.
func (m *MemTx) Document(id string) (coding.Document, error) { return lookup(m.Docs, id, "document") }

// PutDocument implements coding.Tx: it replaces an existing document.
func (m *MemTx) PutDocument(d coding.Document) error {
	if _, ok := m.Docs[d.ID]; !ok {
		return notFound("document", d.ID)
	}
	m.Docs[d.ID] = d
	return nil
}

// Text implements coding.Tx.
func (m *MemTx) Text(id string) (*coding.Text, error) { return lookup(m.Texts, id, "document") }

// Fragment implements coding.Tx.
func (m *MemTx) Fragment(id string) (coding.Fragment, error) { return lookup(m.Frags, id, "fragment") }

// Fragments implements coding.Tx: a document's fragments, by start.
func (m *MemTx) Fragments(docID string) ([]coding.Fragment, error) {
	var out []coding.Fragment
	for _, f := range m.Frags {
		if f.DocID == docID {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b coding.Fragment) int { return a.Start - b.Start })
	return out, nil
}

// PutFragment implements coding.Tx.
func (m *MemTx) PutFragment(f coding.Fragment) error { m.Frags[f.ID] = f; return nil }

// DeleteFragment implements coding.Tx.
func (m *MemTx) DeleteFragment(id string) error { delete(m.Frags, id); return nil }

// CMOC implements coding.Tx.
func (m *MemTx) CMOC(id string) (coding.CMOC, error) { return lookup(m.CMOCs, id, "CMOC") }

// PutCMOC implements coding.Tx.
func (m *MemTx) PutCMOC(c coding.CMOC) error { m.CMOCs[c.ID] = c; return nil }

// DeleteCMOC implements coding.Tx.
func (m *MemTx) DeleteCMOC(id string) error { delete(m.CMOCs, id); return nil }

// Theory implements coding.Tx.
func (m *MemTx) Theory(id string) (coding.Theory, error) { return lookup(m.Theories, id, "theory") }

// TheoryNamed implements coding.Tx.
func (m *MemTx) TheoryNamed(name string) (coding.Theory, error) {
	return lookupNamed(m.Theories, func(v coding.Theory) string { return v.Name }, name, "theory")
}

// PutTheory implements coding.Tx.
func (m *MemTx) PutTheory(t coding.Theory) error { m.Theories[t.ID] = t; return nil }

// DeleteTheory implements coding.Tx.
func (m *MemTx) DeleteTheory(id string) error { delete(m.Theories, id); return nil }

// TheoryUses implements coding.Tx: the CMOCs by ID, the refining theories
// by name.
func (m *MemTx) TheoryUses(id string) (cmocs, refinedBy []string, err error) {
	if _, ok := m.Theories[id]; !ok {
		return nil, nil, notFound("theory", id)
	}
	for cid, c := range m.CMOCs {
		if c.TheoryID == id {
			cmocs = append(cmocs, cid)
		}
	}
	for tid, t := range m.Theories {
		if t.Refines == id {
			refinedBy = append(refinedBy, tid)
		}
	}
	slices.Sort(cmocs)
	slices.SortFunc(refinedBy, func(a, b string) int { return strings.Compare(m.Theories[a].Name, m.Theories[b].Name) })
	return cmocs, refinedBy, nil
}

// Label implements coding.Tx.
func (m *MemTx) Label(id string) (coding.Label, error) { return lookup(m.Codebook, id, "label") }

// LabelNamed implements coding.Tx.
func (m *MemTx) LabelNamed(name string) (coding.Label, error) {
	return lookupNamed(m.Codebook, func(v coding.Label) string { return v.Name }, name, "label")
}

// Labels implements coding.Tx: the codebook by name.
func (m *MemTx) Labels() ([]coding.Label, error) {
	out := slices.Collect(maps.Values(m.Codebook))
	slices.SortFunc(out, func(a, b coding.Label) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// PutLabel implements coding.Tx. A label needs an ID; a renamed one is
// renamed in the fragments and CMOCs that carry it, as storage (which
// refers to labels by ID) does.
func (m *MemTx) PutLabel(l coding.Label) error {
	if l.ID == "" {
		return fmt.Errorf("label %q without an ID", l.Name)
	}
	if old, ok := m.Codebook[l.ID]; ok && old.Name != l.Name {
		rename := func(names []string) []string {
			out := slices.Clone(names)
			for i, n := range out {
				if coding.SameName(n, old.Name) {
					out[i] = l.Name
				}
			}
			return out
		}
		for id, f := range m.Frags {
			f.Labels = rename(f.Labels)
			m.Frags[id] = f
		}
		for id, c := range m.CMOCs {
			c.Labels = rename(c.Labels)
			m.CMOCs[id] = c
		}
	}
	m.Codebook[l.ID] = l
	return nil
}

// DeleteLabel implements coding.Tx.
func (m *MemTx) DeleteLabel(id string) error { delete(m.Codebook, id); return nil }

// LabelUses implements coding.Tx: fragments and CMOCs by ID.
func (m *MemTx) LabelUses(id string) (frags, cmocs []string, err error) {
	l, ok := m.Codebook[id]
	if !ok {
		return nil, nil, notFound("label", id)
	}
	for fid, f := range m.Frags {
		if coding.HasName(f.Labels, l.Name) {
			frags = append(frags, fid)
		}
	}
	for cid, c := range m.CMOCs {
		if coding.HasName(c.Labels, l.Name) {
			cmocs = append(cmocs, cid)
		}
	}
	slices.Sort(frags)
	slices.Sort(cmocs)
	return frags, cmocs, nil
}

// FragmentLines lists the fragments one per line, in offset order, then
// by role: `context+ 4-9 "quick" [Trust] ana memo="..."`.
func (m *MemTx) FragmentLines() []string {
	fs := slices.Collect(maps.Values(m.Frags))
	slices.SortFunc(fs, func(a, b coding.Fragment) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return strings.Compare(string(a.Role), string(b.Role))
	})
	var out []string
	for _, f := range fs {
		line := fmt.Sprintf("%s%s %d-%d %q %v %s", f.Role, f.Valence, f.Start, f.End, f.Text, f.Labels, f.Coder)
		if f.Memo != "" {
			line += fmt.Sprintf(" memo=%q", f.Memo)
		}
		out = append(out, line)
	}
	return out
}
